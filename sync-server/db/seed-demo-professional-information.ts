import type { SqliteDatabase } from './database.ts';

/**
 * What the insurer's directories know of the demo's professionals and places beyond their names
 * and addresses (README, "Demo accounts"), shown in « Mon compte › Informations professionnelles »:
 * each professional's contract status (« Situation conventionnelle ») and approvals (« Agrément
 * radio »…), each place's phone and authorisations. Codes of `domain/account/professional-information.ts`.
 */
export const DEMO_PROFESSIONAL_INFORMATION: Readonly<Record<string, { readonly contractStatus: string; readonly approvals: readonly string[] }>> = {
  'p-martin': { contractStatus: 'secteur_1', approvals: ['radio'] },
  'p-durand': { contractStatus: 'secteur_2_optam', approvals: [] },
  'p-bernard': { contractStatus: 'conventionne', approvals: [] },
  'p-petit': { contractStatus: 'conventionne', approvals: [] },
  // The médecin conseil is the insurer's salaried doctor, the substitute takes the sector of whom they replace: nothing on file.
  'p-moreau': { contractStatus: '', approvals: [] },
  'p-garnier': { contractStatus: '', approvals: [] },
  'p-lambert': { contractStatus: 'secteur_1', approvals: [] },
  'p-roux': { contractStatus: 'secteur_2', approvals: ['radio'] },
  'p-haddad': { contractStatus: 'conventionne', approvals: [] },
  'p-fontaine': { contractStatus: '', approvals: [] },
  'p-leroy': { contractStatus: 'secteur_1', approvals: ['mammographie'] },
  'p-colin': { contractStatus: 'secteur_2_optam', approvals: [] },
  'p-roche': { contractStatus: 'conventionne', approvals: [] },
  'p-faure': { contractStatus: 'conventionne', approvals: [] },
  'p-leclerc': { contractStatus: 'conventionne', approvals: [] },
};

export const DEMO_PLACE_INFORMATION: Readonly<Record<string, { readonly phone: string; readonly approvals: readonly string[] }>> = {
  's-cabinet-martin': { phone: '01 43 07 12 34', approvals: [] },
  's-cabinet-durand': { phone: '04 78 60 21 45', approvals: [] },
  's-pharmacie-centrale': { phone: '01 42 72 03 18', approvals: ['vaccination', 'tests_antigeniques'] },
  's-labo-bio': { phone: '05 58 75 40 12', approvals: ['accreditation_cofrac', 'rt_pcr'] },
  's-cpam-75': { phone: '3608', approvals: [] },
  's-cabinet-lambert': { phone: '01 48 99 25 61', approvals: [] },
  's-cabinet-roux': { phone: '01 43 28 17 90', approvals: [] },
  's-pharmacie-marche': { phone: '01 43 57 88 02', approvals: ['vaccination'] },
  's-cds-daumesnil': { phone: '01 44 75 60 60', approvals: ['accord_national_cds'] },
  's-cds-lilas': { phone: '01 43 62 14 70', approvals: ['accord_national_cds'] },
  's-cabinet-leroy': { phone: '01 43 66 52 10', approvals: [] },
  's-cabinet-leroy-montreuil': { phone: '01 48 58 33 27', approvals: [] },
  's-cabinet-colin': { phone: '01 43 66 52 11', approvals: [] },
  's-pharmacie-halles': { phone: '01 42 36 10 52', approvals: ['vaccination'] },
  's-labo-coteaux': { phone: '05 56 44 27 80', approvals: ['accreditation_cofrac'] },
  's-pharmacie-gare': { phone: '04 78 37 62 15', approvals: ['tests_antigeniques'] },
};

/** Writes them where nothing is on file yet: a demo database seeded before them gets them once, and keeps what was changed since. */
export function seedDemoProfessionalInformation(db: SqliteDatabase): void {
  const professional = db.prepare("UPDATE directory_professionals SET contract_status = ?, approvals = ? WHERE id = ? AND contract_status = '' AND approvals = '[]'");
  for (const [id, info] of Object.entries(DEMO_PROFESSIONAL_INFORMATION)) professional.run(info.contractStatus, JSON.stringify(info.approvals), id);
  const place = db.prepare("UPDATE structures SET phone = ?, approvals = ? WHERE id = ? AND phone = '' AND approvals = '[]'");
  for (const [id, info] of Object.entries(DEMO_PLACE_INFORMATION)) place.run(info.phone, JSON.stringify(info.approvals), id);
}
