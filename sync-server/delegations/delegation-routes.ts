import { Hono } from 'hono';
import type { DelegantCommands } from './delegant-commands.ts';
import type { DelegateCommands } from './delegate-commands.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { RateLimitStorage } from '../auth/auth-storage.ts';
import { clientAddress, IdentifierAndAddressLimit, RateLimiter, TOO_MANY_ATTEMPTS } from '../middleware/rate-limit.ts';

const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);
const text = (body: unknown, name: string): string => {
  const value = field(body, name);
  return typeof value === 'string' ? value : '';
};

/**
 * `/api/delegations`: the délégant's commands (lookup of the délégué's account, create,
 * update, validate, delete), the délégué's (answer, act for the délégant), and the invitation link's
 * (public: the token in the body, never in the URL).
 */
export function delegationRoutes(delegant: DelegantCommands, delegate: DelegateCommands, now: () => Date, trustProxy: boolean, rateLimits: RateLimitStorage) {
  // Looking up accounts by e-mail is for délégants with a card only, and limited: it names people.
  const lookups = new RateLimiter(rateLimits, 'delegations/lookup', 30, 60 * 60 * 1000);
  const invitationLimit = new IdentifierAndAddressLimit(rateLimits, 'delegations/invitation', { perIdentifier: 20, perAddress: 60, windowMs: 60 * 60 * 1000 }, trustProxy);
  return new Hono<{ Variables: AuthVariables }>()
    .post('/lookup', async (c) => {
      const session = c.get('session');
      await lookups.hit(session.user.id, now().getTime(), TOO_MANY_ATTEMPTS);
      return c.json(await delegant.lookupDelegate(session, text(await readJsonBody(c), 'email')));
    })
    .post('/', async (c) => c.json(await delegant.create(c.get('session'), await readJsonBody(c)), 201))
    .post('/invitation', async (c) => {
      const token = text(await readJsonBody(c), 'token');
      await invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return c.json(await delegate.invitation(token));
    })
    .post('/invitation/answer', async (c) => {
      const body = await readJsonBody(c);
      await invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return c.json(await delegate.answerInvitation(text(body, 'token'), field(body, 'action')));
    })
    .post('/invitation/account', async (c) => {
      const body = await readJsonBody(c);
      await invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return localizedJson(c, await delegate.createDelegateAccount(body), 201);
    })
    .post('/:id/update', async (c) => c.json(await delegant.update(c.get('session'), c.req.param('id'), await readJsonBody(c))))
    .post('/:id/validate', async (c) => c.json(await delegant.validate(c.get('session'), c.req.param('id'))))
    .post('/:id/delete', async (c) => {
      await delegant.remove(c.get('session'), c.req.param('id'));
      return localizedJson(c, { message: { fr: 'La délégation a bien été supprimée.', en: 'The delegation has been deleted.' } });
    })
    .post('/:id/answer', async (c) => c.json(await delegate.answerAsDelegate(c.get('session'), c.req.param('id'), field(await readJsonBody(c), 'action'))))
    .post('/:id/act', async (c) => c.json(await delegate.actFor(c.get('session'), c.req.param('id'))));
}
