import type { SqliteDatabase } from '../db/database.ts';
import { queueMessage } from '../outbox/outbox.ts';
import type {
  AuthStores,
  CredentialStorage,
  LockoutKind,
  LockoutStorage,
  PasswordResetStorage,
  RateLimitStorage,
  RateWindow,
  Reservation,
  SessionStorage,
  SignInCandidate,
  StrongAuthFlowStorage,
} from './auth-storage.ts';
import { loadUser, readSessionRow, sessionOfRow } from './sessions.ts';
import type { StrongIdentity } from './strong-auth.ts';

/**
 * The stores of signing in and sessions on SQLite (`auth-storage.ts`): each method one
 * synchronous transaction on the one connection, answered as a Promise. One process per file:
 * the database decides, as on PostgreSQL.
 */
export function sqliteAuthStores(db: SqliteDatabase): AuthStores {
  return {
    sessions: new SqliteSessionStore(db),
    lockouts: new SqliteLockoutStore(db),
    rateLimits: new SqliteRateLimitStore(db),
    credentials: new SqliteCredentialStore(db),
    passwordResets: new SqlitePasswordResetStore(db),
    strongAuthFlows: new SqliteStrongAuthFlowStore(db),
  };
}

class SqliteSessionStore implements SessionStorage {
  readonly shared = false;
  constructor(private readonly db: SqliteDatabase) {}

  async create(session: Parameters<SessionStorage['create']>[0], auditAction: string | null): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(session.tokenHash, session.userId, session.strongAuth ? 1 : 0, session.createdAt, session.expiresAt);
      if (auditAction !== null) this.db.prepare('INSERT INTO audit (at, actor_id, action) VALUES (?, ?, ?)').run(session.createdAt, session.userId, auditAction);
    })();
  }

  async row(tokenHash: string) {
    return readSessionRow(this.db, tokenHash);
  }

  async open(row: Parameters<SessionStorage['open']>[0], now: Date) {
    return sessionOfRow(this.db, row, now);
  }

  async user(userId: string) {
    return loadUser(this.db, userId);
  }

  async revoke(tokenHash: string, at: Date): Promise<void> {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(at.toISOString(), tokenHash);
  }
}

/** Where each lockout keeps its counter: the table, its columns, and whether its row is created on first use (constants, never input). */
export const LOCKOUT_COLUMNS: Readonly<Record<LockoutKind, { readonly table: string; readonly failed: string; readonly lockedUntil: string; readonly created: boolean }>> = {
  account: { table: 'users', failed: 'failed_attempts', lockedUntil: 'locked_until', created: false },
  unknown_identifier: { table: 'unknown_identifier_attempts', failed: 'failed_attempts', lockedUntil: 'locked_until', created: true },
  card: { table: 'card_holder_attempts', failed: 'failed_attempts', lockedUntil: 'locked_until', created: true },
  security_key: { table: 'directory_professionals', failed: 'key_failed_attempts', lockedUntil: 'key_locked_until', created: false },
};

class SqliteLockoutStore implements LockoutStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async reserve(kind: LockoutKind, id: string, now: Date, max: number): Promise<Reservation> {
    const { table, failed, lockedUntil, created } = LOCKOUT_COLUMNS[kind];
    return this.db.transaction((): Reservation => {
      if (created) this.db.prepare(`INSERT OR IGNORE INTO ${table} (id) VALUES (?)`).run(id);
      const row = this.db.prepare(`SELECT ${failed} AS failed, ${lockedUntil} AS lockedUntil FROM ${table} WHERE id = ?`).get(id) as { failed: number; lockedUntil: string | null } | undefined;
      if (!row) return { lockedUntil: null, rank: 1 };
      let count = row.failed;
      if (row.lockedUntil !== null) {
        if (row.lockedUntil > now.toISOString()) return { lockedUntil: row.lockedUntil, rank: null };
        count = 0;
      }
      if (count >= max) return { lockedUntil: null, rank: null };
      this.db.prepare(`UPDATE ${table} SET ${failed} = ?, ${lockedUntil} = NULL WHERE id = ?`).run(count + 1, id);
      return { lockedUntil: null, rank: count + 1 };
    })();
  }

  async right(kind: LockoutKind, id: string): Promise<void> {
    const { table, failed, lockedUntil } = LOCKOUT_COLUMNS[kind];
    this.db.prepare(`UPDATE ${table} SET ${failed} = 0, ${lockedUntil} = NULL WHERE id = ?`).run(id);
  }

  async wrong(kind: LockoutKind, id: string, rank: number, max: number, lockUntil: string): Promise<string | null> {
    if (rank < max) return null;
    const { table, lockedUntil } = LOCKOUT_COLUMNS[kind];
    const row = this.db.prepare(`UPDATE ${table} SET ${lockedUntil} = COALESCE(${lockedUntil}, ?) WHERE id = ? RETURNING ${lockedUntil} AS lockedUntil`).get(lockUntil, id) as
      | { lockedUntil: string }
      | undefined;
    return row?.lockedUntil ?? lockUntil;
  }

  async purge(now: Date): Promise<void> {
    this.db.prepare('DELETE FROM unknown_identifier_attempts WHERE locked_until <= ?').run(now.toISOString());
  }
}

class SqliteRateLimitStore implements RateLimitStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async hit(key: string, nowMs: number, windowMs: number): Promise<RateWindow> {
    return this.db
      .prepare(
        `INSERT INTO rate_limit_windows (key, count, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET count = CASE WHEN reset_at <= ? THEN 1 ELSE count + 1 END,
                                          reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END
         RETURNING count, reset_at AS resetAt`,
      )
      .get(key, nowMs + windowMs, nowMs, nowMs) as RateWindow;
  }

  async count(key: string, nowMs: number): Promise<number> {
    const row = this.db.prepare('SELECT count FROM rate_limit_windows WHERE key = ? AND reset_at > ?').get(key, nowMs) as { count: number } | undefined;
    return row?.count ?? 0;
  }

  async refund(key: string, resetAt: number): Promise<void> {
    this.db.prepare('UPDATE rate_limit_windows SET count = count - 1 WHERE key = ? AND reset_at = ? AND count > 0').run(key, resetAt);
  }

  async purge(nowMs: number): Promise<void> {
    this.db.prepare('DELETE FROM rate_limit_windows WHERE reset_at <= ?').run(nowMs);
  }
}

const CANDIDATE = 'u.id, u.password_hash AS passwordHash, u.password_temporary_until AS temporaryUntil, u.account_kind AS kind, u.email';

/**
 * Accounts the AM / FINESS number signs in: a liberal professional's, a structure's
 * administrative account, a health-centre director's, and a pharmacy's or lab's former account
 * until it is migrated. A structure manager or a salaried professional signs in with their
 * e-mail or their card (seed 000, "Migration").
 */
export const NUMBER_ACCOUNT_KINDS = "('liberal', 'administratif', 'directeur', 'ancien')";

class SqliteCredentialStore implements CredentialStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async byEmail(email: string): Promise<SignInCandidate[]> {
    return this.db.prepare(`SELECT ${CANDIDATE} FROM users u WHERE u.email = ? AND u.email_verified_at IS NOT NULL`).all(email) as SignInCandidate[];
  }

  async byNumber(number: string): Promise<SignInCandidate[]> {
    return this.db
      .prepare(
        `SELECT ${CANDIDATE} FROM users u
           JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
          WHERE (s.am_number = ? OR s.finess = ?) AND u.account_kind IN ${NUMBER_ACCOUNT_KINDS}`,
      )
      .all(number, number) as SignInCandidate[];
  }

  async hasValidatedDelegation(userId: string): Promise<boolean> {
    return this.db.prepare("SELECT 1 FROM delegations WHERE delegate_id = ? AND status = 'validee' AND deleted_at IS NULL").get(userId) !== undefined;
  }

  async byCard(identity: StrongIdentity): Promise<string | null> {
    const row = identity.cpeCardId
      ? this.db
          .prepare(
            `SELECT delegate_id AS id FROM delegations
              WHERE cpe_card_id = ? AND profile = 'assistant_medical' AND status = 'validee' AND deleted_at IS NULL AND delegate_id IS NOT NULL
              ORDER BY seq DESC LIMIT 1`,
          )
          .get(identity.cpeCardId)
      : identity.directorOf
        ? this.db
            .prepare(
              `SELECT u.id FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
                WHERE s.finess = ? AND s.kind = 'centre_sante' AND u.account_kind = 'directeur' LIMIT 1`,
            )
            .get(identity.directorOf)
        : this.db.prepare('SELECT id FROM users WHERE rpps = ?').get(identity.rpps);
    return (row as { id: string } | undefined)?.id ?? null;
  }
}

/** Ends the account's reset links not used yet (a newer link, a reset, a password change), in the caller's transaction. */
export function revokeResetLinks(db: SqliteDatabase, userId: string, now: Date): void {
  db.prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(now.toISOString(), userId);
}

class SqlitePasswordResetStore implements PasswordResetStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async issue(link: Parameters<PasswordResetStorage['issue']>[0], message: Parameters<PasswordResetStorage['issue']>[1]): Promise<void> {
    const at = new Date(link.createdAt);
    this.db.transaction(() => {
      // Only the latest link lives: the older ones die with this request.
      revokeResetLinks(this.db, link.userId, at);
      this.db.prepare('INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(link.tokenHash, link.userId, link.createdAt, link.expiresAt);
      queueMessage(this.db, message, at);
    })();
  }

  async use(tokenHash: string, passwordHash: string, at: Date): Promise<string | null> {
    const nowIso = at.toISOString();
    return this.db.transaction(() => {
      const used = this.db
        .prepare('UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id AS userId')
        .get(nowIso, tokenHash, nowIso) as { userId: string } | undefined;
      if (!used) return null;
      revokeResetLinks(this.db, used.userId, at);
      this.db.prepare('UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(passwordHash, used.userId);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(nowIso, used.userId);
      this.db.prepare("INSERT INTO audit (at, actor_id, action) VALUES (?, ?, 'password_reset')").run(nowIso, used.userId);
      return used.userId;
    })();
  }
}

class SqliteStrongAuthFlowStore implements StrongAuthFlowStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async start(flow: Parameters<StrongAuthFlowStorage['start']>[0], now: Date): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM strong_auth_flows WHERE expires_at <= ?').run(now.toISOString());
      this.db.prepare('INSERT INTO strong_auth_flows (state_hash, code_verifier, nonce, expires_at) VALUES (?, ?, ?, ?)').run(flow.stateHash, flow.codeVerifier, flow.nonce, flow.expiresAt);
    })();
  }

  async take(stateHash: string) {
    return (
      (this.db.prepare('DELETE FROM strong_auth_flows WHERE state_hash = ? RETURNING code_verifier AS verifier, nonce, expires_at AS expiresAt').get(stateHash) as
        | { verifier: string; nonce: string; expiresAt: string }
        | undefined) ?? null
    );
  }
}
