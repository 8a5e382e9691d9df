import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import * as v from 'valibot';
import type { Session } from '../auth/sessions.ts';
import { findSession } from '../auth/sessions.ts';
import { assertDelegationAllows } from '../delegations/delegation-enforcement.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';
import { readJsonBody, type AuthVariables } from '../middleware/authenticate.ts';
import type { ChangeHub, PublishedChange } from './change-hub.ts';
import { parseCheckpoint, parseLimit, type SequenceCheckpoint } from './checkpoint.ts';

/** What a collection gives the generic replication routes. */
export interface ReplicatedCollectionHandler<Doc, Scope> {
  scopeOf(session: Session): Scope;
  pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): { documents: Doc[]; checkpoint: SequenceCheckpoint };
  push(session: Session, rows: readonly { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> }[]): Doc[];
  visibleChanges(scope: Scope, changes: readonly PublishedChange<Doc>[]): { documents: Doc[]; checkpoint: SequenceCheckpoint } | null;
  readonly hub: ChangeHub<Doc>;
}

export const MAX_PUSH_ROWS = 1000;
const HEARTBEAT_MS = 15_000;

const PushBody = v.pipe(
  v.array(
    v.object({
      assumedMasterState: v.nullish(
        v.record(
          v.string(),
          v.union([v.string(), v.number(), v.boolean(), v.null(), v.array(v.union([v.string(), v.number(), v.boolean()]))]),
          'assumedMasterState ne contient que des valeurs simples (texte, nombre, booléen, liste).',
        ),
      ),
      newDocumentState: v.pipe(
        v.record(v.string(), v.unknown(), 'newDocumentState doit être un objet JSON.'),
        v.check((doc) => typeof doc['id'] === 'string' && doc['id'] !== '', 'newDocumentState doit avoir un id.'),
      ),
    }, 'Chaque ligne doit être un objet {assumedMasterState?, newDocumentState}.'),
    'Le corps doit être un tableau de lignes [{assumedMasterState?, newDocumentState}].',
  ),
  v.maxLength(MAX_PUSH_ROWS, `Un envoi compte au plus ${MAX_PUSH_ROWS} lignes.`),
);

/**
 * RxDB's HTTP replication protocol for one collection:
 * `GET pull?checkpoint&limit`, `POST push`, `GET pull-stream` (server-sent events, read with
 * fetch so the session travels in the Authorization header, never in the URL).
 */
export function replicationRoutes<Doc, Scope>(db: SqliteDatabase, now: () => Date, collection: ReplicatedCollectionHandler<Doc, Scope>) {
  return new Hono<{ Variables: AuthVariables }>()
    .get('/pull', (c) => {
      const checkpoint = parseCheckpoint(c.req.query('checkpoint'));
      const limit = parseLimit(c.req.query('limit'));
      return c.json(collection.pull(c.get('session'), checkpoint, limit));
    })
    .post('/push', bodyLimit({ maxSize: 20 * 1024 * 1024, onError: () => { throw new ApiError(413, 'Envoi trop volumineux (20 Mo au plus) : envoyez moins de lignes à la fois.'); } }), async (c) => {
      const parsed = v.safeParse(PushBody, await readJsonBody(c));
      if (!parsed.success) {
        const issue = parsed.issues[0];
        throw new ApiError(issue.type === 'max_length' ? 413 : 400, issue.message, { reason: 'invalid_body', path: v.getDotPath(issue) });
      }
      return c.json(collection.push(c.get('session'), parsed.output));
    })
    .get('/pull-stream', (c) => {
      const token = c.get('token');
      const scope = collection.scopeOf(c.get('session'));
      const path = c.req.path;
      /** Still signed in, and for a délégué still within the delegation (deleted: cut at once). */
      const stillAllowed = () => {
        const current = findSession(db, token, now());
        if (!current) return false;
        try {
          assertDelegationAllows(current, 'GET', path, now());
          return true;
        } catch {
          return false;
        }
      };
      const delegated = c.get('session').delegation !== undefined;
      return streamSSE(c, async (stream) => {
        const queue: string[] = [];
        let wake: (() => void) | null = null;
        const push = (data: string) => {
          queue.push(data);
          wake?.();
        };
        let open = true;
        let ended = false;
        const unsubscribe = collection.hub.subscribe((event) => {
          if (ended) return;
          // A délégué's stream checks the delegation before each delivery: a deletion cuts it at once.
          if (delegated && !stillAllowed()) {
            ended = true;
            open = false;
            return wake?.();
          }
          if (event.type === 'resync') return push('"RESYNC"');
          const visible = collection.visibleChanges(scope, event.changes);
          if (visible) push(JSON.stringify(visible));
        });
        let checkedAt = Date.now();
        stream.onAbort(() => {
          open = false;
          wake?.();
        });
        try {
          while (open) {
            while (queue.length > 0 && open) await stream.writeSSE({ data: queue.shift()! });
            const woke = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            wake = null;
            if (open && Date.now() - checkedAt >= HEARTBEAT_MS) {
              // Signed out or expired: the stream stops, however busy it is.
              checkedAt = Date.now();
              if (!stillAllowed()) {
                await stream.writeSSE({ event: 'session-ended', data: '"RESYNC"' });
                break;
              }
            }
            if (!woke && open) await stream.write(': keep-alive\n\n');
          }
          if (ended) await stream.writeSSE({ event: 'session-ended', data: '"RESYNC"' });
        } finally {
          unsubscribe();
        }
      });
    });
}
