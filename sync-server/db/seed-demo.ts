import { hashPassword, hashSecurityKey } from '../auth/passwords.ts';
import type { SqliteDatabase } from './database.ts';
import { DEMO_DELEGATES, seedDemoDelegations } from './seed-demo-delegations.ts';
import { seedDemoFiches } from './seed-demo-fiches.ts';
import { seedDemoFormerAccounts } from './seed-demo-former-accounts.ts';
import { DEMO_GROUP_ACCOUNTS, seedDemoGroupPractice } from './seed-demo-group-practice.ts';
import { seedDemoProfessionalInformation } from './seed-demo-professional-information.ts';

/**
 * The demo world (README, "Demo accounts"): six accounts in their structures, the délégués and
 * their delegations (`seed-demo-delegations.ts`), a group practice whose two doctors share one
 * e-mail (`seed-demo-group-practice.ts`), a former pharmacy or laboratory account for each of the
 * three situations of their migration (`seed-demo-former-accounts.ts`), what the directories know
 * of their contract status, approvals and phones (`seed-demo-professional-information.ts`), the
 * directory of insured people and a few
 * Contact COVID files (`seed-demo-fiches.ts`). Identifiers pass
 * the domain validators (AM numbers, FINESS and RPPS carry their Luhn key). Each account has a
 * simulated CPS card: its RPPS number with the holder code `1234`.
 */
export const DEMO_STRUCTURES = [
  { id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null, street: '24 avenue Daumesnil', postcode: '75012', commune: 'Paris', insurerOffice: '751' },
  { id: 's-cabinet-durand', kind: 'cabinet', name: 'Cabinet Durand', amNumber: '691234561', finess: null, street: '8 rue Garibaldi', postcode: '69003', commune: 'Lyon', insurerOffice: '691' },
  { id: 's-pharmacie-centrale', kind: 'pharmacie', name: 'Pharmacie Centrale', amNumber: null, finess: '750043218', street: '3 rue de Rivoli', postcode: '75004', commune: 'Paris', insurerOffice: '751' },
  { id: 's-labo-bio', kind: 'laboratoire', name: 'Laboratoire Bio Analyses', amNumber: null, finess: '403700396', street: '12 rue Victor Hugo', postcode: '40000', commune: 'Mont-de-Marsan', insurerOffice: '401' },
  { id: 's-cpam-75', kind: 'organisme', name: '751 - CPAM de PARIS', amNumber: null, finess: null, street: '21 rue Georges Auric', postcode: '75019', commune: 'Paris', insurerOffice: '751' },
  // Known to the insurer's directory, no account yet: the demo's account creations (README).
  { id: 's-cabinet-lambert', kind: 'cabinet', name: 'Cabinet Lambert', amNumber: '940123409', finess: null, street: '5 place Salvador Allende', postcode: '94000', commune: 'Créteil', insurerOffice: '941' },
  { id: 's-cabinet-roux', kind: 'cabinet', name: 'Cabinet Roux', amNumber: '940234503', finess: null, street: '17 rue de Fontenay', postcode: '94300', commune: 'Vincennes', insurerOffice: '941' },
  { id: 's-pharmacie-marche', kind: 'pharmacie', name: 'Pharmacie du Marché', amNumber: null, finess: '750078909', street: '40 boulevard Voltaire', postcode: '75011', commune: 'Paris', insurerOffice: '751' },
  // The health centre whose director has an account (seed-demo-delegations.ts): a director's card signs them in, to delegate.
  { id: 's-cds-daumesnil', kind: 'centre_sante', name: 'Centre de santé Daumesnil', amNumber: null, finess: '750054322', street: '40 avenue Daumesnil', postcode: '75012', commune: 'Paris', insurerOffice: '751' },
  { id: 's-cds-lilas', kind: 'centre_sante', name: 'Centre de santé des Lilas', amNumber: null, finess: '930045604', street: '36 rue de Paris', postcode: '93260', commune: 'Les Lilas', insurerOffice: '931' },
] as const;

/**
 * The insurer's directory of professionals (référentiel): who may create an account, in which
 * structures, and for liberal professionals the security key (NIR + last 4 characters of the
 * professional IBAN). The demo accounts are in it; so are four professionals without an account.
 */
export const DEMO_DIRECTORY = [
  { id: 'p-martin', rpps: '10001234565', role: 'medecin', practice: 'liberal', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', specialty: 'Médecine générale', structures: ['s-cabinet-martin'], securityKey: null },
  { id: 'p-durand', rpps: '10002345675', role: 'medecin', practice: 'liberal', civility: 'Dr', firstName: 'Pierre', lastName: 'Durand', specialty: 'Médecine générale', structures: ['s-cabinet-durand'], securityKey: null },
  { id: 'p-bernard', rpps: '10003456786', role: 'pharmacien', practice: 'structure', civility: 'Mme', firstName: 'Sophie', lastName: 'Bernard', specialty: 'Pharmacie d’officine', structures: ['s-pharmacie-centrale'], securityKey: null },
  { id: 'p-petit', rpps: '10004567896', role: 'biologiste', practice: 'structure', civility: 'M.', firstName: 'Marc', lastName: 'Petit', specialty: 'Biologie médicale', structures: ['s-labo-bio'], securityKey: null },
  { id: 'p-moreau', rpps: '10005678908', role: 'medecin_conseil', practice: 'salarie', civility: 'Dr', firstName: 'Anne', lastName: 'Moreau', specialty: 'Médecin conseil', structures: ['s-cpam-75'], securityKey: null },
  { id: 'p-garnier', rpps: '10006789019', role: 'medecin', practice: 'liberal', civility: 'Dr', firstName: 'Lucas', lastName: 'Garnier', specialty: 'Médecine générale (remplaçant)', structures: [], securityKey: null },
  { id: 'p-lambert', rpps: '10007890121', role: 'medecin', practice: 'liberal', civility: 'Dr', firstName: 'Julie', lastName: 'Lambert', specialty: 'Médecine générale', structures: ['s-cabinet-lambert'], securityKey: { nir: '286059402812325', ibanLast4: '0147' } },
  { id: 'p-roux', rpps: '10008901232', role: 'medecin', practice: 'liberal', civility: 'Dr', firstName: 'Hugo', lastName: 'Roux', specialty: 'Pédiatrie', structures: ['s-cabinet-roux'], securityKey: { nir: '179017511204574', ibanLast4: '2290' } },
  { id: 'p-haddad', rpps: '10009012344', role: 'pharmacien', practice: 'structure', civility: 'Mme', firstName: 'Nadia', lastName: 'Haddad', specialty: 'Pharmacie d’officine', structures: ['s-pharmacie-marche'], securityKey: null },
  { id: 'p-fontaine', rpps: '10010123452', role: 'medecin', practice: 'salarie', civility: 'Dr', firstName: 'Emma', lastName: 'Fontaine', specialty: 'Médecine générale', structures: ['s-cds-lilas'], securityKey: null },
] as const;

export const DEMO_ACCOUNTS = [
  { id: 'u-martin', directoryId: 'p-martin', accountKind: 'liberal', rpps: '10001234565', email: 'dr.martin@demo.test', password: 'Medecin#2026', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', structures: ['s-cabinet-martin'] },
  { id: 'u-durand', directoryId: 'p-durand', accountKind: 'liberal', rpps: '10002345675', email: 'dr.durand@demo.test', password: 'Medecin#2026', role: 'medecin', civility: 'Dr', firstName: 'Pierre', lastName: 'Durand', structures: ['s-cabinet-durand'] },
  { id: 'u-pharmacie-centrale', directoryId: 'p-bernard', accountKind: 'responsable', rpps: '10003456786', email: 'pharmacie.centrale@demo.test', password: 'Pharma#2026', role: 'pharmacien', civility: 'Mme', firstName: 'Sophie', lastName: 'Bernard', structures: ['s-pharmacie-centrale'] },
  { id: 'u-labo-bio', directoryId: 'p-petit', accountKind: 'responsable', rpps: '10004567896', email: 'labo.bio@demo.test', password: 'Biolog#2026', role: 'biologiste', civility: 'M.', firstName: 'Marc', lastName: 'Petit', structures: ['s-labo-bio'] },
  { id: 'u-conseil', directoryId: 'p-moreau', accountKind: 'organisme', rpps: '10005678908', email: 'conseil@demo.test', password: 'Conseil#2026', role: 'medecin_conseil', civility: 'Dr', firstName: 'Anne', lastName: 'Moreau', structures: ['s-cpam-75'] },
  { id: 'u-remplacant', directoryId: 'p-garnier', accountKind: 'liberal', rpps: '10006789019', email: 'remplacant@demo.test', password: 'Rempla#2026', role: 'medecin', civility: 'Dr', firstName: 'Lucas', lastName: 'Garnier', structures: [] },
] as const;

/**
 * Fills an empty database with the demo world; does nothing if any account exists — except, on a
 * demo database seeded before them, adding the insured people and the demo files once. `fiches:
 * false` leaves out the demo's Contact COVID files (the server's own tests start from none).
 */
export async function seedDemo(db: SqliteDatabase, now: Date = new Date(), { fiches = true } = {}): Promise<boolean> {
  const { count } = db.prepare('SELECT COUNT(*) AS count FROM users').get() as { count: number };
  const groupHashes = () => Promise.all(DEMO_GROUP_ACCOUNTS.map((account) => hashPassword(account.password)));
  const formerHashes = () => Promise.all([hashPassword('Pharma#2026'), hashPassword('Biolog#2026')]);
  if (count > 0) {
    setDemoGenders(db);
    const has = (id: string) => db.prepare('SELECT 1 FROM users WHERE id = ?').get(id) !== undefined;
    // A demo database seeded before the group practice, or before the former accounts, gets them once.
    if (has('u-martin') && !has(DEMO_GROUP_ACCOUNTS[0].id)) {
      const hashes = await groupHashes();
      db.transaction(() => seedDemoGroupPractice(db, now, hashes))();
    }
    if (has('u-martin') && !has('u-pharmacie-halles')) {
      const [pharmacy, lab] = await formerHashes();
      db.transaction(() => seedDemoFormerAccounts(db, now, pharmacy!, lab!))();
    }
    seedDemoProfessionalInformation(db);
    return topUpDemo(db, now, fiches);
  }
  const [hashes, keyHashes, delegateHashes, groupPracticeHashes, [formerPharmacyHash, formerLabHash]] = await Promise.all([
    Promise.all(DEMO_ACCOUNTS.map((account) => hashPassword(account.password))),
    Promise.all(DEMO_DIRECTORY.map((p) => (p.securityKey ? hashSecurityKey(p.securityKey.nir, p.securityKey.ibanLast4) : null))),
    Promise.all(DEMO_DELEGATES.map((account) => hashPassword(account.password))),
    groupHashes(),
    formerHashes(),
  ]);
  const insertStructure = db.prepare(
    'INSERT INTO structures (id, kind, name, am_number, finess, street, postcode, commune, insurer_office) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertProfessional = db.prepare(
    'INSERT INTO directory_professionals (id, rpps, role, practice, civility, first_name, last_name, specialty, security_key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDirectoryMembership = db.prepare('INSERT INTO directory_memberships (professional_id, structure_id) VALUES (?, ?)');
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, email_verified_at, welcomed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
  const at = now.toISOString();
  db.transaction(() => {
    for (const s of DEMO_STRUCTURES) insertStructure.run(s.id, s.kind, s.name, s.amNumber, s.finess, s.street, s.postcode, s.commune, s.insurerOffice);
    DEMO_DIRECTORY.forEach((p, i) => {
      insertProfessional.run(p.id, p.rpps, p.role, p.practice, p.civility, p.firstName, p.lastName, p.specialty, keyHashes[i]);
      for (const structureId of p.structures) insertDirectoryMembership.run(p.id, structureId);
    });
    DEMO_ACCOUNTS.forEach((a, i) => {
      insertUser.run(a.id, a.email, a.role, a.civility, a.firstName, a.lastName, a.rpps, hashes[i], at, a.directoryId, a.accountKind, at, at);
      for (const structureId of a.structures) insertMembership.run(a.id, structureId);
    });
    setDemoGenders(db);
    seedDemoDelegations(db, now, delegateHashes);
    seedDemoGroupPractice(db, now, groupPracticeHashes);
    seedDemoFormerAccounts(db, now, formerPharmacyHash!, formerLabHash!);
    seedDemoProfessionalInformation(db);
    seedDemoFiches(db, now, { fiches });
  })();
  return true;
}

/** A demo database from before the directory of insured people: it gets it, and the demo files, once. */
/** The demo people's genders (F or M), for the pronouns of their e-mails; kept when already set. */
const DEMO_GENDERS: Readonly<Record<string, 'F' | 'M'>> = { 'u-martin': 'F', 'u-durand': 'M', 'u-pharmacie-centrale': 'F', 'u-labo-bio': 'M', 'u-conseil': 'F', 'u-remplacant': 'M' };

/** The demo doctors who signed the medical assistant contract: Dr Claire Martin (Dr Pierre Durand did not). */
const DEMO_ASSISTANT_CONTRACTS = ['p-martin'];

function setDemoGenders(db: SqliteDatabase): void {
  const update = db.prepare("UPDATE users SET gender = ? WHERE id = ? AND gender = ''");
  for (const [id, gender] of Object.entries(DEMO_GENDERS)) update.run(gender, id);
  const contract = db.prepare('UPDATE directory_professionals SET assistant_contract = 1 WHERE id = ?');
  for (const id of DEMO_ASSISTANT_CONTRACTS) contract.run(id);
}

function topUpDemo(db: SqliteDatabase, now: Date, fiches: boolean): boolean {
  const { insured } = db.prepare('SELECT COUNT(*) AS insured FROM insured_people').get() as { insured: number };
  const demoAccounts = db.prepare('SELECT COUNT(*) AS n FROM users WHERE id IN (?, ?)').get('u-durand', 'u-pharmacie-centrale') as { n: number };
  if (insured > 0 || demoAccounts.n < 2) return false;
  db.transaction(() => seedDemoFiches(db, now, { fiches }))();
  return true;
}
