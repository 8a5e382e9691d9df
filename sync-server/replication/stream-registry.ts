import type { SessionEnd, SessionEvents } from '../session-events.ts';

/** What the registry knows of an open live stream: whose session it serves, and how to end it. */
export interface RegisteredStream {
  /** The SHA-256 of the session's token. */
  readonly tokenHash: string;
  /** Who signed in (the délégué, in a delegated session): whose password ends the session. */
  readonly accountId: string;
  /** The delegation a délégué's session runs under. */
  readonly delegationId: string | null;
  /** When the session stops being valid by itself (its expiry, or its delegation's last day). */
  readonly endsAt: Date;
  /** Stops delivering at once and closes the stream with a `session-ended` event. */
  end(): void;
  /** Stops delivering at once and closes the stream with a `resync` event: the client pulls from its checkpoint and opens another. */
  resync(): void;
}

/** setTimeout's longest delay; a later end is left to the stream's periodic check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every open live stream, indexed by session token, account and delegation, so that a session
 * ending (sign-out, password change or reset, delegation deleted or refused: `SessionEvents`) ends
 * its streams at once, and a session reaching its expiry (or its delegation's last day) ends them
 * on time, without waiting for a periodic check.
 */
export class StreamRegistry {
  readonly #byToken = new Map<string, Set<RegisteredStream>>();
  readonly #byAccount = new Map<string, Set<RegisteredStream>>();
  readonly #byDelegation = new Map<string, Set<RegisteredStream>>();

  constructor(
    events: SessionEvents,
    private readonly now: () => Date,
  ) {
    events.subscribe((end) => this.#endAll(this.#streamsOf(end)));
  }

  /** Registers an open stream; the returned function unregisters it (the stream closed). */
  register(stream: RegisteredStream): () => void {
    add(this.#byToken, stream.tokenHash, stream);
    add(this.#byAccount, stream.accountId, stream);
    if (stream.delegationId !== null) add(this.#byDelegation, stream.delegationId, stream);
    const delay = stream.endsAt.getTime() - this.now().getTime();
    const timer = delay <= MAX_TIMER_MS ? setTimeout(() => stream.end(), Math.max(0, delay)) : null;
    timer?.unref();
    return () => {
      if (timer) clearTimeout(timer);
      remove(this.#byToken, stream.tokenHash, stream);
      remove(this.#byAccount, stream.accountId, stream);
      if (stream.delegationId !== null) remove(this.#byDelegation, stream.delegationId, stream);
    };
  }

  /**
   * Ends every open stream with a RESYNC: changes may have been missed (the connection that tells
   * this instance of the other instances' writes dropped), so each client pulls from its
   * checkpoint, which misses nothing, then opens another stream.
   */
  resyncAll(): void {
    for (const stream of new Set([...this.#byToken.values()].flatMap((streams) => [...streams]))) stream.resync();
  }

  #streamsOf(end: SessionEnd): RegisteredStream[] {
    switch (end.kind) {
      case 'session':
        return [...(this.#byToken.get(end.tokenHash) ?? [])];
      case 'account':
        return [...(this.#byAccount.get(end.userId) ?? [])].filter((stream) => stream.tokenHash !== end.exceptTokenHash);
      case 'delegation':
        return [...(this.#byDelegation.get(end.delegationId) ?? [])];
    }
  }

  #endAll(streams: readonly RegisteredStream[]): void {
    for (const stream of streams) stream.end();
  }
}

function add(index: Map<string, Set<RegisteredStream>>, key: string, stream: RegisteredStream): void {
  let streams = index.get(key);
  if (!streams) index.set(key, (streams = new Set()));
  streams.add(stream);
}

function remove(index: Map<string, Set<RegisteredStream>>, key: string, stream: RegisteredStream): void {
  const streams = index.get(key);
  if (!streams) return;
  streams.delete(stream);
  if (streams.size === 0) index.delete(key);
}
