import type { SqliteDatabase } from './database.ts';

/**
 * The demo's former pharmacy and laboratory accounts (README, "Demo accounts"; pharmacists'
 * guide, « Migration vers les nouveaux comptes »): one per situation, each of kind `ancien`
 * until its next sign-in migrates it.
 *
 * 1. Pharmacie des Halles — Mme Camille Roche signs in with her CPS card: a structure-manager
 *    account at once.
 * 2. Laboratoire des Coteaux — M. Julien Faure signs in with his password (e-mail or FINESS), no
 *    administrative account is known: he chooses.
 * 3. Pharmacie de la Gare — M. Antoine Leclerc signs in with his password, the pharmacy already
 *    has an administrative account (`officine.gare@demo.test`): a structure-manager account at once.
 */
export const DEMO_FORMER_STRUCTURES = [
  { id: 's-pharmacie-halles', kind: 'pharmacie', name: 'Pharmacie des Halles', finess: '750012346', street: '12 rue Montorgueil', postcode: '75001', commune: 'Paris', insurerOffice: '751' },
  { id: 's-labo-coteaux', kind: 'laboratoire', name: 'Laboratoire des Coteaux', finess: '330123456', street: '8 cours de l’Intendance', postcode: '33000', commune: 'Bordeaux', insurerOffice: '331' },
  { id: 's-pharmacie-gare', kind: 'pharmacie', name: 'Pharmacie de la Gare', finess: '690045679', street: '2 place Carnot', postcode: '69002', commune: 'Lyon', insurerOffice: '691' },
] as const;

export const DEMO_FORMER_ACCOUNTS = [
  {
    id: 'u-pharmacie-halles',
    directoryId: 'p-roche',
    rpps: '10013456784',
    role: 'pharmacien',
    civility: 'Mme',
    firstName: 'Camille',
    lastName: 'Roche',
    gender: 'F',
    specialty: 'Pharmacie d’officine',
    email: 'pharmacie.halles@demo.test',
    password: 'Pharma#2026',
    structure: 's-pharmacie-halles',
  },
  {
    id: 'u-labo-coteaux',
    directoryId: 'p-faure',
    rpps: '10014567894',
    role: 'biologiste',
    civility: 'M.',
    firstName: 'Julien',
    lastName: 'Faure',
    gender: 'M',
    specialty: 'Biologie médicale',
    email: 'labo.coteaux@demo.test',
    password: 'Biolog#2026',
    structure: 's-labo-coteaux',
  },
  {
    id: 'u-pharmacie-gare',
    directoryId: 'p-leclerc',
    rpps: '10015678906',
    role: 'pharmacien',
    civility: 'M.',
    firstName: 'Antoine',
    lastName: 'Leclerc',
    gender: 'M',
    specialty: 'Pharmacie d’officine',
    email: 'pharmacie.gare@demo.test',
    password: 'Pharma#2026',
    structure: 's-pharmacie-gare',
  },
] as const;

/** The administrative account the Pharmacie de la Gare already has (situation 3). */
export const DEMO_GARE_ADMINISTRATIVE = { id: 'u-pharmacie-gare-admin', email: 'officine.gare@demo.test', password: 'Pharma#2026', structure: 's-pharmacie-gare' } as const;

/** In a transaction: the structures, the directory, the former accounts and the administrative one (`passwordHash`: « Pharma#2026 », `labHash`: « Biolog#2026 »). */
export function seedDemoFormerAccounts(db: SqliteDatabase, now: Date, passwordHash: string, labHash: string): void {
  const at = now.toISOString();
  const insertStructure = db.prepare('INSERT INTO structures (id, kind, name, am_number, finess, street, postcode, commune, insurer_office) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)');
  const insertProfessional = db.prepare(
    "INSERT INTO directory_professionals (id, rpps, role, practice, civility, first_name, last_name, specialty, security_key_hash) VALUES (?, ?, ?, 'structure', ?, ?, ?, ?, NULL)",
  );
  const insertDirectoryMembership = db.prepare('INSERT INTO directory_memberships (professional_id, structure_id) VALUES (?, ?)');
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, email_verified_at, welcomed_at, gender)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
  for (const s of DEMO_FORMER_STRUCTURES) insertStructure.run(s.id, s.kind, s.name, s.finess, s.street, s.postcode, s.commune, s.insurerOffice);
  for (const a of DEMO_FORMER_ACCOUNTS) {
    insertProfessional.run(a.directoryId, a.rpps, a.role, a.civility, a.firstName, a.lastName, a.specialty);
    insertDirectoryMembership.run(a.directoryId, a.structure);
    insertUser.run(a.id, a.email, a.role, a.civility, a.firstName, a.lastName, a.rpps, a.role === 'biologiste' ? labHash : passwordHash, at, a.directoryId, 'ancien', at, at, a.gender);
    insertMembership.run(a.id, a.structure);
  }
  const admin = DEMO_GARE_ADMINISTRATIVE;
  insertUser.run(admin.id, admin.email, 'pharmacien', '', '', 'Pharmacie de la Gare', null, passwordHash, at, null, 'administratif', at, at, '');
  insertMembership.run(admin.id, admin.structure);
}
