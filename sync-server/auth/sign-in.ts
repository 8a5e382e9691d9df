import { validateAmNumber, validateFiness } from '../../domain/index.ts';
import type { Localized } from '../../domain/i18n/index.ts';
import { ApiError } from '../http-errors.ts';
import { AttemptCounter, MAX_FAILED_ATTEMPTS, minutesText } from './attempt-counter.ts';
import type { AuthStores, CredentialStorage, LockoutStorage, SignInCandidate } from './auth-storage.ts';
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

/**
 * The account an identifier names: a validated e-mail (only when no other account shares it),
 * or the AM / FINESS number of the account's structure when exactly one account holds it (409
 * `shared_email` / `shared_number` otherwise, with the identifier to use instead).
 */
async function findAccount(credentials: CredentialStorage, identifier: string): Promise<SignInCandidate | null> {
  const trimmed = identifier.trim();
  if (trimmed.includes('@')) {
    const rows = await credentials.byEmail(trimmed);
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
  const rows = await credentials.byNumber(number);
  if (rows.length > 1) {
    // A structure's administrative account and a former account not migrated yet (pharmacists'
    // guide, « Migration », situation 3): the number names both until the former one signs in.
    throw new ApiError(
      409,
      {
        fr: 'Ce numéro est celui de plusieurs comptes de votre structure : connectez-vous avec votre adresse e-mail ou votre carte CPS.',
        en: 'This number belongs to several accounts of your structure: sign in with your e-mail address or your CPS card.',
      },
      { reason: 'shared_number' },
    );
  }
  return rows[0] ?? null;
}

const lockedMessage = (minutes: number): Localized => ({
  fr: `Votre compte est bloqué après ${MAX_FAILED_ATTEMPTS} mots de passe erronés. Réessayez dans ${minutesText(minutes)}, ou connectez-vous par carte CPS.`,
  en: `Your account is locked after ${MAX_FAILED_ATTEMPTS} wrong passwords. Try again in ${minutesText(minutes)}, or sign in with your CPS card.`,
});

/** The password lockout of an account. */
export const passwordLockout = (lockouts: LockoutStorage) => new AttemptCounter(lockouts, 'account', lockedMessage);

/** A hash no password matches, checked for an unknown identifier: the same work as for a real one. */
const NO_ACCOUNT_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks an identifier and password and returns the account id, or throws the 401 / 423 the
 * client shows. Every answer — unknown identifier, wrong password, locked account, locked
 * unknown identifier — costs one password check, so its time says nothing about the account.
 * Only wrong passwords count (`AttemptCounter`): right ones arriving together all get in.
 */
export async function signInWithPassword({ credentials, lockouts }: Pick<AuthStores, 'credentials' | 'lockouts'>, identifier: string, password: string, now: Date): Promise<string> {
  const account = await findAccount(credentials, identifier);
  if (!account) {
    // Same work, answers and lockout as a wrong password: an identifier's existence is not revealed.
    const unknown = new AttemptCounter(lockouts, 'unknown_identifier', lockedMessage);
    await unknown.attempt(identifier.trim().toLowerCase(), () => now, async () => (await passwordHashing.verify(password, NO_ACCOUNT_HASH)) && false);
    throw new ApiError(401, WRONG_CREDENTIALS, { reason: 'wrong_credentials' });
  }
  if (!(await passwordLockout(lockouts).attempt(account.id, () => now, () => passwordHashing.verify(password, account.passwordHash)))) {
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
  if (account.kind === 'delegue' && !(await credentials.hasValidatedDelegation(account.id))) {
    throw new ApiError(403, DELEGATION_PENDING, { reason: 'delegation_pending' });
  }
  return account.id;
}
