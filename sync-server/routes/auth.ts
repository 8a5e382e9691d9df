import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { confirmPasswordReset, requestPasswordReset } from '../auth/password-reset.ts';
import type { AccountMigrations } from '../accounts/account-migration.ts';
import type { AuthStores } from '../auth/auth-storage.ts';
import { openSession, revokeSession } from '../auth/sessions.ts';
import { signInWithPassword } from '../auth/sign-in.ts';
import { isRedirecting } from '../auth/pro-sante-connect.ts';
import { requireStrongAuthenticator, signInStrongly, strongProof, strongProofKey, type StrongAuthenticator } from '../auth/strong-auth.ts';
import { ApiError } from '../http-errors.ts';
import { issueText, localizedJson, safeParseLocalized } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { IdentifierAndAddressLimit } from '../middleware/rate-limit.ts';
import type { SessionEvents } from '../session-events.ts';

const enterIdentifier = issueText({ fr: 'Saisissez votre identifiant.', en: 'Enter your identifier.' });
const enterPassword = issueText({ fr: 'Saisissez votre mot de passe.', en: 'Enter your password.' });
const SignInBody = v.object({
  identifier: v.pipe(v.string(enterIdentifier), v.trim(), v.nonEmpty(enterIdentifier), v.maxLength(254, issueText({ fr: 'Identifiant trop long.', en: 'Identifier too long.' }))),
  password: v.pipe(v.string(enterPassword), v.nonEmpty(enterPassword), v.maxLength(256, issueText({ fr: 'Mot de passe trop long.', en: 'Password too long.' }))),
});

/** `/api/auth`: password and CPS sign-in, password reset by e-mailed link, the current session, sign-out. */
export interface AuthRouteOptions {
  /** Strong authentication (`POST /cps`); none: refused with 403 `strong_auth_disabled`. */
  readonly strongAuthenticator: StrongAuthenticator | null;
  readonly appUrl: string;
  /** Read the client's address from X-Forwarded-For (behind a reverse proxy). */
  readonly trustProxy?: boolean;
  /** Told of every session a sign-out or a reset ends (open streams stop at once). */
  readonly sessionEvents: SessionEvents;
  /** Former pharmacy and laboratory accounts migrate at sign-in (situations 1 and 3). */
  readonly accountMigrations: AccountMigrations;
}

const SIGN_IN_LIMITS = { perIdentifier: 10, perAddress: 30, windowMs: 15 * 60 * 1000 };
const START_LIMITS = { perIdentifier: Number.MAX_SAFE_INTEGER, perAddress: 60, windowMs: 15 * 60 * 1000 };
const RESET_LIMITS = { perIdentifier: 3, perAddress: 10, windowMs: 60 * 60 * 1000 };

export function authRoutes(stores: AuthStores, now: () => Date, { strongAuthenticator, appUrl, trustProxy = false, sessionEvents, accountMigrations }: AuthRouteOptions) {
  // Rate limits per identifier and per address, on top of the lockout (which only counts wrong
  // passwords of one account): they slow down guessing across accounts and mail flooding.
  const signInLimit = new IdentifierAndAddressLimit(stores.rateLimits, 'auth/login', SIGN_IN_LIMITS, trustProxy);
  const resetLimit = new IdentifierAndAddressLimit(stores.rateLimits, 'auth/password-reset', RESET_LIMITS, trustProxy);
  const cardLimit = new IdentifierAndAddressLimit(stores.rateLimits, 'auth/cps', SIGN_IN_LIMITS, trustProxy);
  // Each start stores a flow for 10 minutes: counted per address only.
  const startLimit = new IdentifierAndAddressLimit(stores.rateLimits, 'auth/strong', START_LIMITS, trustProxy);
  const { sessions } = stores;

  return new Hono<{ Variables: AuthVariables }>()
    .post('/login', async (c) => {
      const parsed = safeParseLocalized(SignInBody, await readJsonBody(c));
      if (!parsed.success) {
        throw new ApiError(400, parsed.message, { reason: 'invalid_body' });
      }
      // A practice's back end signs its users in from one address: successful sign-ins are not
      // counted, and sign-ins over the limit wait for the running ones rather than being refused.
      const attempt = await signInLimit.hitWhenSettled(c, parsed.output.identifier, () => now().getTime());
      const at = now();
      let userId: string;
      try {
        userId = await signInWithPassword(stores, parsed.output.identifier, parsed.output.password, at);
        await attempt.succeeded();
      } finally {
        attempt.settled();
      }
      await accountMigrations.atSignIn(userId, 'password');
      const { token, expiresAt } = await openSession(sessions, userId, at, false, 'sign_in_password');
      return c.json({ token, expiresAt, user: { ...(await sessions.user(userId))!, strongAuth: false } });
    })
    .get('/strong', (c) => c.json({ kind: strongAuthenticator?.kind ?? null, redirect: isRedirecting(strongAuthenticator) }))
    .post('/strong/authorization', async (c) => {
      const authenticator = requireStrongAuthenticator(strongAuthenticator);
      if (!isRedirecting(authenticator)) {
        throw new ApiError(409, { fr: 'Ce serveur lit la carte CPS simulée : saisissez son numéro RPPS et son code porteur.', en: 'This server reads the simulated CPS card: enter its RPPS number and holder code.' }, { reason: 'no_redirect' });
      }
      await startLimit.hit(c, 'start', now().getTime());
      return c.json(await authenticator.startAuthorization(now));
    })
    .post('/cps', async (c) => {
      const proof = strongProof(await readJsonBody(c));
      const attempt = await cardLimit.hitWhenSettled(c, strongProofKey(proof), () => now().getTime());
      let signedIn: Awaited<ReturnType<typeof signInStrongly>>;
      try {
        signedIn = await signInStrongly(stores, strongAuthenticator, proof, now);
        await attempt.succeeded();
      } finally {
        attempt.settled();
      }
      const { userId, identity } = signedIn;
      await accountMigrations.atSignIn(userId, 'cps');
      const at = now();
      const { token, expiresAt } = await openSession(sessions, userId, at, true, 'sign_in_cps');
      // Pro Santé Connect's own sign-out page, for the host to open when the user signs out.
      const providerSignOutUrl = identity.idToken && isRedirecting(strongAuthenticator) ? await strongAuthenticator.endSessionUrl(identity.idToken) : null;
      return c.json({ token, expiresAt, user: { ...(await sessions.user(userId))!, strongAuth: true }, ...(providerSignOutUrl ? { providerSignOutUrl } : {}) });
    })
    .post('/password-reset/request', async (c) => {
      const body = (await readJsonBody(c)) as { identifier?: unknown } | null;
      const identifier = typeof body?.identifier === 'string' ? body.identifier : '';
      await resetLimit.hit(c, identifier, now().getTime());
      return localizedJson(c, await requestPasswordReset(stores, identifier, now(), appUrl), 202);
    })
    .post('/password-reset/confirm', async (c) => {
      const body = (await readJsonBody(c)) as { token?: unknown; password?: unknown } | null;
      if (typeof body?.token !== 'string' || typeof body.password !== 'string') {
        throw new ApiError(400, { fr: 'Le lien et le nouveau mot de passe sont nécessaires.', en: 'The link and the new password are required.' }, { reason: 'invalid_body' });
      }
      await confirmPasswordReset(stores, body.token, body.password, now(), sessionEvents);
      return localizedJson(c, { message: { fr: 'Votre mot de passe a été modifié : vous pouvez vous connecter.', en: 'Your password has been changed: you can sign in.' } });
    })
    .get('/session', (c) => {
      const session = c.get('session');
      return c.json({
        user: { ...session.user, strongAuth: session.strongAuth },
        expiresAt: session.expiresAt,
        ...(session.actor ? { actor: session.actor, delegation: session.delegation } : {}),
      });
    })
    .post('/logout', async (c) => {
      await revokeSession(sessions, c.get('token'), now(), sessionEvents);
      return c.body(null, 204);
    });
}
