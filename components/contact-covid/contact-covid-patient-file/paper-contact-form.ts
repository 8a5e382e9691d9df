import { formatDate } from '../../../domain/validation/dates.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface PaperFormPatient {
  readonly lastName: string;
  readonly firstName: string;
  readonly nir?: string;
  readonly birthDate?: string;
}

/**
 * The paper contact form ("Formulaire de contact") the doctor gives the patient, who lists the
 * people they were in contact with, at least those of their household. A standalone, printable
 * HTML page (A4, print stylesheet), French by default.
 */
export function paperContactFormHtml(patient: PaperFormPatient, locale: string = 'fr', rows = 8): string {
  const en = locale.startsWith('en');
  const t = en
    ? {
        title: 'Contact form',
        intro: 'List the people you were in contact with, at least those who share your home, with as much information as possible. Give this form back to your doctor.',
        patient: 'Patient',
        born: 'born on',
        columns: ['Surname', 'First name', 'Phone', 'E-mail', 'Postcode / town', 'Same household?', 'Date of last contact'],
        notice: 'These details are used only to reach the contacts in the fight against the Covid-19 epidemic.',
      }
    : {
        title: 'Formulaire de contact',
        intro:
          'Indiquez les personnes avec qui vous avez été en contact, a minima celles qui partagent votre domicile, avec le plus d’informations possible. Remettez ce formulaire à votre médecin.',
        patient: 'Patient',
        born: 'né(e) le',
        columns: ['Nom', 'Prénom', 'Téléphone', 'E-mail', 'Code postal / commune', 'Même foyer ?', 'Date du dernier contact'],
        notice: 'Ces informations servent uniquement à joindre les personnes contacts aux seules fins de lutter contre l’épidémie de Covid-19.',
      };
  const name = `${escape(patient.lastName.toUpperCase())} ${escape(patient.firstName)}`;
  const identity = [patient.nir ? `NIR ${escape(formatNir(patient.nir))}` : '', patient.birthDate ? `${t.born} ${escape(formatDate(patient.birthDate, en ? 'en' : 'fr'))}` : '']
    .filter(Boolean)
    .join(' · ');
  const header = t.columns.map((c) => `<th scope="col">${c}</th>`).join('');
  const emptyRow = `<tr>${t.columns.map(() => '<td></td>').join('')}</tr>`;
  return `<!doctype html>
<html lang="${en ? 'en' : 'fr'}">
<head>
<meta charset="utf-8" />
<title>${t.title} — ${name}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: Arial, sans-serif; font-size: 11pt; color: #000; }
  h1 { font-size: 16pt; margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; margin-top: 4mm; }
  th, td { border: 1px solid #000; padding: 2mm; text-align: left; }
  td { height: 9mm; }
  .notice { font-size: 9pt; margin-top: 4mm; }
</style>
</head>
<body>
<h1>${t.title}</h1>
<p><strong>${t.patient} : ${name}</strong>${identity ? ` — ${identity}` : ''}</p>
<p>${t.intro}</p>
<table><thead><tr>${header}</tr></thead><tbody>${emptyRow.repeat(rows)}</tbody></table>
<p class="notice">${t.notice}</p>
</body>
</html>`;
}

/** Opens the paper form in a new window and prints it (the host page is left as it is). */
export function printPaperContactForm(patient: PaperFormPatient, locale: string = 'fr'): Window | null {
  const win = window.open('', '_blank');
  if (!win) return null;
  win.document.open();
  win.document.write(paperContactFormHtml(patient, locale));
  win.document.close();
  win.focus();
  win.print();
  return win;
}
