import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangesOfOtherInstances } from '../../storage/storage.ts';
import type { SequencedTransaction } from './sequenced-transaction.ts';

/**
 * Changes told to every instance on one PostgreSQL database, by LISTEN / NOTIFY. A notice says
 * what changed — the collection, each change's number, document id and routing keys (the keys
 * of `ChangeHub`: a structure, a user…) — never the document: an instance that has live streams
 * listening to one of the keys reads the documents from the database and feeds its own hub
 * (`changesOfOtherInstances`, which a store offers its collection).
 *
 * Notices are sent in the write's transaction (`SequencedTransaction.notify`): delivered only
 * if it commits, after it commits, in commit order, hence in number order.
 */
export const CHANGES_CHANNEL = 'teleservices_changes';

/** The sessions that end (sign-out, password change, delegation ended), told to every instance (`shared-session-ends.ts`). */
export const SESSIONS_CHANNEL = 'teleservices_sessions';

/** One change as told: its number, its document's id, where it is routed, and whether it is a revocation. */
export interface NoticedChange {
  readonly sequence: number;
  readonly id: string;
  readonly keys: readonly string[];
  readonly revoked?: true;
}

interface Payload {
  /** The sending instance: it published to its own streams already. */
  readonly i: string;
  /** The collection. */
  readonly c: string;
  /** [sequence, id, keys, revoked (1)]. */
  readonly ch: readonly (readonly [number, string, readonly string[], 1?])[];
}

/** NOTIFY's payload must stay under 8000 bytes: a large batch is told in several notices. */
const MAX_PAYLOAD_BYTES = 7000;

/** The payloads telling `changes` of `collection` (several when they do not fit in one). */
export function noticePayloads(instance: string, collection: string, changes: readonly NoticedChange[]): string[] {
  const payloads: string[] = [];
  const head = `{"i":${JSON.stringify(instance)},"c":${JSON.stringify(collection)},"ch":[`;
  let body: string[] = [];
  let size = Buffer.byteLength(head) + 2;
  for (const change of changes) {
    const entry = JSON.stringify(change.revoked ? [change.sequence, change.id, change.keys, 1] : [change.sequence, change.id, change.keys]);
    const bytes = Buffer.byteLength(entry) + 1;
    if (Buffer.byteLength(head) + 2 + bytes > MAX_PAYLOAD_BYTES) throw new Error(`The change of ${collection}/${change.id} has too many routing keys to be told by NOTIFY`);
    if (body.length > 0 && size + bytes > MAX_PAYLOAD_BYTES) {
      payloads.push(`${head}${body.join(',')}]}`);
      body = [];
      size = Buffer.byteLength(head) + 2;
    }
    body.push(entry);
    size += bytes;
  }
  if (body.length > 0) payloads.push(`${head}${body.join(',')}]}`);
  return payloads;
}

/** Tells, when `tx` commits, the changes it made to `collection` to the other instances. */
export function notifyChanges(tx: Pick<SequencedTransaction, 'notify'>, instance: string, collection: string, changes: readonly NoticedChange[]): void {
  for (const payload of noticePayloads(instance, collection, changes)) tx.notify(CHANGES_CHANNEL, payload);
}

/**
 * A store's `ChangesOfOtherInstances` (storage/storage.ts) on the notices of one collection:
 * the changes an open stream here wants, their documents read by `load` (by id, as stored now).
 */
export function changesOfOtherInstances<Doc>(listener: ChangeNoticeListener, collection: string, load: (ids: readonly string[]) => Promise<ReadonlyMap<string, Doc>>): ChangesOfOtherInstances<Doc> {
  return {
    follow: (wanted, deliver) =>
      listener.on(collection, async (changes) => {
        const kept = changes.filter((change) => wanted(change.keys));
        if (kept.length === 0) return;
        const documents = await load([...new Set(kept.map((change) => change.id))]);
        deliver(
          kept.flatMap((change) => {
            const document = documents.get(change.id);
            return document === undefined ? [] : [{ sequence: change.sequence, document, keys: change.keys, revoked: change.revoked === true }];
          }),
        );
      }),
  };
}

/** What an instance does with the changes other instances made to one collection (in number order). */
export type NoticeHandler = (changes: readonly NoticedChange[]) => Promise<void>;

const RECONNECT_MS = 1000;

/**
 * One instance's LISTEN connection: receives the notices of the other instances and hands
 * each collection's changes to its handler, one notice at a time, in the order received.
 * The connection is re-established when it drops; the `onReconnect` handlers run then (notices
 * sent while it was down are lost: the streams it feeds must be told to pull again — `createApp`
 * ends this instance's open streams with a RESYNC, and the clients pull from their checkpoint).
 */
export class ChangeNoticeListener {
  /** This instance's id, carried by the notices it sends (it ignores its own). */
  readonly instance = randomUUID();
  readonly #handlers = new Map<string, NoticeHandler>();
  #client: pg.Client | null = null;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | null = null;
  readonly #reconnected = new Set<() => void>();
  readonly #sessionEnds = new Set<(payload: string) => void>();

  constructor(private readonly url: string) {}

  /** This listener's connection as `pg_stat_activity` names it. */
  get applicationName(): string {
    return `teleservices-listen-${this.instance.slice(0, 8)}`;
  }

  /** Runs `handler` each time the connection is back after it dropped (what was told meanwhile is lost). */
  onReconnect(handler: () => void): void {
    this.#reconnected.add(handler);
  }

  /** Runs `handler` with each payload told on `SESSIONS_CHANNEL` (by any instance, this one included). */
  onSessionEnd(handler: (payload: string) => void): void {
    this.#sessionEnds.add(handler);
  }

  /** The handler of a collection's changes made by other instances. */
  on(collection: string, handler: NoticeHandler): void {
    this.#handlers.set(collection, handler);
  }

  async start(): Promise<void> {
    // Named in pg_stat_activity: which instance's listener a connection is.
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName });
    client.on('notification', (message) => {
      if (message.channel === SESSIONS_CHANNEL && message.payload) {
        for (const handler of this.#sessionEnds) handler(message.payload);
        return;
      }
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      const payload = JSON.parse(message.payload) as Payload;
      if (payload.i === this.instance) return;
      const handler = this.#handlers.get(payload.c);
      if (!handler) return;
      const changes = payload.ch.map(([sequence, id, keys, revoked]): NoticedChange => (revoked ? { sequence, id, keys, revoked: true } : { sequence, id, keys }));
      this.#queue = this.#queue.then(() => handler(changes)).catch((error: unknown) => console.error(`[sync-server] could not relay changes of ${payload.c}:`, error));
    });
    const lost = (error?: Error) => {
      if (this.#closed || this.#client !== client) return;
      this.#client = null;
      console.error('[sync-server] the LISTEN connection to PostgreSQL dropped; reconnecting', error?.message ?? '');
      client.end().catch(() => undefined);
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${SESSIONS_CHANNEL}`);
    this.#client = client;
  }

  #scheduleReconnect(): void {
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#closed) return;
      this.start().then(
        () => {
          for (const handler of this.#reconnected) handler();
        },
        () => this.#scheduleReconnect(),
      );
    }, RECONNECT_MS);
    this.#reconnectTimer.unref();
  }

  /** Waits for the notices received so far to be handled. */
  settled(): Promise<void> {
    return this.#queue;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end();
    await this.#queue;
  }
}
