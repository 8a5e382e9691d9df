import { Hono } from 'hono';
import * as v from 'valibot';
import { MAX_PUSH_ROWS } from '../../domain/index.ts';
import type { Session } from '../auth/sessions.ts';
import { ApiError } from '../http-errors.ts';
import { issueText, safeParseLocalized } from '../i18n.ts';
import { readJsonBody } from '../http/request-body.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { ChangeListener, ChangeSource } from './change-hub.ts';
import { serveChangeStream, type StreamContext, type StreamSource } from './change-stream.ts';
import { parseCheckpoint, parseLimit, type SequenceCheckpoint } from './checkpoint.ts';

/** What a collection gives the generic replication routes. */
export interface ReplicatedCollectionHandler<Doc, Scope> {
  /** What the session may see; throws the 403 of a session that may not use the collection at all. */
  scopeOf(session: Session): Scope | Promise<Scope>;
  pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<{ documents: Doc[]; checkpoint: SequenceCheckpoint }>;
  /** `pull`'s answer as UTF-8 JSON, byte for byte, when the collection can build it cheaper than `JSON.stringify(await pull(…))`. */
  pullBody?(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<Buffer>;
  /** How many documents the pulls after `checkpoint` will bring (`GET pull-remaining`: a first sync's progress). */
  remaining?(session: Session, checkpoint: SequenceCheckpoint | null): Promise<number>;
  /** Writes a batch; answers the server's documents of the rows that conflict. */
  push(session: Session, rows: readonly { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> }[]): Promise<Doc[]>;
  /** The keys of the hub's changes a session's stream receives: its scope, as the hub routes changes. */
  streamKeys(scope: Scope): readonly string[];
  readonly hub: ChangeSource<Doc>;
}

export { MAX_PUSH_ROWS };
/** The content type `c.json()` sets. */
const JSON_CONTENT = { 'Content-Type': 'application/json' };
/** The longest list a field of a replicated document holds (`socialSupportNeeds`: 7). */
const MAX_STATE_LIST = 100;

const PushBody = v.pipe(
  v.array(
    v.object({
      assumedMasterState: v.nullish(
        v.record(
          v.string(),
          v.union(
            [v.string(), v.number(), v.boolean(), v.null(), v.pipe(v.array(v.union([v.string(), v.number(), v.boolean()])), v.maxLength(MAX_STATE_LIST))],
            issueText({ fr: 'assumedMasterState ne contient que des valeurs simples (texte, nombre, booléen, liste courte).', en: 'assumedMasterState holds simple values only (text, number, boolean, short list).' }),
          ),
          issueText({
            fr: 'assumedMasterState ne contient que des valeurs simples (texte, nombre, booléen, liste).',
            en: 'assumedMasterState holds simple values only (text, number, boolean, list).',
          }),
        ),
      ),
      newDocumentState: v.pipe(
        v.record(v.string(), v.unknown(), issueText({ fr: 'newDocumentState doit être un objet JSON.', en: 'newDocumentState must be a JSON object.' })),
        v.check((doc) => typeof doc['id'] === 'string' && doc['id'] !== '', issueText({ fr: 'newDocumentState doit avoir un id.', en: 'newDocumentState must have an id.' })),
      ),
    }, issueText({ fr: 'Chaque ligne doit être un objet {assumedMasterState?, newDocumentState}.', en: 'Each row must be an object {assumedMasterState?, newDocumentState}.' })),
    issueText({ fr: 'Le corps doit être un tableau de lignes [{assumedMasterState?, newDocumentState}].', en: 'The body must be an array of rows [{assumedMasterState?, newDocumentState}].' }),
  ),
  v.maxLength(MAX_PUSH_ROWS, issueText({ fr: `Un envoi compte au plus ${MAX_PUSH_ROWS} lignes.`, en: `A push holds at most ${MAX_PUSH_ROWS} rows.` })),
);

/**
 * RxDB's HTTP replication protocol for one collection:
 * `GET pull?checkpoint&limit`, `GET pull-remaining?checkpoint` (`{remaining}`: how many documents
 * the pulls from there will bring, for a first sync's progress; collections that count), `POST push`, `GET pull-stream` (server-sent events, read with
 * fetch so the session travels in the Authorization header, never in the URL).
 */
export function replicationRoutes<Doc, Scope>(streams: StreamContext, collection: ReplicatedCollectionHandler<Doc, Scope>): Hono<{ Variables: AuthVariables }> {
  const routes = new Hono<{ Variables: AuthVariables }>()
    .get('/pull', async (c) => {
      const checkpoint = parseCheckpoint(c.req.query('checkpoint'));
      const limit = parseLimit(c.req.query('limit'));
      if (collection.pullBody) return c.body((await collection.pullBody(c.get('session'), checkpoint, limit)) as Uint8Array<ArrayBuffer>, 200, JSON_CONTENT);
      return c.json(await collection.pull(c.get('session'), checkpoint, limit));
    })
    .post('/push', async (c) => {
      const parsed = safeParseLocalized(PushBody, await readJsonBody(c));
      if (!parsed.success) {
        throw new ApiError(parsed.first.type === 'max_length' && !parsed.first.path ? 413 : 400, parsed.message, { reason: 'invalid_body', path: v.getDotPath(parsed.first) });
      }
      return c.json(await collection.push(c.get('session'), parsed.output));
    })
    .get('/pull-stream', async (c) => {
      const scope = await collection.scopeOf(c.get('session'));
      return serveChangeStream(c, streams, [sourceOf(c.req.path, c.req.path, scope, collection)], { multiplexed: false });
    });
  const remaining = collection.remaining?.bind(collection);
  if (remaining) routes.get('/pull-remaining', async (c) => c.json({ remaining: await remaining(c.get('session'), parseCheckpoint(c.req.query('checkpoint'))) }));
  return routes;
}

/** A collection as a source of a change stream, for one session's scope. */
export function sourceOf<Doc, Scope>(name: string, path: string, scope: Scope, collection: ReplicatedCollectionHandler<Doc, Scope>): StreamSource {
  return {
    name,
    path,
    subscribe: (listener) => collection.hub.subscribe(collection.streamKeys(scope), listener as ChangeListener<Doc>),
  };
}
