import { Hono } from 'hono';
import { ApiError } from '../http-errors.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import { serveChangeStream, type StreamContext, type StreamSource } from './change-stream.ts';
import { sourceOf, type ReplicatedCollectionHandler } from './replication-routes.ts';

export const CHANGE_STREAM_PATH = '/api/replication/stream';

/**
 * `GET /api/replication/stream?collections=fiches,delegations,ems/threads,ems/messages`: the live
 * changes of several collections on one connection, each event tagged with its collection. A
 * page replicating four collections would otherwise hold four of the six connections a browser
 * opens per host, and a second provider on the page would stall. Every collection named must be
 * allowed to the session (CPS for EMS, the délégué's profile), or the stream is refused with the
 * reason.
 */
export function changeStreamRoutes(streams: StreamContext, collections: Readonly<Record<string, ReplicatedCollectionHandler<unknown, unknown>>>) {
  return new Hono<{ Variables: AuthVariables }>().get('/', async (c) => {
    const names = [...new Set((c.req.query('collections') ?? '').split(',').map((name) => name.trim()).filter(Boolean))];
    if (names.length === 0) {
      const possible = Object.keys(collections).join(',');
      throw new ApiError(400, { fr: `Nommez les collections à suivre : collections=${possible}.`, en: `Name the collections to follow: collections=${possible}.` }, { reason: 'invalid_query' });
    }
    const unknown = names.filter((name) => !Object.hasOwn(collections, name));
    if (unknown.length > 0) {
      const known = Object.keys(collections).join(', ');
      throw new ApiError(
        400,
        { fr: `Collection inconnue : ${unknown.join(', ')}. Collections possibles : ${known}.`, en: `Unknown collection: ${unknown.join(', ')}. Possible collections: ${known}.` },
        { reason: 'invalid_query' },
      );
    }
    const session = c.get('session');
    const sources: StreamSource[] = [];
    for (const name of names) {
      const path = `/api/replication/${name}/pull-stream`;
      streams.delegated.assertAllows(session, 'GET', path, streams.now());
      sources.push(sourceOf(name, path, await collections[name]!.scopeOf(session), collections[name]!));
    }
    return serveChangeStream(c, streams, sources, { multiplexed: true });
  });
}
