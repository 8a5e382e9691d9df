import type { AuthStores } from './auth-storage.ts';
import { ApiError, type Localized } from '../http-errors.ts';

/** Who a strong authentication proved the user to be. */
export interface StrongIdentity {
  /** The RPPS number of the professional (the CPS card's holder, or Pro Santé Connect's `SubjectRefPro`); '' for the cards below. */
  readonly rpps: string;
  /** A CPE card's identifier (a medical assistant's; through Pro Santé Connect, her national identifier): it signs in the délégué whose validated delegation names it. */
  readonly cpeCardId?: string;
  /** An establishment director's card (through Pro Santé Connect, a director's role at a structure): the establishment's FINESS; it signs in the director's account of that health centre. */
  readonly directorOf?: string;
  /** The identity provider's ID token (Pro Santé Connect), for its sign-out page. */
  readonly idToken?: string;
}

/**
 * Strong authentication (the CPS card), pluggable: the server asks the configured authenticator
 * who a proof belongs to, and opens a strong session for that RPPS. Pro Santé Connect
 * (`PSC_ISSUER`…, `pro-sante-connect.ts`) takes the authorization code of its redirect as the
 * proof and verifies the ID token; the simulated CPS card (`SIMULATED_CPS=1`, implied by
 * `SEED=demo`) is for the demo and the tests only. Without an authenticator, strong authentication is refused (403
 * `strong_auth_disabled`).
 */
export interface StrongAuthenticator {
  /** What kind of proof it checks: `simulated_cps` or `pro_sante_connect`. */
  readonly kind: string;
  /**
   * Checks the proof the client sent (the simulated card: `{rpps, code}`; Pro Santé Connect: the
   * redirect's `{code, state, iss}`) and answers whose it is; throws an `ApiError` (400 malformed, 401 refused, 423 locked after wrong codes) otherwise.
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

/** The proof in a request's body: Pro Santé Connect's `{authorization: {code, state, iss}}`, or the simulated `{card}`. */
export function strongProof(body: unknown): unknown {
  const { authorization, card } = (typeof body === 'object' && body !== null ? body : {}) as { authorization?: unknown; card?: unknown };
  return authorization ?? card;
}

/** What the rate limits count a proof under: the card's RPPS, or the flow's state (Pro Santé Connect). */
export function strongProofKey(proof: unknown): string {
  const { rpps, cpe, finess, state } = (typeof proof === 'object' && proof !== null ? proof : {}) as { rpps?: unknown; cpe?: unknown; finess?: unknown; state?: unknown };
  const key =
    typeof rpps === 'string' ? rpps : typeof cpe === 'string' ? `cpe:${cpe}` : typeof finess === 'string' ? `cde:${finess}` : typeof state === 'string' ? `state:${state}` : '';
  return `card:${key.slice(0, 600)}`;
}

/**
 * Signs in with a strong authentication: the account of the professional it proved, its
 * password lockout lifted at once (seeds 000–002: « il peut se connecter avec sa carte CPS pour
 * débloquer son compte instantanément ») — only after the proof was checked. Returns the account id
 * and the identity proved.
 */
export async function signInStrongly(
  { credentials, lockouts }: Pick<AuthStores, 'credentials' | 'lockouts'>,
  authenticator: StrongAuthenticator | null,
  proof: unknown,
  now: () => Date,
): Promise<{ userId: string; identity: StrongIdentity }> {
  const identity = await requireStrongAuthenticator(authenticator).authenticate(proof, now);
  const userId = await credentials.byCard(identity);
  if (userId === null) throw new ApiError(401, unknownCard(identity), { reason: 'unknown_card', card: identity.cpeCardId ? 'cpe' : identity.directorOf ? 'cde' : 'cps' });
  await lockouts.right('account', userId);
  return { userId, identity };
}

function unknownCard(identity: StrongIdentity): Localized {
  if (identity.cpeCardId && identity.idToken) {
    return {
      fr: `Aucun compte n’est associé à votre identité Pro Santé Connect (identifiant national ${identity.cpeCardId}) : un assistant médical se connecte ainsi une fois validée la délégation qui mentionne cet identifiant de carte CPE ; sinon, connectez-vous avec votre adresse e-mail et votre mot de passe.`,
      en: `No account is linked to your Pro Santé Connect identity (national identifier ${identity.cpeCardId}): a medical assistant signs in this way once the delegation naming this CPE card identifier is validated; otherwise, sign in with your e-mail address and password.`,
    };
  }
  if (identity.cpeCardId) {
    return {
      fr: 'Aucune délégation validée d’assistant médical ne mentionne cette carte CPE : vérifiez l’identifiant auprès du médecin qui vous a délégué, ou connectez-vous avec votre adresse e-mail et votre mot de passe.',
      en: 'No validated medical assistant delegation names this CPE card: check the identifier with the doctor who delegated to you, or sign in with your e-mail address and password.',
    };
  }
  if (identity.directorOf) {
    return {
      fr: `Aucun compte de directeur de centre de santé n’est associé au N° FINESS ${identity.directorOf} : créez d’abord le compte du centre (« Créer un compte »).`,
      en: `No health-centre director account is linked to FINESS number ${identity.directorOf}: first create the centre’s account (“Create an account”).`,
    };
  }
  return { fr: 'Aucun compte n’est associé à cette carte CPS : créez votre compte avec la carte.', en: 'No account is linked to this CPS card: create your account with the card.' };
}
