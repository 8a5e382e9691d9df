import type pg from 'pg';
import type { SessionUser } from '../../domain/index.ts';
import { transaction } from '../db/postgres/sequenced-transaction.ts';
import { queuePostgresMessages } from '../outbox/postgres-outbox.ts';
import type {
  AuthStores,
  CredentialStorage,
  LockoutKind,
  LockoutStorage,
  PasswordResetStorage,
  RateLimitStorage,
  RateWindow,
  Reservation,
  SessionRow,
  SessionStorage,
  SignInCandidate,
  StrongAuthFlowStorage,
} from './auth-storage.ts';
import { delegatedSessionOf, type Session, type StoredDelegation } from './sessions.ts';
import type { StrongIdentity } from './strong-auth.ts';

/**
 * The stores of signing in and sessions on PostgreSQL (`auth-storage.ts`), shared by every
 * instance on the database: each method one statement or one transaction, the decisions taken
 * by the database — a link used by one conditional UPDATE (a parallel use waits for the row and
 * finds it used), a lockout's row locked (`FOR UPDATE`) while a check is reserved, a rate limit's
 * window counted by one upsert.
 */
export function postgresAuthStores(pool: pg.Pool): AuthStores {
  return {
    sessions: new PostgresSessionStore(pool),
    lockouts: new PostgresLockoutStore(pool),
    rateLimits: new PostgresRateLimitStore(pool),
    credentials: new PostgresCredentialStore(pool),
    passwordResets: new PostgresPasswordResetStore(pool),
    strongAuthFlows: new PostgresStrongAuthFlowStore(pool),
  };
}

/** The user as a session shows it, its structures in one column (ordered as SQLite orders them: by name, bytewise). */
const SESSION_USER = `SELECT u.id, u.email, u.role, u.civility, u.first_name AS "firstName", u.last_name AS "lastName", u.account_kind AS "accountKind",
         u.email_verified_at IS NOT NULL AS "emailVerified", u.welcomed_at IS NULL AS "firstSignIn",
         u.password_temporary_until IS NOT NULL AS "passwordChangeRequired",
         EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower(u.email) AND o.id <> u.id AND o.email_verified_at IS NOT NULL) AS "ownEmailRequired",
         CASE WHEN u.account_kind = 'ancien' THEN json_build_object('status', 'choice_required')
              ELSE (SELECT json_build_object('status', 'migrated', 'situation', m.situation, 'accountKind', m.account_kind)
                      FROM account_migrations m WHERE m.user_id = u.id AND m.acknowledged_at IS NULL) END AS "accountMigration",
         COALESCE((SELECT json_agg(json_build_object('id', s.id, 'kind', s.kind, 'name', s.name, 'amNumber', s.am_number, 'finess', s.finess) ORDER BY s.name COLLATE "C")
                     FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = u.id), '[]'::json) AS structures
    FROM users u WHERE u.id = $1`;

export async function loadPostgresUser(db: Pick<pg.Pool, 'query'>, userId: string): Promise<SessionUser | null> {
  const { rows } = await db.query<SessionUser>(SESSION_USER, [userId]);
  return rows[0] ?? null;
}

class PostgresSessionStore implements SessionStorage {
  readonly shared = true;
  constructor(private readonly pool: pg.Pool) {}

  async create(session: Parameters<SessionStorage['create']>[0], auditAction: string | null): Promise<void> {
    await this.pool.query(
      `WITH opened AS (INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at) VALUES ($1, $2, $3, $4, $5))
       INSERT INTO audit (at, actor_id, action, changes) SELECT $4, $2, $6, '{}' WHERE $6::text IS NOT NULL`,
      [session.tokenHash, session.userId, session.strongAuth ? 1 : 0, session.createdAt, session.expiresAt, auditAction],
    );
  }

  async row(tokenHash: string): Promise<SessionRow | null> {
    const { rows } = await this.pool.query<SessionRow>(
      `SELECT user_id AS "userId", strong_auth = 1 AS "strongAuth", expires_at AS "expiresAt", revoked_at AS "revokedAt", delegation_id AS "delegationId"
         FROM sessions WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async open(row: SessionRow, now: Date): Promise<Session | null> {
    if (row.revokedAt !== null || row.expiresAt <= now.toISOString()) return null;
    const user = await loadPostgresUser(this.pool, row.userId);
    if (!user) return null;
    if (row.delegationId === null) return { user, strongAuth: row.strongAuth, expiresAt: row.expiresAt };
    const { rows } = await this.pool.query<StoredDelegation & { structureIds: string[] }>(
      `SELECT d.id, d.delegant_id AS "delegantId", d.delegate_id AS "delegateId", d.profile, d.status, d.valid_from AS "validFrom", d.valid_until AS "validUntil",
              d.deleted_at AS "deletedAt", ARRAY(SELECT structure_id FROM delegation_structures WHERE delegation_id = d.id) AS "structureIds"
         FROM delegations d WHERE d.id = $1`,
      [row.delegationId],
    );
    const delegation = rows[0];
    if (!delegation || delegation.delegateId !== user.id) return null;
    const principal = await loadPostgresUser(this.pool, delegation.delegantId);
    if (!principal) return null;
    const { structureIds, ...stored } = delegation;
    return delegatedSessionOf(user, stored, principal, structureIds, row.strongAuth, row.expiresAt);
  }

  user(userId: string): Promise<SessionUser | null> {
    return loadPostgresUser(this.pool, userId);
  }

  async revoke(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [at.toISOString(), tokenHash]);
  }
}

/** Where each lockout keeps its counter (constants, never input), as on SQLite. */
const LOCKOUT_COLUMNS: Readonly<Record<LockoutKind, { readonly table: string; readonly failed: string; readonly lockedUntil: string; readonly created: boolean }>> = {
  account: { table: 'users', failed: 'failed_attempts', lockedUntil: 'locked_until', created: false },
  unknown_identifier: { table: 'unknown_identifier_attempts', failed: 'failed_attempts', lockedUntil: 'locked_until', created: true },
  card: { table: 'card_holder_attempts', failed: 'failed_attempts', lockedUntil: 'locked_until', created: true },
  security_key: { table: 'directory_professionals', failed: 'key_failed_attempts', lockedUntil: 'key_locked_until', created: false },
};

class PostgresLockoutStore implements LockoutStorage {
  constructor(private readonly pool: pg.Pool) {}

  reserve(kind: LockoutKind, id: string, now: Date, max: number): Promise<Reservation> {
    const { table, failed, lockedUntil, created } = LOCKOUT_COLUMNS[kind];
    return transaction(this.pool, async (client): Promise<Reservation> => {
      if (created) await client.query(`INSERT INTO ${table} (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [id]);
      // The row stays locked until this reservation is written: parallel reservations on any instance take turns.
      const { rows } = await client.query<{ failed: number; lockedUntil: string | null }>(`SELECT ${failed} AS failed, ${lockedUntil} AS "lockedUntil" FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      if (!row) return { lockedUntil: null, rank: 1 };
      let count = row.failed;
      if (row.lockedUntil !== null) {
        if (row.lockedUntil > now.toISOString()) return { lockedUntil: row.lockedUntil, rank: null };
        count = 0;
      }
      if (count >= max) return { lockedUntil: null, rank: null };
      await client.query(`UPDATE ${table} SET ${failed} = $1, ${lockedUntil} = NULL WHERE id = $2`, [count + 1, id]);
      return { lockedUntil: null, rank: count + 1 };
    });
  }

  async right(kind: LockoutKind, id: string): Promise<void> {
    const { table, failed, lockedUntil } = LOCKOUT_COLUMNS[kind];
    await this.pool.query(`UPDATE ${table} SET ${failed} = 0, ${lockedUntil} = NULL WHERE id = $1`, [id]);
  }

  async wrong(kind: LockoutKind, id: string, rank: number, max: number, lockUntil: string): Promise<string | null> {
    if (rank < max) return null;
    const { table, lockedUntil } = LOCKOUT_COLUMNS[kind];
    const { rows } = await this.pool.query<{ lockedUntil: string }>(`UPDATE ${table} SET ${lockedUntil} = COALESCE(${lockedUntil}, $1) WHERE id = $2 RETURNING ${lockedUntil} AS "lockedUntil"`, [lockUntil, id]);
    return rows[0]?.lockedUntil ?? lockUntil;
  }

  async purge(now: Date): Promise<void> {
    await this.pool.query('DELETE FROM unknown_identifier_attempts WHERE locked_until <= $1', [now.toISOString()]);
  }
}

class PostgresRateLimitStore implements RateLimitStorage {
  constructor(private readonly pool: pg.Pool) {}

  async hit(key: string, nowMs: number, windowMs: number): Promise<RateWindow> {
    const { rows } = await this.pool.query<RateWindow>(
      `INSERT INTO rate_limit_windows AS w (key, count, reset_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET count = CASE WHEN w.reset_at <= $3 THEN 1 ELSE w.count + 1 END,
                                        reset_at = CASE WHEN w.reset_at <= $3 THEN excluded.reset_at ELSE w.reset_at END
       RETURNING count, reset_at AS "resetAt"`,
      [key, nowMs + windowMs, nowMs],
    );
    return rows[0]!;
  }

  async count(key: string, nowMs: number): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>('SELECT count FROM rate_limit_windows WHERE key = $1 AND reset_at > $2', [key, nowMs]);
    return rows[0]?.count ?? 0;
  }

  async refund(key: string, resetAt: number): Promise<void> {
    await this.pool.query('UPDATE rate_limit_windows SET count = count - 1 WHERE key = $1 AND reset_at = $2 AND count > 0', [key, resetAt]);
  }

  async purge(nowMs: number): Promise<void> {
    await this.pool.query('DELETE FROM rate_limit_windows WHERE reset_at <= $1', [nowMs]);
  }
}

const CANDIDATE = 'u.id, u.password_hash AS "passwordHash", u.password_temporary_until AS "temporaryUntil", u.account_kind AS kind, u.email';

class PostgresCredentialStore implements CredentialStorage {
  constructor(private readonly pool: pg.Pool) {}

  async byEmail(email: string): Promise<SignInCandidate[]> {
    return (await this.pool.query<SignInCandidate>(`SELECT ${CANDIDATE} FROM users u WHERE lower(u.email) = lower($1) AND u.email_verified_at IS NOT NULL`, [email])).rows;
  }

  async byNumber(number: string): Promise<SignInCandidate[]> {
    const { rows } = await this.pool.query<SignInCandidate>(
      `SELECT ${CANDIDATE} FROM users u
         JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
        WHERE (s.am_number = $1 OR s.finess = $1) AND u.account_kind IN ('liberal', 'administratif', 'directeur', 'ancien')`,
      [number],
    );
    return rows;
  }

  async hasValidatedDelegation(userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("SELECT 1 FROM delegations WHERE delegate_id = $1 AND status = 'validee' AND deleted_at IS NULL LIMIT 1", [userId]);
    return (rowCount ?? 0) > 0;
  }

  async byCard(identity: StrongIdentity): Promise<string | null> {
    const { rows } = identity.cpeCardId
      ? await this.pool.query<{ id: string }>(
          `SELECT delegate_id AS id FROM delegations
            WHERE cpe_card_id = $1 AND profile = 'assistant_medical' AND status = 'validee' AND deleted_at IS NULL AND delegate_id IS NOT NULL
            ORDER BY seq DESC LIMIT 1`,
          [identity.cpeCardId],
        )
      : identity.directorOf
        ? await this.pool.query<{ id: string }>(
            `SELECT u.id FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
              WHERE s.finess = $1 AND s.kind = 'centre_sante' AND u.account_kind = 'directeur' LIMIT 1`,
            [identity.directorOf],
          )
        : await this.pool.query<{ id: string }>('SELECT id FROM users WHERE rpps = $1', [identity.rpps]);
    return rows[0]?.id ?? null;
  }
}

/** Ends the account's reset links not used yet, in the transaction of `client`. */
export async function revokePostgresResetLinks(client: Pick<pg.PoolClient, 'query'>, userId: string, at: string): Promise<void> {
  await client.query('UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL', [at, userId]);
}

class PostgresPasswordResetStore implements PasswordResetStorage {
  constructor(private readonly pool: pg.Pool) {}

  issue(link: Parameters<PasswordResetStorage['issue']>[0], message: Parameters<PasswordResetStorage['issue']>[1]): Promise<void> {
    return transaction(this.pool, async (client) => {
      await revokePostgresResetLinks(client, link.userId, link.createdAt);
      await client.query('INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [link.tokenHash, link.userId, link.createdAt, link.expiresAt]);
      await queuePostgresMessages(client, this.pool, [message], link.createdAt);
    });
  }

  use(tokenHash: string, passwordHash: string, at: Date): Promise<string | null> {
    const nowIso = at.toISOString();
    return transaction(this.pool, async (client) => {
      // A parallel use of the same link waits for this row, then finds it used.
      const { rows } = await client.query<{ userId: string }>(
        'UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id AS "userId"',
        [nowIso, tokenHash],
      );
      const userId = rows[0]?.userId;
      if (userId === undefined) return null;
      await revokePostgresResetLinks(client, userId, nowIso);
      await client.query('UPDATE users SET password_hash = $1, failed_attempts = 0, locked_until = NULL WHERE id = $2', [passwordHash, userId]);
      await client.query('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [nowIso, userId]);
      await client.query("INSERT INTO audit (at, actor_id, action, changes) VALUES ($1, $2, 'password_reset', '{}')", [nowIso, userId]);
      return userId;
    });
  }
}

class PostgresStrongAuthFlowStore implements StrongAuthFlowStorage {
  constructor(private readonly pool: pg.Pool) {}

  start(flow: Parameters<StrongAuthFlowStorage['start']>[0], now: Date): Promise<void> {
    return transaction(this.pool, async (client) => {
      await client.query('DELETE FROM strong_auth_flows WHERE expires_at <= $1', [now.toISOString()]);
      await client.query('INSERT INTO strong_auth_flows (state_hash, code_verifier, nonce, expires_at) VALUES ($1, $2, $3, $4)', [flow.stateHash, flow.codeVerifier, flow.nonce, flow.expiresAt]);
    });
  }

  async take(stateHash: string) {
    const { rows } = await this.pool.query<{ verifier: string; nonce: string; expiresAt: string }>(
      'DELETE FROM strong_auth_flows WHERE state_hash = $1 RETURNING code_verifier AS verifier, nonce, expires_at AS "expiresAt"',
      [stateHash],
    );
    return rows[0] ?? null;
  }
}
