/**
 * In-process fan-out of accepted changes to the open streams, routed by key. Writers publish
 * right after their transaction commits, in sequence order. Each collection says which keys a
 * change goes to (its structure, the users it was granted to…) and which keys a session's
 * stream listens to (its scope as keys): a change reaches only the streams listening to one of
 * its keys, so its cost grows with the streams that may hold it, not with every open stream,
 * and no stream runs SQL to decide.
 */
export interface PublishedChange<Doc> {
  readonly sequence: number;
  readonly document: Doc;
  /** Users who must receive this change even if it is outside their usual scope (a grant). */
  readonly grantedTo?: readonly string[];
  /** Users for whom this change is the file leaving their scope (sent as a deletion). */
  readonly revokedFrom?: readonly string[];
  /**
   * The keys this change goes to, when they were decided elsewhere: a change made by another
   * instance arrives with its keys (`db/postgres/change-notices.ts`), not the collection's rule.
   */
  readonly keys?: readonly string[];
}

/** A collection's routing rule: the keys a change goes to. */
export type ChangeKeys<Doc> = (change: PublishedChange<Doc>) => readonly string[];

/** Receives, in order, the changes of one publication routed to the listener's keys (each once). */
export type ChangeListener<Doc> = (changes: readonly PublishedChange<Doc>[]) => void;

/** What a stream needs of a hub: to listen to the changes routed to some keys. */
export interface ChangeSource<Doc> {
  subscribe(keys: readonly string[], listener: ChangeListener<Doc>): () => void;
}

interface Subscription<Doc> {
  readonly listener: ChangeListener<Doc>;
  pending: PublishedChange<Doc>[];
}

export class ChangeHub<Doc> implements ChangeSource<Doc> {
  readonly #byKey = new Map<string, Set<Subscription<Doc>>>();

  constructor(private readonly keysOf: ChangeKeys<Doc>) {}

  subscribe(keys: readonly string[], listener: ChangeListener<Doc>): () => void {
    const subscription: Subscription<Doc> = { listener, pending: [] };
    const unique = [...new Set(keys)];
    for (const key of unique) {
      let subscriptions = this.#byKey.get(key);
      if (!subscriptions) this.#byKey.set(key, (subscriptions = new Set()));
      subscriptions.add(subscription);
    }
    return () => {
      for (const key of unique) {
        const subscriptions = this.#byKey.get(key);
        subscriptions?.delete(subscription);
        if (subscriptions?.size === 0) this.#byKey.delete(key);
      }
    };
  }

  /** Whether an open stream listens to one of these keys (a change routed to them would reach it). */
  listensTo(keys: readonly string[]): boolean {
    return keys.some((key) => this.#byKey.has(key));
  }

  publish(changes: readonly PublishedChange<Doc>[]): void {
    const reached: Subscription<Doc>[] = [];
    for (const change of changes) {
      for (const key of change.keys ?? this.keysOf(change)) {
        for (const subscription of this.#byKey.get(key) ?? []) {
          // A stream listening to several of the change's keys receives it once.
          if (subscription.pending.at(-1) === change) continue;
          if (subscription.pending.length === 0) reached.push(subscription);
          subscription.pending.push(change);
        }
      }
    }
    for (const subscription of reached) {
      const routed = subscription.pending;
      subscription.pending = [];
      subscription.listener(routed);
    }
  }
}
