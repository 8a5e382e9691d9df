import { createHash, randomBytes } from 'node:crypto';
import type { SessionStructure, SessionUser } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { SessionEvents } from '../session-events.ts';
import type { SessionRow, SessionStorage } from './auth-storage.ts';

export type { SessionUser } from '../../domain/index.ts';

/**
 * Sessions: opaque random tokens given to the client once, stored only as their SHA-256 hash,
 * with an expiry; sign-out revokes.
 */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface Session {
  /** Whose services the session reaches: the délégant, in a delegated session. */
  readonly user: SessionUser;
  readonly strongAuth: boolean;
  readonly expiresAt: string;
  /** A delegated session: who really acts (the délégué). Audit rows name both. */
  readonly actor?: SessionActor;
  /** A delegated session: the delegation it runs under, checked on every request. */
  readonly delegation?: SessionDelegation;
}

export interface SessionActor {
  readonly id: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export interface SessionDelegation {
  readonly id: string;
  readonly profile: string;
  readonly status: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly deletedAt: string | null;
  readonly structureIds: readonly string[];
}

/** Who acts (the délégué in a delegated session) and for whom: what an audit row records. */
export function auditParties(session: Session): { actorId: string; onBehalfOfId: string | null } {
  return session.actor ? { actorId: session.actor.id, onBehalfOfId: session.user.id } : { actorId: session.user.id, onBehalfOfId: null };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The statements of the session lookups, prepared once per database (a lookup runs on every request). */
const statementsOf = new WeakMap<SqliteDatabase, ReturnType<typeof prepareLookups>>();

function prepareLookups(db: SqliteDatabase) {
  return {
    session: db.prepare('SELECT user_id AS userId, strong_auth AS strongAuth, expires_at AS expiresAt, revoked_at AS revokedAt, delegation_id AS delegationId FROM sessions WHERE token_hash = ?'),
    user: db.prepare(
      `SELECT id, email, role, civility, first_name AS firstName, last_name AS lastName, account_kind AS accountKind,
              email_verified_at IS NOT NULL AS emailVerified, welcomed_at IS NULL AS firstSignIn,
              password_temporary_until IS NOT NULL AS passwordChangeRequired,
              EXISTS (SELECT 1 FROM users o WHERE o.email = users.email AND o.id <> users.id AND o.email_verified_at IS NOT NULL) AS ownEmailRequired,
              CASE WHEN account_kind = 'ancien' THEN json_object('status', 'choice_required')
                   ELSE (SELECT json_object('status', 'migrated', 'situation', m.situation, 'accountKind', m.account_kind)
                           FROM account_migrations m WHERE m.user_id = users.id AND m.acknowledged_at IS NULL) END AS accountMigration
         FROM users WHERE id = ?`,
    ),
    structures: db.prepare(
      `SELECT s.id, s.kind, s.name, s.am_number AS amNumber, s.finess
         FROM user_structures us JOIN structures s ON s.id = us.structure_id
        WHERE us.user_id = ? ORDER BY s.name`,
    ),
    delegation: db.prepare(
      `SELECT id, delegant_id AS delegantId, delegate_id AS delegateId, profile, status, valid_from AS validFrom, valid_until AS validUntil, deleted_at AS deletedAt
         FROM delegations WHERE id = ?`,
    ),
    delegationStructures: db.prepare('SELECT structure_id AS id FROM delegation_structures WHERE delegation_id = ?'),
  };
}

function lookups(db: SqliteDatabase): ReturnType<typeof prepareLookups> {
  let statements = statementsOf.get(db);
  if (!statements) {
    statements = prepareLookups(db);
    statementsOf.set(db, statements);
  }
  return statements;
}

export function loadUser(db: SqliteDatabase, userId: string): SessionUser | null {
  const statements = lookups(db);
  const row = statements.user.get(userId) as
    | (Omit<SessionUser, 'structures' | 'emailVerified' | 'firstSignIn' | 'passwordChangeRequired' | 'ownEmailRequired' | 'accountMigration'> &
        Record<'emailVerified' | 'firstSignIn' | 'passwordChangeRequired' | 'ownEmailRequired', number> & { accountMigration: string | null })
    | undefined;
  if (!row) return null;
  const structures = statements.structures.all(userId) as SessionStructure[];
  return {
    ...row,
    emailVerified: row.emailVerified === 1,
    firstSignIn: row.firstSignIn === 1,
    passwordChangeRequired: row.passwordChangeRequired === 1,
    ownEmailRequired: row.ownEmailRequired === 1,
    accountMigration: row.accountMigration === null ? null : (JSON.parse(row.accountMigration) as SessionUser['accountMigration']),
    structures,
  };
}

/** A new session's token and expiry, stored by `sessions` with the audit row of the sign-in (`auditAction`). */
export async function openSession(sessions: SessionStorage, userId: string, now: Date, strongAuth: boolean, auditAction: string | null): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  await sessions.create({ tokenHash: hashToken(token), userId, strongAuth, createdAt: now.toISOString(), expiresAt }, auditAction);
  return { token, expiresAt };
}

/** A new session in `db` (SQLite), in the caller's transaction; with `delegationId`, a délégué's session acting for the délégant. */
export function createSession(db: SqliteDatabase, userId: string, now: Date, strongAuth = false, delegationId: string | null = null): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  db.prepare('INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at, delegation_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    strongAuth ? 1 : 0,
    now.toISOString(),
    expiresAt,
    delegationId,
  );
  return { token, expiresAt };
}

/** The `sessions` row of a token's hash (SQLite). */
export function readSessionRow(db: SqliteDatabase, tokenHash: string): SessionRow | null {
  const row = lookups(db).session.get(tokenHash) as (Omit<SessionRow, 'strongAuth'> & { strongAuth: number }) | undefined;
  return row ? { ...row, strongAuth: row.strongAuth === 1 } : null;
}

/** The session a live row opens, its user (and delegation) read now (SQLite); null when the row is revoked or expired. */
export function sessionOfRow(db: SqliteDatabase, row: SessionRow, now: Date): Session | null {
  if (row.revokedAt !== null || row.expiresAt <= now.toISOString()) return null;
  const user = loadUser(db, row.userId);
  if (!user) return null;
  if (row.delegationId === null) return { user, strongAuth: row.strongAuth, expiresAt: row.expiresAt };
  return delegatedSession(db, user, row.delegationId, row.strongAuth, row.expiresAt);
}

/** The live session a token opens, or null (unknown, expired or revoked). */
export function findSession(db: SqliteDatabase, token: string, now: Date): Session | null {
  const row = readSessionRow(db, hashToken(token));
  return row ? sessionOfRow(db, row, now) : null;
}

/** How long a cached session row is trusted without an event: only a revocation written straight into the database waits for it. */
export const SESSION_CACHE_TTL_MS = 30_000;
const SESSION_CACHE_SIZE = 10_000;

/**
 * The session rows of the tokens seen lately, so that a request costs neither the token's hash
 * nor the read of its row: the user (and the delegation) are still read on every request, so a
 * profile, a role or a delegation's status is never stale. A row leaves the cache the moment
 * its session ends through this server (`SessionEvents`: sign-out, password changed or reset,
 * delegation deleted or refused), before the answer that ended it leaves: the next request with
 * that token reads the database again and is refused. Its expiry is checked on every use.
 *
 * Sessions several instances share (`SessionStorage.shared`: PostgreSQL) are not cached: a
 * session another instance ended is told to this one by no event in time, so its row is read
 * on every request — the database decides, and the token is refused here at once.
 */
export class SessionCache {
  readonly #rows = new Map<string, { readonly row: SessionRow; readonly tokenHash: string; readonly cachedAt: number }>();

  constructor(
    readonly sessions: SessionStorage,
    events: SessionEvents,
  ) {
    events.subscribe((end) => {
      for (const [token, entry] of this.#rows) {
        const ended =
          end.kind === 'session'
            ? entry.tokenHash === end.tokenHash
            : end.kind === 'account'
              ? entry.row.userId === end.userId && entry.tokenHash !== end.exceptTokenHash
              : entry.row.delegationId === end.delegationId;
        if (ended) this.#rows.delete(token);
      }
    });
  }

  async find(token: string, now: Date): Promise<Session | null> {
    if (this.sessions.shared) return this.read(token, now);
    const at = now.getTime();
    let entry = this.#rows.get(token);
    if (entry && at - entry.cachedAt >= SESSION_CACHE_TTL_MS) {
      this.#rows.delete(token);
      entry = undefined;
    }
    if (!entry) {
      const tokenHash = hashToken(token);
      const row = await this.sessions.row(tokenHash);
      if (!row) return null;
      entry = { row, tokenHash, cachedAt: at };
      if (row.revokedAt === null) {
        if (this.#rows.size >= SESSION_CACHE_SIZE) this.#rows.delete(this.#rows.keys().next().value!);
        this.#rows.set(token, entry);
      }
    }
    return this.sessions.open(entry.row, now);
  }

  /** The session as the database has it now, bypassing the cache (a long-lived stream's periodic re-check). */
  async read(token: string, now: Date): Promise<Session | null> {
    const row = await this.sessions.row(hashToken(token));
    return row ? this.sessions.open(row, now) : null;
  }
}

/**
 * A délégué's session acting for the délégant: the services reached are the délégant's, in the
 * structures the delegation selected; `actor` is the délégué. Whether the delegation still
 * allows it (status, deletion, window, profile) is checked on each request by the middleware.
 */
function delegatedSession(db: SqliteDatabase, actorUser: SessionUser, delegationId: string, strongAuth: boolean, expiresAt: string): Session | null {
  const statements = lookups(db);
  const delegation = statements.delegation.get(delegationId) as StoredDelegation | undefined;
  if (!delegation || delegation.delegateId !== actorUser.id) return null;
  const principal = loadUser(db, delegation.delegantId);
  if (!principal) return null;
  const structureIds = (statements.delegationStructures.all(delegationId) as { id: string }[]).map((s) => s.id);
  return delegatedSessionOf(actorUser, delegation, principal, structureIds, strongAuth, expiresAt);
}

/** A delegation as a delegated session reads it. */
export type StoredDelegation = Omit<SessionDelegation, 'structureIds'> & { readonly delegantId: string; readonly delegateId: string | null };

/** The délégué's session from what is stored: the délégant's services in the delegation's structures, the délégué as actor. */
export function delegatedSessionOf(actorUser: SessionUser, delegation: StoredDelegation, principal: SessionUser, structureIds: readonly string[], strongAuth: boolean, expiresAt: string): Session {
  const { delegantId: _delegant, delegateId: _delegate, ...rest } = delegation;
  return {
    user: { ...principal, structures: principal.structures.filter((s) => structureIds.includes(s.id)), firstSignIn: false, passwordChangeRequired: false, ownEmailRequired: false, accountMigration: null },
    strongAuth,
    expiresAt,
    actor: { id: actorUser.id, civility: actorUser.civility, firstName: actorUser.firstName, lastName: actorUser.lastName, email: actorUser.email },
    delegation: { ...rest, structureIds },
  };
}

/** Sign-out: the session ends, its open streams with it. */
export async function revokeSession(sessions: SessionStorage, token: string, now: Date, sessionEvents: SessionEvents): Promise<void> {
  const tokenHash = hashToken(token);
  await sessions.revoke(tokenHash, now);
  sessionEvents.publish({ kind: 'session', tokenHash });
}
