import { todayInParis } from '../../domain/index.ts';
import { nextSequence } from '../replication/checkpoint.ts';
import type { SqliteDatabase } from './database.ts';

/**
 * The demo's accounts of the delegation service (README, "Delegations"): the director of the
 * Centre de santé Daumesnil, a délégant whose establishment director's card (its FINESS, holder
 * code 1234) opens the strong session a delegation needs; and délégués, who have no practice of
 * their own and reach the services only through a delegation — signed in with their password
 * (or the medical assistant with her CPE card), they act for their délégant from « Délégations reçues ».
 */
export const DEMO_DELEGATES = [
  { id: 'u-directeur-cds', email: 'cds.daumesnil@demo.test', password: 'Centre#2026', role: 'directeur_cds', accountKind: 'directeur', civility: 'M.', firstName: 'Karim', lastName: 'Benali', gender: 'M', structures: ['s-cds-daumesnil'] },
  { id: 'u-comptable', email: 'comptable@demo.test', password: 'Compta#2026', role: 'delegue', accountKind: 'delegue', civility: 'Mme', firstName: 'Léa', lastName: 'Fabre', gender: 'F', structures: [] },
  { id: 'u-assistante', email: 'assistante.medicale@demo.test', password: 'Assist#2026', role: 'delegue', accountKind: 'delegue', civility: 'Mme', firstName: 'Chloé', lastName: 'Bertin', gender: 'F', structures: [] },
] as const;

/** The CPE card of Dr Martin's medical assistant, as her delegation names it (first line of the card). */
export const DEMO_ASSISTANT_CPE = 'CPE-2026-0042';

/**
 * The demo's delegations, validated: Dr Claire Martin's accountant (« Comptable », from today for
 * three months) — the delegation to try « Mise à jour d'une délégation » on — and her medical
 * assistant (« Assistant médical », a year, with her CPE card: she signs in with it).
 */
const DEMO_DELEGATIONS = [
  { id: 'd-demo-comptable', delegantId: 'u-martin', delegateId: 'u-comptable', delegateEmail: 'comptable@demo.test', profile: 'comptable', cpeCardId: '', days: 90, structureIds: ['s-cabinet-martin'] },
  { id: 'd-demo-assistante', delegantId: 'u-martin', delegateId: 'u-assistante', delegateEmail: 'assistante.medicale@demo.test', profile: 'assistant_medical', cpeCardId: DEMO_ASSISTANT_CPE, days: 365, structureIds: ['s-cabinet-martin'] },
] as const;

const addDays = (date: string, days: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/** Inside the seed's transaction: the accounts (`passwordHashes` in `DEMO_DELEGATES`' order) and the validated delegations. */
export function seedDemoDelegations(db: SqliteDatabase, now: Date, passwordHashes: readonly string[]): void {
  const at = now.toISOString();
  const today = todayInParis(now);
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, role, civility, first_name, last_name, password_hash, created_at, account_kind, email_verified_at, welcomed_at, gender)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMembership = db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
  DEMO_DELEGATES.forEach((d, i) => {
    insertUser.run(d.id, d.email, d.role, d.civility, d.firstName, d.lastName, passwordHashes[i], at, d.accountKind, at, at, d.gender);
    for (const structureId of d.structures) insertMembership.run(d.id, structureId);
  });
  const insertDelegation = db.prepare(
    `INSERT INTO delegations (id, seq, delegant_id, delegate_id, delegate_email, profile, cpe_card_id, valid_from, valid_until, status, status_since, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'validee', ?, ?, ?)`,
  );
  const insertStructure = db.prepare('INSERT INTO delegation_structures (delegation_id, structure_id) VALUES (?, ?)');
  const insertTransition = db.prepare('INSERT INTO delegation_transitions (delegation_id, at, actor_id, action, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)');
  for (const d of DEMO_DELEGATIONS) {
    insertDelegation.run(d.id, nextSequence(db), d.delegantId, d.delegateId, d.delegateEmail, d.profile, d.cpeCardId, today, addDays(today, d.days), at, at, at);
    for (const structureId of d.structureIds) insertStructure.run(d.id, structureId);
    insertTransition.run(d.id, at, d.delegantId, 'create', null, 'en_cours');
    insertTransition.run(d.id, at, d.delegateId, 'accept', 'en_cours', 'validee');
  }
}
