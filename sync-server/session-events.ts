/**
 * Sessions that end before their expiry, told to whatever holds on to a session beyond one
 * request: the open live streams (sync-server/replication/stream-registry.ts), and any cache of
 * session lookups by token. Whoever ends sessions publishes here, after its transaction commits:
 * sign-out, a password changed or reset, a delegation that stops allowing access.
 *
 * Delivery is synchronous: when `publish` returns, every listener has acted (a stream has
 * stopped delivering), so the answer of the request that ended the session (the sign-out's 204)
 * leaves after every stream of that session stopped.
 */
export type SessionEnd =
  /** One session, by its token's SHA-256 (as the `sessions` table stores it): signed out, revoked. */
  | { readonly kind: 'session'; readonly tokenHash: string }
  /**
   * Every session an account opened (the person who signed in: the délégué, for a delegated
   * session), but the one named by `exceptTokenHash`: its password changed or was reset.
   */
  | { readonly kind: 'account'; readonly userId: string; readonly exceptTokenHash?: string }
  /** Every delegated session running under a delegation that no longer allows access (deleted, refused). */
  | { readonly kind: 'delegation'; readonly delegationId: string };

export type SessionEndListener = (end: SessionEnd) => void;

export class SessionEvents {
  readonly #listeners = new Set<SessionEndListener>();

  subscribe(listener: SessionEndListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(end: SessionEnd): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(end);
      } catch (error) {
        // One failing listener must neither keep the others from ending their streams nor fail the sign-out.
        console.error('[sync-server] session-end listener failed', error);
      }
    }
  }
}
