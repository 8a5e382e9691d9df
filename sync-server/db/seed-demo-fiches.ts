import type { Fiche } from '../../domain/index.ts';
import type { StoredFicheDocument } from '../fiches/fiche-storage.ts';
import { SqliteFicheStore } from '../fiches/sqlite-fiche-store.ts';
import { nextSequence } from '../replication/checkpoint.ts';
import type { SqliteDatabase } from './database.ts';

/**
 * The insurer's directory of insured people in the demo: the host page's five « patients du
 * jour » and the people of the demo files. A new file whose NIR is one of these is prefilled,
 * read-only (NGUYEN Linh has no file yet: the way to try it).
 */
export const DEMO_INSURED_PEOPLE = [
  { nir: '285017511234512', lastName: 'DUPONT', birthName: '', firstName: 'Marie', birthDate: '1985-01-12' },
  { nir: '179056912345644', lastName: 'LEROY', birthName: '', firstName: 'Paul', birthDate: '1979-05-23' },
  { nir: '292079402803347', lastName: 'NGUYEN', birthName: 'TRAN', firstName: 'Linh', birthDate: '1992-07-04' },
  { nir: '112017505678925', lastName: 'PETIT', birthName: '', firstName: 'Jules', birthDate: '2012-01-30' },
  { nir: '201031305512306', lastName: 'ROUX', birthName: '', firstName: 'Inès', birthDate: '2001-03-17' },
  { nir: '155016900302744', lastName: 'MOREL', birthName: '', firstName: 'André', birthDate: '1955-01-20' },
  { nir: '265016900321097', lastName: 'MOREL', birthName: 'FAURE', firstName: 'Lucie', birthDate: '1965-01-08' },
  { nir: '180017511223331', lastName: 'GIRARD', birthName: '', firstName: 'Jean', birthDate: '1980-01-15' },
  { nir: '155017510432150', lastName: 'GIRARD', birthName: '', firstName: 'Pierre', birthDate: '1955-01-03' },
  { nir: '162027500411816', lastName: 'ROBIN', birthName: '', firstName: 'Pascal', birthDate: '1962-02-11' },
] as const;

type DemoFiche = Fiche & { declarantId: string; structureId: string; daysAgo: number };

const identity = (nir: string) => {
  const person = DEMO_INSURED_PEOPLE.find((p) => p.nir === nir)!;
  return { nir, lastName: person.lastName, firstName: person.firstName, birthDate: person.birthDate, ...(person.birthName ? { birthName: person.birthName } : {}) };
};

/**
 * The demo's Contact COVID files. Dr Durand's patient zéro and its contacts — among them
 * DUPONT Marie, to be found by her NIR by the pharmacist (the mask) and by the biologist (the
 * sample), or to become a patient zéro after an antigen test; and the Pharmacie Centrale's own
 * files of the guide's « Cas 2 » (two patients zéro after antigen tests, one contact).
 */
export const DEMO_FICHES: readonly DemoFiche[] = [
  {
    id: 'demo-p0-morel', kind: 'patient_zero', status: 'p0_confirme_a_trouver', ...identity('155016900302744'),
    phone: '0478000012', postcode: '69003', commune: 'Lyon', address: '8 rue Garibaldi', symptoms: 'oui', diagnosis: 'rt_pcr_positif', samplingDate: '2026-12-01',
    shareIdentityWithContacts: true, legalNotice: true, declarantId: 'u-durand', structureId: 's-cabinet-durand', daysAgo: 5,
  },
  {
    id: 'demo-pc-dupont', kind: 'contact', status: 'pc_a_contacter', indexCaseId: 'demo-p0-morel', ...identity('285017511234512'),
    phone: '0143000000', postcode: '75012', commune: 'Paris', diagnosis: 'en_attente', lastContactDate: '2026-11-29', wantsResults: true, resultsRecipient: 'Par SMS',
    declarantId: 'u-durand', structureId: 's-cabinet-durand', daysAgo: 4,
  },
  {
    id: 'demo-pc-morel', kind: 'contact', status: 'pc_contact_a_trouver', indexCaseId: 'demo-p0-morel', ...identity('265016900321097'),
    sameHousehold: true, postcode: '69003', commune: 'Lyon', homeSampling: true, declarantId: 'u-durand', structureId: 's-cabinet-durand', daysAgo: 4,
  },
  {
    id: 'demo-p0-robin', kind: 'patient_zero', status: 'p0_confirme_a_trouver', ...identity('162027500411816'),
    phone: '0611223344', postcode: '75004', commune: 'Paris', symptoms: 'non', diagnosis: 'antigenique_positif', samplingDate: '2026-11-30',
    legalNotice: true, declarantId: 'u-pharmacie-centrale', structureId: 's-pharmacie-centrale', daysAgo: 7,
  },
  {
    id: 'demo-p0-girard', kind: 'patient_zero', status: 'p0_confirme_a_trouver', ...identity('180017511223331'),
    phone: '0622334455', postcode: '75001', commune: 'Paris', symptoms: 'oui', diagnosis: 'antigenique_positif', samplingDate: '2026-12-05',
    shareIdentityWithContacts: true, legalNotice: true, declarantId: 'u-pharmacie-centrale', structureId: 's-pharmacie-centrale', daysAgo: 2,
  },
  {
    id: 'demo-pc-girard', kind: 'contact', status: 'pc_contact_a_trouver', indexCaseId: 'demo-p0-girard', ...identity('155017510432150'),
    sameHousehold: true, postcode: '75001', commune: 'Paris', legalNotice: true, declarantId: 'u-pharmacie-centrale', structureId: 's-pharmacie-centrale', daysAgo: 2,
  },
];

/** Writes the directory of insured people and, unless told not to, the demo files (in the seed's transaction). */
export function seedDemoFiches(db: SqliteDatabase, now: Date, { fiches = true } = {}): void {
  const insertInsured = db.prepare('INSERT INTO insured_people (nir, last_name, birth_name, first_name, birth_date) VALUES (?, ?, ?, ?, ?)');
  for (const p of DEMO_INSURED_PEOPLE) insertInsured.run(p.nir, p.lastName, p.birthName, p.firstName, p.birthDate);
  if (!fiches) return;
  const store = new SqliteFicheStore(db);
  for (const { daysAgo, ...fiche } of DEMO_FICHES) {
    const at = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    store.put({ ...fiche, createdAt: at, statusSince: at, updatedAt: at } as StoredFicheDocument, nextSequence(db));
  }
}
