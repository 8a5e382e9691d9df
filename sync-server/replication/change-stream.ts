import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { hashToken, type Session, type SessionCache } from '../auth/sessions.ts';
import { sessionEndsAt, type DelegatedSessions } from '../access/delegated-sessions.ts';
import type { AuthVariables } from '../middleware/authenticate.ts';
import type { ChangeListener } from './change-hub.ts';
import type { StreamRegistry } from './stream-registry.ts';

const HEARTBEAT_MS = 15_000;

/** One collection feeding a stream. */
export interface StreamSource {
  /** The collection's name (`fiches`, `ems/threads`…): events are tagged with it when multiplexed. */
  readonly name: string;
  /** The collection's own stream route, which a délégué's delegation must still allow. */
  readonly path: string;
  /** Listens to the changes of the collection this session may see (routed to its scope's keys). */
  subscribe(listener: ChangeListener<unknown>): () => void;
}

/**
 * What serving streams needs: the sessions and clock for the periodic re-check, the delegated
 * sessions' rules (each collection a délégué's stream carries must stay allowed), the registry of
 * open streams.
 */
export interface StreamContext {
  readonly sessions: SessionCache;
  readonly now: () => Date;
  readonly delegated: DelegatedSessions;
  readonly registry: StreamRegistry;
}

/**
 * Server-sent events of the changes a session may see, from one collection or several.
 * `multiplexed`: each event is `{"collection": name, "event": payload}` (one connection for all
 * of a page's collections — browsers open at most six HTTP/1.1 connections per host); otherwise
 * the payload alone (RxDB's per-collection `pull-stream`).
 *
 * The stream is registered with its session: when the session ends (sign-out, password change,
 * delegation deleted — `SessionEvents`; expiry — a timer), it stops delivering at once and
 * closes with a `session-ended` event. A periodic re-check with the heartbeat is the backstop
 * for what no event tells (a session revoked straight in the database).
 */
export function serveChangeStream(c: Context<{ Variables: AuthVariables }>, { sessions, now, delegated, registry }: StreamContext, sources: readonly StreamSource[], { multiplexed }: { multiplexed: boolean }) {
  const token = c.get('token');
  const session: Session = c.get('session');
  const stillAllowed = async () => {
    try {
      const current = await sessions.read(token, now());
      if (!current) return false;
      for (const source of sources) delegated.assertAllows(current, 'GET', source.path, now());
      return true;
    } catch {
      return false;
    }
  };
  return streamSSE(c, async (stream) => {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    /** `ended`: the session ended (the client is told); `resync`: changes may have been missed (the client pulls); `closed`: the client went away. */
    let state: 'open' | 'ended' | 'resync' | 'closed' = 'open';
    const unsubscribes: (() => void)[] = [];
    const stop = (reason: 'ended' | 'resync' | 'closed') => {
      if (state !== 'open') return;
      state = reason;
      // Nothing more is delivered, not even what was queued and not yet written.
      queue.length = 0;
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      wake?.();
    };
    const push = (data: string) => {
      queue.push(data);
      wake?.();
    };
    for (const source of sources) {
      unsubscribes.push(
        source.subscribe((changes) => {
          const event = { documents: changes.map((change) => change.document), checkpoint: { sequence: changes.at(-1)!.sequence } };
          push(JSON.stringify(multiplexed ? { collection: source.name, event } : event));
        }),
      );
    }
    const unregister = registry.register({
      tokenHash: hashToken(token),
      accountId: session.actor?.id ?? session.user.id,
      delegationId: session.delegation?.id ?? null,
      endsAt: sessionEndsAt(session),
      end: () => stop('ended'),
      resync: () => stop('resync'),
    });
    // A session ended between the request's authentication and this registration was told to nobody.
    if (!(await stillAllowed())) stop('ended');
    stream.onAbort(() => stop('closed'));
    let checkedAt = Date.now();
    try {
      while (state === 'open') {
        while (queue.length > 0 && state === 'open') await stream.writeSSE({ data: queue.shift()! });
        if (state !== 'open') break;
        const woke = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (state === 'open' && Date.now() - checkedAt >= HEARTBEAT_MS) {
          checkedAt = Date.now();
          if (!(await stillAllowed())) stop('ended');
        }
        if (!woke && state === 'open') await stream.write(': keep-alive\n\n');
      }
      if (state === 'ended') await stream.writeSSE({ event: 'session-ended', data: '"RESYNC"' });
      if (state === 'resync') await stream.writeSSE({ event: 'resync', data: '"RESYNC"' });
    } finally {
      stop('closed');
      unregister();
    }
  });
}
