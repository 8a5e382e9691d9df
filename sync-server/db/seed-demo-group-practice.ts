import type { SqliteDatabase } from './database.ts';

/**
 * The demo's group practice (README, "Demo accounts"): the « Maison médicale des Tilleuls », where
 * Dr Thomas Leroy and Dr Inès Colin still share the secretariat's e-mail, as the guides describe
 * for a « cabinet de groupe ». That address names no single account: they sign in, and ask for a
 * reset link, with their AM number (« Mot de passe oublié » asks for it). Dr Leroy also practises
 * in Montreuil: two practices, each with its own AM number.
 */
export const DEMO_SHARED_EMAIL = 'secretariat.tilleuls@demo.test';

export const DEMO_GROUP_STRUCTURES = [
  { id: 's-cabinet-leroy', name: 'Cabinet du Dr Leroy (Maison médicale des Tilleuls)', amNumber: '752012344', street: '12 rue des Tilleuls', postcode: '75020', commune: 'Paris', insurerOffice: '751' },
  { id: 's-cabinet-leroy-montreuil', name: 'Cabinet du Dr Leroy (Montreuil)', amNumber: '931012348', street: '9 rue de Paris', postcode: '93100', commune: 'Montreuil', insurerOffice: '931' },
  { id: 's-cabinet-colin', name: 'Cabinet du Dr Colin (Maison médicale des Tilleuls)', amNumber: '752056788', street: '12 rue des Tilleuls', postcode: '75020', commune: 'Paris', insurerOffice: '751' },
] as const;

export const DEMO_GROUP_ACCOUNTS = [
  { id: 'u-leroy', directoryId: 'p-leroy', rpps: '10011234563', password: 'Medecin#2026', civility: 'Dr', firstName: 'Thomas', lastName: 'Leroy', gender: 'M', structures: ['s-cabinet-leroy', 's-cabinet-leroy-montreuil'] },
  { id: 'u-colin', directoryId: 'p-colin', rpps: '10012345673', password: 'Medecin#2026', civility: 'Dr', firstName: 'Inès', lastName: 'Colin', gender: 'F', structures: ['s-cabinet-colin'] },
] as const;

/** In a transaction: the structures, the directory and the two accounts (`passwordHashes` in `DEMO_GROUP_ACCOUNTS`' order). */
export function seedDemoGroupPractice(db: SqliteDatabase, now: Date, passwordHashes: readonly string[]): void {
  const at = now.toISOString();
  const insertStructure = db.prepare("INSERT INTO structures (id, kind, name, am_number, finess, street, postcode, commune, insurer_office) VALUES (?, 'cabinet', ?, ?, NULL, ?, ?, ?, ?)");
  const insertProfessional = db.prepare(
    "INSERT INTO directory_professionals (id, rpps, role, practice, civility, first_name, last_name, specialty, security_key_hash) VALUES (?, ?, 'medecin', 'liberal', ?, ?, ?, 'Médecine générale', NULL)",
  );
  const insertDirectoryMembership = db.prepare('INSERT INTO directory_memberships (professional_id, structure_id) VALUES (?, ?)');
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, email_verified_at, welcomed_at, gender)
     VALUES (?, ?, 'medecin', ?, ?, ?, ?, ?, ?, ?, 'liberal', ?, ?, ?)`,
  );
  const insertMembership = db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
  for (const s of DEMO_GROUP_STRUCTURES) insertStructure.run(s.id, s.name, s.amNumber, s.street, s.postcode, s.commune, s.insurerOffice);
  DEMO_GROUP_ACCOUNTS.forEach((a, i) => {
    insertProfessional.run(a.directoryId, a.rpps, a.civility, a.firstName, a.lastName);
    insertUser.run(a.id, DEMO_SHARED_EMAIL, a.civility, a.firstName, a.lastName, a.rpps, passwordHashes[i], at, a.directoryId, at, null, a.gender);
    for (const structureId of a.structures) {
      insertDirectoryMembership.run(a.directoryId, structureId);
      insertMembership.run(a.id, structureId);
    }
  });
}
