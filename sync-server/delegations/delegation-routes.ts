import { Hono } from 'hono';
import type { DelegationService } from './delegation-service.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { clientAddress, IdentifierAndAddressLimit, RateLimiter, TOO_MANY_ATTEMPTS } from '../middleware/rate-limit.ts';

const field = (body: unknown, name: string): unknown => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined);
const text = (body: unknown, name: string): string => {
  const value = field(body, name);
  return typeof value === 'string' ? value : '';
};

/**
 * `/api/delegations`: the délégant's commands (lookup of the délégué's account, create,
 * validate, delete), the délégué's (answer, act for the délégant), and the invitation link's
 * (public: the token in the body, never in the URL).
 */
export function delegationRoutes(service: DelegationService, now: () => Date, trustProxy: boolean) {
  // Looking up accounts by e-mail is for délégants with a card only, and limited: it names people.
  const lookups = new RateLimiter(30, 60 * 60 * 1000);
  const invitationLimit = new IdentifierAndAddressLimit({ perIdentifier: 20, perAddress: 60, windowMs: 60 * 60 * 1000 }, trustProxy);
  return new Hono<{ Variables: AuthVariables }>()
    .post('/lookup', async (c) => {
      const session = c.get('session');
      lookups.hit(session.user.id, now().getTime(), TOO_MANY_ATTEMPTS);
      return c.json(service.lookupDelegate(session, text(await readJsonBody(c), 'email')));
    })
    .post('/', async (c) => c.json(service.create(c.get('session'), await readJsonBody(c)), 201))
    .post('/invitation', async (c) => {
      const token = text(await readJsonBody(c), 'token');
      invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return c.json(service.invitation(token));
    })
    .post('/invitation/answer', async (c) => {
      const body = await readJsonBody(c);
      invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return c.json(service.answerInvitation(text(body, 'token'), field(body, 'action')));
    })
    .post('/invitation/account', async (c) => {
      const body = await readJsonBody(c);
      invitationLimit.hit(c, `invitation:${clientAddress(c, trustProxy)}`, now().getTime());
      return localizedJson(c, await service.createDelegateAccount(body), 201);
    })
    .post('/:id/validate', (c) => c.json(service.validate(c.get('session'), c.req.param('id'))))
    .post('/:id/delete', (c) => {
      service.remove(c.get('session'), c.req.param('id'));
      return localizedJson(c, { message: { fr: 'La délégation a bien été supprimée.', en: 'The delegation has been deleted.' } });
    })
    .post('/:id/answer', async (c) => c.json(service.answerAsDelegate(c.get('session'), c.req.param('id'), field(await readJsonBody(c), 'action'))))
    .post('/:id/act', (c) => c.json(service.actFor(c.get('session'), c.req.param('id'))));
}
