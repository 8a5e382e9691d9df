import { validateAmNumber, validateFiness } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { Localized } from '../../domain/i18n/index.ts';
import { ApiError } from '../http-errors.ts';
import { AttemptCounter, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, minutesText } from './attempt-counter.ts';
import { passwordHashing } from './passwords.ts';

export { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from './attempt-counter.ts';

const WRONG_CREDENTIALS: Localized = {
  fr: `Identifiant ou mot de passe incorrect. Au ${MAX_FAILED_ATTEMPTS}e échec consécutif, le compte est bloqué.`,
  en: `Wrong identifier or password. After ${MAX_FAILED_ATTEMPTS} failures in a row, the account is locked.`,
};

/** A délégué's account opens once the délégant validated the delegation (also said when the account is created). */
const DELEGATION_PENDING: Localized = {
  fr: 'La connexion au portail sera possible lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation.',
  en: 'You will be able to sign in once the health professional who started the delegation has validated it.',
};

interface Candidate {
  readonly id: string;
  readonly passwordHash: string;
  readonly temporaryUntil: string | null;
  readonly kind: string;
}

const CANDIDATE = 'u.id, u.password_hash AS passwordHash, u.password_temporary_until AS temporaryUntil, u.account_kind AS kind';

/**
 * Accounts the AM / FINESS number signs in: a liberal professional's, a structure's
 * administrative account, a health-centre director's. A structure manager or a salaried
 * professional signs in with their e-mail or their card (seed 000, "Migration").
 */
const NUMBER_ACCOUNT_KINDS = "('liberal', 'administratif', 'directeur')";

/**
 * The account an identifier names: a validated e-mail (only when no other account shares it),
 * or the AM / FINESS number of the account's structure when exactly one account holds it.
 */
function findAccount(db: SqliteDatabase, identifier: string): Candidate | null {
  const trimmed = identifier.trim();
  if (trimmed.includes('@')) {
    const rows = db.prepare(`SELECT ${CANDIDATE} FROM users u WHERE u.email = ? AND u.email_verified_at IS NOT NULL`).all(trimmed) as Candidate[];
    if (rows.length > 1) {
      throw new ApiError(
        409,
        {
          fr: 'Cette adresse e-mail est partagée par plusieurs comptes : connectez-vous avec votre numéro Assurance Maladie ou FINESS.',
          en: 'This e-mail address is shared by several accounts: sign in with your health-insurance or FINESS number.',
        },
        { reason: 'shared_email' },
      );
    }
    return rows[0] ?? null;
  }
  const am = validateAmNumber(trimmed);
  const finess = validateFiness(trimmed);
  const number = am.valid ? am.value : finess.valid ? finess.value : null;
  if (number === null) return null;
  const rows = db
    .prepare(
      `SELECT ${CANDIDATE} FROM users u
         JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
        WHERE (s.am_number = ? OR s.finess = ?) AND u.account_kind IN ${NUMBER_ACCOUNT_KINDS}`,
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

const lockedMessage = (minutes: number): Localized => ({
  fr: `Votre compte est bloqué après ${MAX_FAILED_ATTEMPTS} mots de passe erronés. Réessayez dans ${minutesText(minutes)}, ou connectez-vous par carte CPS.`,
  en: `Your account is locked after ${MAX_FAILED_ATTEMPTS} wrong passwords. Try again in ${minutesText(minutes)}, or sign in with your CPS card.`,
});

const counters = new WeakMap<SqliteDatabase, AttemptCounter>();
const counterOf = (db: SqliteDatabase) => {
  let counter = counters.get(db);
  if (!counter) counters.set(db, (counter = new AttemptCounter(db, { table: 'users', attempts: 'failed_attempts', lockedUntil: 'locked_until' }, lockedMessage)));
  return counter;
};

/** A hash no password matches, checked for an unknown identifier: the same work as for a real one. */
const NO_ACCOUNT_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks an identifier and password and returns the account id, or throws the 401 / 423 the
 * client shows. Every answer — unknown identifier, wrong password, locked account, locked
 * unknown identifier — costs one password check, so its time says nothing about the account.
 * Only wrong passwords count (`AttemptCounter`): right ones arriving together all get in.
 */
export async function signInWithPassword(db: SqliteDatabase, identifier: string, password: string, now: Date): Promise<string> {
  const account = findAccount(db, identifier);
  if (!account) {
    // Same work, answers and lockout as a wrong password: an identifier's existence is not revealed.
    await passwordHashing.verify(password, NO_ACCOUNT_HASH);
    const lockedUntil = countUnknownAttempt(db, identifier, now);
    if (lockedUntil) throw counterOf(db).lockedError(lockedUntil, now);
    throw new ApiError(401, WRONG_CREDENTIALS, { reason: 'wrong_credentials' });
  }
  if (!(await counterOf(db).attempt(account.id, () => now, () => passwordHashing.verify(password, account.passwordHash)))) {
    // The same answer as for an unknown identifier, so that it reveals nothing.
    throw new ApiError(401, WRONG_CREDENTIALS, { reason: 'wrong_credentials' });
  }
  if (account.temporaryUntil !== null && account.temporaryUntil <= now.toISOString()) {
    throw new ApiError(
      403,
      {
        fr: 'Votre mot de passe provisoire a expiré : refaites la demande de création de compte pour en recevoir un nouveau.',
        en: 'Your temporary password has expired: ask for the account creation again to receive a new one.',
      },
      { reason: 'temporary_password_expired' },
    );
  }
  if (account.kind === 'delegue' && !db.prepare("SELECT 1 FROM delegations WHERE delegate_id = ? AND status = 'validee' AND deleted_at IS NULL").get(account.id)) {
    throw new ApiError(403, DELEGATION_PENDING, { reason: 'delegation_pending' });
  }
  return account.id;
}
