import type { Session } from '../auth/sessions.ts';
import type { PublishedChange } from '../replication/change-hub.ts';

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

/**
 * The same scope as routing keys for the live changes (`ChangeHub`): a change of a file goes to
 * every file's key, its structure's, and the users holding a grant on it (`grantedTo`, read in
 * the write's transaction); a revocation to the users it revokes alone. A stream listens to the
 * keys of its scope, so no stream decides with SQL.
 */
const EVERY_FILE = 'every-file';
const structureKey = (structureId: string) => `structure:${structureId}`;
const userKey = (userId: string) => `user:${userId}`;

export function ficheStreamKeys(scope: FicheScope): string[] {
  if (scope.nothing) return [];
  return [...(scope.everything ? [EVERY_FILE] : scope.structureIds.map(structureKey)), userKey(scope.userId)];
}

export function ficheChangeKeys(change: PublishedChange<Readonly<Record<string, unknown>>>): string[] {
  if (change.revokedFrom !== undefined) return change.revokedFrom.map(userKey);
  const structureId = change.document.structureId;
  return [EVERY_FILE, ...(typeof structureId === 'string' ? [structureKey(structureId)] : []), ...(change.grantedTo ?? []).map(userKey)];
}

/**
 * Whether a scope sees a file: everything, its structures', or one granted to its user (`granted`,
 * asked only then: a read of the grants).
 */
export function canSeeFiche(scope: FicheScope, fiche: { id: string; structureId: string }, granted: (ficheId: string) => boolean): boolean {
  if (scope.nothing) return false;
  if (scope.everything || scope.structureIds.includes(fiche.structureId)) return true;
  return granted(fiche.id);
}
