import { hashPassword } from '../auth/passwords.ts';
import type { SqliteDatabase } from './database.ts';

/**
 * The demo world (README, "Demo accounts"): six accounts in their structures. Identifiers pass
 * the domain validators (AM numbers, FINESS and RPPS carry their Luhn key). Each account has a
 * simulated CPS card: its RPPS number with the holder code `1234`.
 */
export const DEMO_STRUCTURES = [
  { id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null, postcode: '75012', commune: 'Paris' },
  { id: 's-cabinet-durand', kind: 'cabinet', name: 'Cabinet Durand', amNumber: '691234561', finess: null, postcode: '69003', commune: 'Lyon' },
  { id: 's-pharmacie-centrale', kind: 'pharmacie', name: 'Pharmacie Centrale', amNumber: null, finess: '750043218', postcode: '75004', commune: 'Paris' },
  { id: 's-labo-bio', kind: 'laboratoire', name: 'Laboratoire Bio Analyses', amNumber: null, finess: '403700396', postcode: '40000', commune: 'Mont-de-Marsan' },
  { id: 's-cpam-75', kind: 'organisme', name: '751 - CPAM de PARIS', amNumber: null, finess: null, postcode: '75019', commune: 'Paris' },
] as const;

export const DEMO_ACCOUNTS = [
  { id: 'u-martin', rpps: '10001234565', email: 'dr.martin@demo.test', password: 'Medecin#2026', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', structures: ['s-cabinet-martin'] },
  { id: 'u-durand', rpps: '10002345675', email: 'dr.durand@demo.test', password: 'Medecin#2026', role: 'medecin', civility: 'Dr', firstName: 'Pierre', lastName: 'Durand', structures: ['s-cabinet-durand'] },
  { id: 'u-pharmacie-centrale', rpps: '10003456786', email: 'pharmacie.centrale@demo.test', password: 'Pharma#2026', role: 'pharmacien', civility: 'Mme', firstName: 'Sophie', lastName: 'Bernard', structures: ['s-pharmacie-centrale'] },
  { id: 'u-labo-bio', rpps: '10004567896', email: 'labo.bio@demo.test', password: 'Biolog#2026', role: 'biologiste', civility: 'M.', firstName: 'Marc', lastName: 'Petit', structures: ['s-labo-bio'] },
  { id: 'u-conseil', rpps: '10005678908', email: 'conseil@demo.test', password: 'Conseil#2026', role: 'medecin_conseil', civility: 'Dr', firstName: 'Anne', lastName: 'Moreau', structures: ['s-cpam-75'] },
  { id: 'u-remplacant', rpps: '10006789019', email: 'remplacant@demo.test', password: 'Rempla#2026', role: 'medecin', civility: 'Dr', firstName: 'Lucas', lastName: 'Garnier', structures: [] },
] as const;

/** Fills an empty database with the demo world; does nothing if any account exists. */
export async function seedDemo(db: SqliteDatabase, now: Date = new Date()): Promise<boolean> {
  const { count } = db.prepare('SELECT COUNT(*) AS count FROM users').get() as { count: number };
  if (count > 0) return false;
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hashPassword(account.password)));
  const insertStructure = db.prepare(
    'INSERT INTO structures (id, kind, name, am_number, finess, postcode, commune) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertUser = db.prepare(
    'INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertMembership = db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
  db.transaction(() => {
    for (const s of DEMO_STRUCTURES) insertStructure.run(s.id, s.kind, s.name, s.amNumber, s.finess, s.postcode, s.commune);
    DEMO_ACCOUNTS.forEach((a, i) => {
      insertUser.run(a.id, a.email, a.role, a.civility, a.firstName, a.lastName, a.rpps, hashes[i], now.toISOString());
      for (const structureId of a.structures) insertMembership.run(a.id, structureId);
    });
  })();
  return true;
}
