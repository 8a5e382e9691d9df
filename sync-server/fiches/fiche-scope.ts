import type { Statement } from 'better-sqlite3';
import type { Session } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';

/**
 * Which files a user may see (SPEC §1, §3): the insurer's platform agents see every file; the
 * médecin conseil none; everyone else the files of their structures plus the ones they were
 * granted (opened by a NIR search, shared later). Decided on the server for every read,
 * write and stream event.
 */
export interface FicheScope {
  readonly userId: string;
  readonly everything: boolean;
  readonly nothing: boolean;
  readonly structureIds: readonly string[];
}

export function ficheScopeOf(session: Session): FicheScope {
  return {
    userId: session.user.id,
    everything: session.user.role === 'agent_plateforme',
    nothing: session.user.role === 'medecin_conseil',
    structureIds: session.user.structures.map((s) => s.id),
  };
}

const grantLookup = new WeakMap<SqliteDatabase, Statement>();

export function hasGrant(db: SqliteDatabase, userId: string, ficheId: string): boolean {
  let statement = grantLookup.get(db);
  if (!statement) {
    statement = db.prepare('SELECT 1 FROM fiche_access WHERE user_id = ? AND fiche_id = ?');
    grantLookup.set(db, statement);
  }
  return statement.get(userId, ficheId) !== undefined;
}

export function canSeeFiche(db: SqliteDatabase, scope: FicheScope, fiche: { id: string; structureId: string }): boolean {
  if (scope.nothing) return false;
  if (scope.everything || scope.structureIds.includes(fiche.structureId)) return true;
  return hasGrant(db, scope.userId, fiche.id);
}
