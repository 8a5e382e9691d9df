import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { findSession, type Session } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { assertDelegationAllows } from '../delegations/delegation-enforcement.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { ChangeSource, PublishedChange } from './change-hub.ts';
import type { SequenceCheckpoint } from './checkpoint.ts';

const HEARTBEAT_MS = 15_000;

/** One collection feeding a stream: its hub and what this session may see of its changes. */
export interface StreamSource {
  /** The collection's name (`fiches`, `ems/threads`…): events are tagged with it when multiplexed. */
  readonly name: string;
  /** The collection's own stream route, which a délégué's delegation must still allow. */
  readonly path: string;
  readonly hub: ChangeSource<unknown>;
  visible(changes: readonly PublishedChange<unknown>[]): { documents: unknown[]; checkpoint: SequenceCheckpoint } | null;
}

/**
 * Server-sent events of the changes a session may see, from one collection or several.
 * `multiplexed`: each event is `{"collection": name, "event": payload}` (one connection for all
 * of a page's collections — browsers open at most six HTTP/1.1 connections per host); otherwise
 * the payload alone (RxDB's per-collection `pull-stream`). `"RESYNC"` (untagged) tells every
 * collection to pull again. A délégué's stream re-checks the delegation before each delivery,
 * so a deletion cuts it at once; every stream stops when the session ends.
 */
export function serveChangeStream(c: Context<{ Variables: AuthVariables }>, db: SqliteDatabase, now: () => Date, sources: readonly StreamSource[], { multiplexed }: { multiplexed: boolean }) {
  const token = c.get('token');
  const session: Session = c.get('session');
  const stillAllowed = () => {
    try {
      const current = findSession(db, token, now());
      if (!current) return false;
      for (const source of sources) assertDelegationAllows(current, 'GET', source.path, now());
      return true;
    } catch {
      return false;
    }
  };
  const delegated = session.delegation !== undefined;
  return streamSSE(c, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const push = (data: string) => {
      queue.push(data);
      wake?.();
    };
    let open = true;
    let ended = false;
    const unsubscribes = sources.map((source) =>
      source.hub.subscribe((event) => {
        if (ended) return;
        if (delegated && !stillAllowed()) {
          ended = true;
          open = false;
          return wake?.();
        }
        if (event.type === 'resync') return push(multiplexed ? JSON.stringify({ collection: source.name, event: 'RESYNC' }) : '"RESYNC"');
        const visible = source.visible(event.changes);
        if (visible) push(JSON.stringify(multiplexed ? { collection: source.name, event: visible } : visible));
      }),
    );
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
      for (const unsubscribe of unsubscribes) unsubscribe();
    }
  });
}
