import { createHash, randomBytes } from 'node:crypto';
import type { SessionStructure, SessionUser } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';

export type { SessionUser } from '../../domain/index.ts';

/**
 * Sessions: opaque random tokens given to the client once, stored only as their SHA-256 hash,
 * with an expiry; sign-out revokes.
 */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface Session {
  readonly user: SessionUser;
  readonly strongAuth: boolean;
  readonly expiresAt: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function loadUser(db: SqliteDatabase, userId: string): SessionUser | null {
  const row = db
    .prepare(
      `SELECT id, email, role, civility, first_name AS firstName, last_name AS lastName, account_kind AS accountKind,
              email_verified_at IS NOT NULL AS emailVerified, welcomed_at IS NULL AS firstSignIn,
              password_temporary_until IS NOT NULL AS passwordChangeRequired
         FROM users WHERE id = ?`,
    )
    .get(userId) as (Omit<SessionUser, 'structures' | 'emailVerified' | 'firstSignIn' | 'passwordChangeRequired'> & Record<'emailVerified' | 'firstSignIn' | 'passwordChangeRequired', number>) | undefined;
  if (!row) return null;
  const structures = db
    .prepare(
      `SELECT s.id, s.kind, s.name, s.am_number AS amNumber, s.finess
         FROM user_structures us JOIN structures s ON s.id = us.structure_id
        WHERE us.user_id = ? ORDER BY s.name`,
    )
    .all(userId) as SessionStructure[];
  return {
    ...row,
    emailVerified: row.emailVerified === 1,
    firstSignIn: row.firstSignIn === 1,
    passwordChangeRequired: row.passwordChangeRequired === 1,
    structures,
  };
}

export function createSession(db: SqliteDatabase, userId: string, now: Date, strongAuth = false): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  db.prepare('INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    strongAuth ? 1 : 0,
    now.toISOString(),
    expiresAt,
  );
  return { token, expiresAt };
}

/** The live session a token opens, or null (unknown, expired or revoked). */
export function findSession(db: SqliteDatabase, token: string, now: Date): Session | null {
  const row = db
    .prepare('SELECT user_id AS userId, strong_auth AS strongAuth, expires_at AS expiresAt, revoked_at AS revokedAt FROM sessions WHERE token_hash = ?')
    .get(hashToken(token)) as { userId: string; strongAuth: number; expiresAt: string; revokedAt: string | null } | undefined;
  if (!row || row.revokedAt !== null || row.expiresAt <= now.toISOString()) return null;
  const user = loadUser(db, row.userId);
  return user ? { user, strongAuth: row.strongAuth === 1, expiresAt: row.expiresAt } : null;
}

export function revokeSession(db: SqliteDatabase, token: string, now: Date): void {
  db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now.toISOString(), hashToken(token));
}
