import { Hono } from 'hono';
import type { DelegationService, ReplicatedDelegation } from '../delegations/delegation-service.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';
import { localizedJson } from '../i18n.ts';
import { readJsonBody, type AuthVariables } from '../middleware/authenticate.ts';
import { clientAddress, IdentifierAndAddressLimit, RateLimiter, TOO_MANY_ATTEMPTS } from '../middleware/rate-limit.ts';
import type { PublishedChange } from '../replication/change-hub.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';

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

/** A delegation's change goes to both parties, named in `grantedTo`; a stream listens to its user's id. */
export const delegationChangeKeys = (change: PublishedChange<ReplicatedDelegation>): readonly string[] => change.grantedTo ?? [];

/** Delegations replicate read-only: pull and stream to both parties; changes go through the commands above. */
export function delegationCollection(service: DelegationService): ReplicatedCollectionHandler<ReplicatedDelegation, string> {
  const handler: ReplicatedCollectionHandler<ReplicatedDelegation, string> = {
    hub: service.hub,
    scopeOf: (session) => session.user.id,
    pull: (session, checkpoint, limit) => service.pull(session, checkpoint, limit),
    push: () => {
      throw new ApiError(
        403,
        {
          fr: 'Les délégations changent par leurs actions (créer, valider, répondre, supprimer), pas par synchronisation.',
          en: 'Delegations change through their actions (create, validate, answer, delete), not through synchronisation.',
        },
        { reason: 'read_only' },
      );
    },
    streamKeys: (userId) => [userId],
  };
  return handler;
}
