import { formatDate, formatNir } from '../domain/index.ts';
import { hostLocale, onHostLocale, tr } from './demo-i18n.ts';

/**
 * "Patients du jour": the product's own patient records (made up; the first three are also the
 * simulated Vitale cards of the secure exchanges). Choosing one tells the host page, which
 * opens Contact COVID searched by the patient's NIR.
 */
export interface DemoPatient {
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: string;
  readonly nir: string;
}

const PATIENTS_OF_THE_DAY: readonly DemoPatient[] = [
  { lastName: 'DUPONT', firstName: 'Marie', birthDate: '1985-01-12', nir: '285017511234512' },
  { lastName: 'LEROY', firstName: 'Paul', birthDate: '1979-05-23', nir: '179056912345644' },
  { lastName: 'NGUYEN', firstName: 'Linh', birthDate: '1992-07-04', nir: '292079402803347' },
  { lastName: 'PETIT', firstName: 'Jules', birthDate: '2012-01-30', nir: '112017505678925' },
  { lastName: 'ROUX', firstName: 'Inès', birthDate: '2001-03-17', nir: '201031305512306' },
];

export function mountPatientsOfTheDay(list: HTMLElement, onChoose: (patient: DemoPatient | null) => void): { clear(): void } {
  let chosen: DemoPatient | null = null;
  const buttons = PATIENTS_OF_THE_DAY.map((patient) => {
    const button = document.createElement('button');
    button.type = 'button';
    // A second click on the current patient lets go of them (every file again).
    button.addEventListener('click', () => {
      chosen = chosen === patient ? null : patient;
      mark();
      onChoose(chosen);
    });
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
    return { patient, button };
  });
  function mark(): void {
    for (const { patient, button } of buttons) button.setAttribute('aria-current', String(patient === chosen));
  }
  function label(): void {
    for (const { patient, button } of buttons) {
      const name = document.createElement('span');
      name.textContent = `${patient.lastName} ${patient.firstName}`;
      const details = document.createElement('small');
      details.textContent = `${tr('né(e) le', 'born')} ${formatDate(patient.birthDate, hostLocale())} · NIR ${formatNir(patient.nir)}`;
      button.replaceChildren(name, details);
    }
  }
  label();
  mark();
  onHostLocale(label);
  return {
    clear() {
      chosen = null;
      mark();
    },
  };
}
