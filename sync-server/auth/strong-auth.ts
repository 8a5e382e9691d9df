import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';

/** Who a strong authentication proved the user to be. */
export interface StrongIdentity {
  /** The RPPS number of the professional (the card's holder, or Pro Santé Connect's `SubjectRefPro`). */
  readonly rpps: string;
}

/**
 * Strong authentication (the CPS card, later Pro Santé Connect), pluggable: the server asks the
 * configured authenticator who a proof belongs to, and opens a strong session for that RPPS.
 * The shipped one is the simulated CPS card (`SIMULATED_CPS=1`, implied by `SEED=demo`); an
 * OpenID Connect authenticator would take the authorization code of its redirect as the proof
 * and verify the ID token. Without an authenticator, strong authentication is refused (403
 * `strong_auth_disabled`).
 */
export interface StrongAuthenticator {
  /** What kind of proof it checks: `simulated_cps`; later e.g. `pro_sante_connect`. */
  readonly kind: string;
  /**
   * Checks the proof the client sent (the simulated card: `{rpps, code}`) and answers whose it
   * is; throws an `ApiError` (400 malformed, 401 refused, 423 locked after wrong codes) otherwise.
   */
  authenticate(proof: unknown, now: () => Date): Promise<StrongIdentity>;
}

export const STRONG_AUTH_DISABLED: Localized = {
  fr: 'La connexion par carte CPS n’est pas activée sur ce serveur : connectez-vous avec votre identifiant et votre mot de passe.',
  en: 'CPS card sign-in is not enabled on this server: sign in with your identifier and password.',
};

/** The configured authenticator, or the 403 that says strong authentication is off. */
export function requireStrongAuthenticator(authenticator: StrongAuthenticator | null): StrongAuthenticator {
  if (!authenticator) throw new ApiError(403, STRONG_AUTH_DISABLED, { reason: 'strong_auth_disabled' });
  return authenticator;
}

/**
 * Signs in with a strong authentication: the account of the professional it proved, its
 * password lockout lifted at once (seeds 000–002: « il peut se connecter avec sa carte CPS pour
 * débloquer son compte instantanément ») — only after the proof was checked. Returns the account id.
 */
export async function signInStrongly(db: SqliteDatabase, authenticator: StrongAuthenticator | null, proof: unknown, now: () => Date): Promise<string> {
  const { rpps } = await requireStrongAuthenticator(authenticator).authenticate(proof, now);
  const account = db.prepare('SELECT id FROM users WHERE rpps = ?').get(rpps) as { id: string } | undefined;
  if (!account) {
    throw new ApiError(
      401,
      { fr: 'Aucun compte n’est associé à cette carte CPS : créez votre compte avec la carte.', en: 'No account is linked to this CPS card: create your account with the card.' },
      { reason: 'unknown_card' },
    );
  }
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(account.id);
  return account.id;
}
