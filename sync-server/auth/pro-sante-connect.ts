import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { StrongAuthFlowStorage } from './auth-storage.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { identityOfClaims, rppsOfNationalIdentifier } from './pro-sante-connect-identity.ts';
import type { StrongAuthenticator } from './strong-auth.ts';

export { rppsOfNationalIdentifier };

/** Pro Santé Connect's settings (`PSC_*` variables, documented in the README and INTEGRATING.md). */
export interface ProSanteConnectSettings {
  /** `PSC_ISSUER`: the provider's issuer; its `/.well-known/openid-configuration` is read once. */
  readonly issuer: string;
  /** `PSC_CLIENT_ID` / `PSC_CLIENT_SECRET`: the client registered with the provider. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** `PSC_REDIRECT_URL`: the host page the provider sends the practitioner back to (registered with it). */
  readonly redirectUrl: string;
  /** `PSC_SCOPES` (default `openid scope_all`). */
  readonly scopes: string;
  /** `PSC_ACR_VALUES` (default `eidas1`): the authentication levels asked for, and the only ones accepted. */
  readonly acrValues: readonly string[];
  /** `PSC_IDENTIFIER_CLAIM` (default `SubjectNameID`): the claim with the national identifier (`8` + RPPS). */
  readonly identifierClaim: string;
  /** `PSC_POST_LOGOUT_REDIRECT_URL`: where the provider's sign-out leads back (optional). */
  readonly postLogoutRedirectUrl: string | null;
  /**
   * `PSC_DIRECTOR_ROLES` (none by default): the `codeRole` values of `SubjectRefPro`'s activities
   * that make their holder the director of the activity's establishment (its FINESS), as the
   * health directory records them for you; without them no director signs in through Pro Santé Connect.
   */
  readonly directorRoles: readonly string[];
}

/** How long the practitioner has at the provider before the started flow is refused. */
export const AUTHORIZATION_FLOW_MS = 10 * 60 * 1000;

/** What the server answers to start the flow: the provider's page to open (redirect or popup). */
export interface AuthorizationStart {
  readonly authorizationUrl: string;
}

/** A strong authenticator that sends the practitioner to an identity provider first. */
export interface RedirectingStrongAuthenticator extends StrongAuthenticator {
  startAuthorization(now: () => Date): Promise<AuthorizationStart>;
  /** The provider's sign-out page for an ID token (RP-initiated logout), when it has one and `PSC_POST_LOGOUT_REDIRECT_URL` is set. */
  endSessionUrl(idToken: string): Promise<string | null>;
}

export const isRedirecting = (authenticator: StrongAuthenticator | null): authenticator is RedirectingStrongAuthenticator =>
  authenticator !== null && 'startAuthorization' in authenticator;

const FLOW_EXPIRED: Localized = {
  fr: 'La connexion Pro Santé Connect a expiré ou a déjà servi : recommencez « Vous connecter par carte CPS ».',
  en: 'The Pro Santé Connect sign-in has expired or was already used: start “Vous connecter par carte CPS” again.',
};
const REFUSED: Localized = {
  fr: 'Pro Santé Connect n’a pas confirmé votre identité : recommencez la connexion par carte CPS ou e-CPS.',
  en: 'Pro Santé Connect did not confirm your identity: sign in with your CPS card or e-CPS again.',
};
const TOO_WEAK: Localized = {
  fr: 'Ce moyen de connexion Pro Santé Connect n’est pas assez fort pour cette démarche : utilisez votre carte CPS ou l’application e-CPS.',
  en: 'This Pro Santé Connect sign-in is not strong enough for this step: use your CPS card or the e-CPS app.',
};
const UNREACHABLE: Localized = {
  fr: 'Pro Santé Connect ne répond pas : réessayez dans quelques minutes, ou connectez-vous avec votre identifiant et votre mot de passe.',
  en: 'Pro Santé Connect does not answer: try again in a few minutes, or sign in with your identifier and password.',
};

const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

/**
 * **Pro Santé Connect** (CPS card and e-CPS) through OpenID Connect, with `openid-client`: the
 * authorization code flow with PKCE, state and nonce. The verifier and nonce wait in the database
 * under the state's hash, 10 minutes, used once. The proof is the redirect's `{code, state}`
 * (and `iss`); the ID token's signature (provider's JWKS), issuer, audience, expiry and nonce are
 * checked by the library; the authentication level (`acr`) must be one of `PSC_ACR_VALUES`; who
 * signed in (an RPPS, a centre's director, a CPE card's holder: `identityOfClaims`) comes from the
 * ID token's claims, with the userinfo answer's when the ID token names no RPPS.
 */
export function proSanteConnectAuthenticator(
  flows: StrongAuthFlowStorage,
  settings: ProSanteConnectSettings,
  /** `fetch`: how the server reaches the provider (the tests tamper with its answers through it). */
  { fetch }: { fetch?: oidc.CustomFetch } = {},
): RedirectingStrongAuthenticator {
  let configuration: Promise<oidc.Configuration> | null = null;
  const configured = () => {
    configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, oidc.ClientSecretBasic(settings.clientSecret), {
        execute: [
          // The ID token's signature is checked against the provider's JWKS even though it comes
          // straight from the token endpoint (the library would otherwise trust TLS alone).
          oidc.enableNonRepudiationChecks,
          // Only the local provider of the tests and the demo speaks plain HTTP.
          ...(new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
        ],
        ...(fetch ? { [oidc.customFetch]: fetch } : {}),
      })
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return providerCall(() => configuration!);
  };

  return {
    kind: 'pro_sante_connect',

    async startAuthorization(now) {
      const config = await configured();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      const at = now();
      await flows.start({ stateHash: hashState(state), codeVerifier: verifier, nonce, expiresAt: new Date(at.getTime() + AUTHORIZATION_FLOW_MS).toISOString() }, at);
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        acr_values: settings.acrValues.join(' '),
      });
      return { authorizationUrl: url.href };
    },

    async authenticate(proof, now) {
      const { code, state, iss } = (typeof proof === 'object' && proof !== null ? proof : {}) as Record<string, unknown>;
      if (typeof code !== 'string' || typeof state !== 'string' || code.length > 2048 || state.length > 512 || (iss !== undefined && typeof iss !== 'string')) {
        throw new ApiError(
          400,
          { fr: 'Retour de Pro Santé Connect incomplet : le code et l’état (state) de l’adresse de retour sont nécessaires.', en: 'Incomplete return from Pro Santé Connect: the code and state of the return address are required.' },
          { reason: 'invalid_authorization' },
        );
      }
      // Used once: taken out of the table before anything is checked.
      const flow = await flows.take(hashState(state));
      if (!flow || flow.expiresAt <= now().toISOString()) throw new ApiError(401, FLOW_EXPIRED, { reason: 'authorization_expired' });

      const config = await configured();
      const callback = new URL(settings.redirectUrl);
      callback.search = '';
      callback.hash = '';
      callback.searchParams.set('code', code);
      callback.searchParams.set('state', state);
      if (typeof iss === 'string') callback.searchParams.set('iss', iss);
      const tokens = await providerCall(() =>
        oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: flow.verifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true }),
      );
      const claims = tokens.claims()!;
      if (typeof claims.acr !== 'string' || !settings.acrValues.includes(claims.acr)) {
        throw new ApiError(403, TOO_WEAK, { reason: 'auth_level_too_weak' });
      }
      // The ID token may carry the RPPS; a director's or a CPE holder's structures and roles
      // (SubjectRefPro) come with the userinfo answer.
      const fromToken = rppsOfNationalIdentifier(claims[settings.identifierClaim]);
      const identity = fromToken
        ? { rpps: fromToken }
        : identityOfClaims({ ...claims, ...(await providerCall(() => oidc.fetchUserInfo(config, tokens.access_token, claims.sub))) }, settings);
      return { ...identity, idToken: tokens.id_token };
    },

    async endSessionUrl(idToken) {
      // Only with a way back: the practitioner is not left on the provider's page.
      if (!settings.postLogoutRedirectUrl) return null;
      const config = await configured();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUrl }).href;
    },
  };
}

/**
 * The provider's answers and the library's checks: a refusal (bad signature, audience, expiry,
 * nonce, a code already used…) is a 401 `authorization_refused`; a provider out of reach a 502.
 */
async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: unknown }).code;
    if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError || (typeof code === 'string' && code.startsWith('OAUTH_') && code !== 'OAUTH_RESPONSE_IS_NOT_JSON')) {
      throw new ApiError(401, REFUSED, { reason: 'authorization_refused' });
    }
    throw new ApiError(502, UNREACHABLE, { reason: 'provider_unreachable' });
  }
}
