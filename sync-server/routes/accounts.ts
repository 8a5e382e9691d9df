import { Hono } from 'hono';
import { AccountCreation } from '../accounts/account-creation.ts';
import { confirmEmailValidation } from '../accounts/email-validation.ts';
import type { AccountStorage } from '../accounts/account-storage.ts';
import type { AuthStores } from '../auth/auth-storage.ts';
import { openSession } from '../auth/sessions.ts';
import { requireStrongAuthenticator, strongProof, strongProofKey, type StrongAuthenticator } from '../auth/strong-auth.ts';
import { ApiError } from '../http-errors.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { IdentifierAndAddressLimit } from '../middleware/rate-limit.ts';

/** Per identifier (number, card, e-mail) and per address, per hour: creation is rare, guessing is not. */
const CREATION_LIMITS = { perIdentifier: 10, perAddress: 20, windowMs: 60 * 60 * 1000 };

const field = (body: unknown, name: string): string => {
  const value = (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined) ?? '';
  return typeof value === 'string' ? value : '';
};

/**
 * `/api/accounts` (public): account creation by the three paths of the seeds, and the e-mail
 * validation link. `/lookup` tells what a number allows; `/cps` and `/security-key` check the
 * card or the key and give a ticket; `POST /api/accounts` creates the account with the ticket
 * (and opens its session); `/by-post` creates it with a temporary password sent by post.
 */
export function accountsRoutes(accounts: AccountStorage, { sessions, lockouts, rateLimits }: AuthStores, now: () => Date, options: { strongAuthenticator: StrongAuthenticator | null; appUrl: string; trustProxy: boolean }) {
  const creation = new AccountCreation(accounts, lockouts, now, options.appUrl);
  const limit = new IdentifierAndAddressLimit(rateLimits, 'accounts', CREATION_LIMITS, options.trustProxy);

  return new Hono<{ Variables: AuthVariables }>()
    .post('/lookup', async (c) => {
      const body = await readJsonBody(c);
      await limit.hit(c, `number:${field(body, 'number')}`, now().getTime());
      return localizedJson(c, await creation.lookup(field(body, 'number')));
    })
    .post('/cps', async (c) => {
      const proof = strongProof(await readJsonBody(c));
      const authenticator = requireStrongAuthenticator(options.strongAuthenticator);
      await limit.hit(c, strongProofKey(proof), now().getTime());
      const { rpps } = await authenticator.authenticate(proof, now);
      if (!rpps) {
        // A CPE or director's card signs in an existing account; a card creates only a professional's (RPPS).
        throw new ApiError(
          400,
          { fr: 'Cette carte ne crée pas de compte : seule une carte CPS (N° RPPS) le permet.', en: 'This card does not create an account: only a CPS card (RPPS number) does.' },
          { reason: 'card_cannot_create' },
        );
      }
      return c.json(await creation.startWithCps(rpps));
    })
    .post('/security-key', async (c) => {
      const body = await readJsonBody(c);
      await limit.hit(c, `number:${field(body, 'number')}`, now().getTime());
      return c.json(await creation.startWithSecurityKey(body));
    })
    .post('/', async (c) => {
      const body = await readJsonBody(c);
      await limit.hit(c, `email:${field(body, 'email')}`, now().getTime());
      const { userId, method } = await creation.createStrong(body);
      const at = now();
      const strongAuth = method === 'cps';
      const { token, expiresAt } = await openSession(sessions, userId, at, strongAuth, null);
      return localizedJson(
        c,
        {
          token,
          expiresAt,
          user: { ...(await sessions.user(userId))!, strongAuth },
          message: {
            fr: 'Votre compte est créé. Un e-mail vous a été envoyé : cliquez sur « Valider adresse e-mail » pour que votre adresse devienne votre identifiant.',
            en: 'Your account is created. An e-mail has been sent to you: click “Valider adresse e-mail” in it so that your address becomes your identifier.',
          },
        },
        201,
      );
    })
    .post('/by-post', async (c) => {
      const body = await readJsonBody(c);
      await limit.hit(c, `number:${field(body, 'number')}`, now().getTime());
      return localizedJson(c, await creation.createByPost(body), 201);
    })
    .post('/email-validation', async (c) => {
      const token = field(await readJsonBody(c), 'token');
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
        throw new ApiError(
          400,
          { fr: 'Ce lien de validation est incomplet : ouvrez le lien de l’e-mail en entier.', en: 'This validation link is incomplete: open the whole link of the e-mail.' },
          { reason: 'invalid_link' },
        );
      }
      const { email, purpose } = await confirmEmailValidation(accounts, token, now());
      return localizedJson(c, {
        email,
        purpose,
        message:
          purpose === 'change'
            ? { fr: `Votre nouvelle adresse ${email} est validée : c’est désormais l’identifiant de votre compte.`, en: `Your new address ${email} is validated: it is now your account’s identifier.` }
            : { fr: `Votre adresse ${email} est validée : vous pouvez l’utiliser pour vous connecter.`, en: `Your address ${email} is validated: you can use it to sign in.` },
      });
    });
}
