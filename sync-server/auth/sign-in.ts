import { validateAmNumber, validateFiness } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';
import { verifyPassword } from './passwords.ts';

/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_ATTEMPTS = 3;
export const LOCKOUT_MS = 15 * 60 * 1000;

const WRONG_CREDENTIALS = `Identifiant ou mot de passe incorrect. Au ${MAX_FAILED_ATTEMPTS}e échec consécutif, le compte est bloqué.`;

interface Candidate {
  readonly id: string;
  readonly passwordHash: string;
}

/**
 * The account an identifier names: an e-mail (only when no other account shares it), or the
 * AM / FINESS number of the account's structure when exactly one account holds it.
 */
function findAccount(db: SqliteDatabase, identifier: string): Candidate | null {
  const trimmed = identifier.trim();
  if (trimmed.includes('@')) {
    const rows = db.prepare('SELECT id, password_hash AS passwordHash FROM users WHERE email = ?').all(trimmed) as Candidate[];
    if (rows.length > 1) {
      throw new ApiError(409, 'Cette adresse e-mail est partagée par plusieurs comptes : connectez-vous avec votre numéro Assurance Maladie ou FINESS.', {
        reason: 'shared_email',
      });
    }
    return rows[0] ?? null;
  }
  const am = validateAmNumber(trimmed);
  const finess = validateFiness(trimmed);
  const number = am.valid ? am.value : finess.valid ? finess.value : null;
  if (number === null) return null;
  const rows = db
    .prepare(
      `SELECT u.id, u.password_hash AS passwordHash FROM users u
         JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
        WHERE s.am_number = ? OR s.finess = ?`,
    )
    .all(number, number) as Candidate[];
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * Wrong attempts on identifiers that match no account, counted like real ones so that the
 * lockout itself does not tell which identifiers exist. In memory: a restart forgets them.
 */
const unknownAttempts = new WeakMap<SqliteDatabase, Map<string, { attempts: number; lockedUntil: number }>>();

function countUnknownAttempt(db: SqliteDatabase, identifier: string, now: Date): string | null {
  let attempts = unknownAttempts.get(db);
  if (!attempts) unknownAttempts.set(db, (attempts = new Map()));
  if (attempts.size > 10_000) {
    for (const [key, value] of attempts) if (value.lockedUntil < now.getTime() && value.attempts < MAX_FAILED_ATTEMPTS) attempts.delete(key);
  }
  const key = identifier.trim().toLowerCase();
  const entry = attempts.get(key);
  if (entry && entry.lockedUntil > now.getTime()) return new Date(entry.lockedUntil).toISOString();
  const count = (entry && entry.lockedUntil === 0 ? entry.attempts : 0) + 1;
  const lockedUntil = count >= MAX_FAILED_ATTEMPTS ? now.getTime() + LOCKOUT_MS : 0;
  attempts.set(key, { attempts: count, lockedUntil });
  return lockedUntil > 0 ? new Date(lockedUntil).toISOString() : null;
}

function lockedError(lockedUntil: string, now: Date): ApiError {
  const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfter / 60);
  return new ApiError(423, `Votre compte est bloqué après ${MAX_FAILED_ATTEMPTS} mots de passe erronés. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou connectez-vous par carte CPS.`, {
    reason: 'locked',
    retryAfter,
  });
}

/**
 * Checks an identifier and password and returns the account id, or throws the 401 / 423 the
 * client shows. Each attempt is counted *before* the (slow) password check, in one atomic
 * UPDATE, so parallel guesses cannot slip past the limit.
 */
export async function signInWithPassword(db: SqliteDatabase, identifier: string, password: string, now: Date): Promise<string> {
  const account = findAccount(db, identifier);
  if (!account) {
    // Same work, answers and lockout as a wrong password: an identifier's existence is not revealed.
    await verifyPassword(password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const lockedUntil = countUnknownAttempt(db, identifier, now);
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new ApiError(401, WRONG_CREDENTIALS, { reason: 'wrong_credentials' });
  }
  const nowIso = now.toISOString();
  const reserved = db
    .prepare(
      `UPDATE users SET failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN 1 ELSE failed_attempts + 1 END,
                        locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END
        WHERE id = ? RETURNING failed_attempts AS attempt, locked_until AS lockedUntil`,
    )
    .get(nowIso, nowIso, account.id) as { attempt: number; lockedUntil: string | null };
  if (reserved.lockedUntil !== null) throw lockedError(reserved.lockedUntil, now);
  if (reserved.attempt > MAX_FAILED_ATTEMPTS) {
    throw lockedError(new Date(now.getTime() + LOCKOUT_MS).toISOString(), now);
  }
  if (await verifyPassword(password, account.passwordHash)) {
    db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(account.id);
    return account.id;
  }
  if (reserved.attempt >= MAX_FAILED_ATTEMPTS) {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(lockedUntil, account.id);
    throw lockedError(lockedUntil, now);
  }
  // The same answer as for an unknown identifier, so that it reveals nothing.
  throw new ApiError(401, WRONG_CREDENTIALS, { reason: 'wrong_credentials' });
}
