import type { Context } from 'hono';
import type { RateLimitStorage } from '../auth/auth-storage.ts';
import { ApiError, type Localized } from '../http-errors.ts';

/**
 * Fixed-window counters per key (an identifier, a client address), kept in the database
 * (`RateLimitStorage`): every instance on one database counts in the same windows, and a restart
 * forgets nothing. Over the limit the route answers 429 with `retryAfter` seconds and a message
 * in both languages. `name` keeps each limit's keys apart.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStorage,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt for `key`; throws 429 past the limit. Returns the window it was counted in. */
  async hit(key: string, now: number, message: Localized): Promise<number> {
    const window = await this.store.hit(this.#key(key), now, this.windowMs);
    if (window.count > this.limit) {
      throw new ApiError(429, message, { reason: 'rate_limited', retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) });
    }
    return window.resetAt;
  }

  /** Whether one more attempt for `key` would be over the limit now. */
  async isFull(key: string, now: number): Promise<boolean> {
    return (await this.store.count(this.#key(key), now)) >= this.limit;
  }

  /**
   * Gives back one attempt counted for `key` (one that succeeded), in the window it was counted
   * in only: a newer window's failures stay counted.
   */
  refund(key: string, windowResetAt: number): Promise<void> {
    return this.store.refund(this.#key(key), windowResetAt);
  }

  #key(key: string): string {
    return `${this.name}:${key}`;
  }
}

/**
 * The client's address: the socket's, or with `trustProxy` the first `X-Forwarded-For` hop
 * (behind a reverse proxy, which must then set it).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export const TOO_MANY_ATTEMPTS: Localized = { fr: 'Trop de tentatives : patientez avant de réessayer.', en: 'Too many attempts: wait before trying again.' };

/**
 * Two limits on one kind of request: per identifier (an e-mail, a number, a card) and per
 * client address, in the same window.
 */
export class IdentifierAndAddressLimit {
  readonly #byIdentifier: RateLimiter;
  readonly #byAddress: RateLimiter;

  constructor(
    store: RateLimitStorage,
    name: string,
    limits: { readonly perIdentifier: number; readonly perAddress: number; readonly windowMs: number },
    private readonly trustProxy: boolean,
    private readonly message: Localized = TOO_MANY_ATTEMPTS,
  ) {
    this.#byIdentifier = new RateLimiter(store, `${name}:identifier`, limits.perIdentifier, limits.windowMs);
    this.#byAddress = new RateLimiter(store, `${name}:address`, limits.perAddress, limits.windowMs);
  }

  /**
   * Counts one request; throws 429 when the address or the identifier is over its limit. The
   * attempt counts while it runs (parallel guesses are limited too); call the returned function
   * once it succeeded, and it no longer counts: only failures use up the budget.
   */
  async hit(c: Context, identifier: string, now: number): Promise<() => Promise<void>> {
    const address = clientAddress(c, this.trustProxy);
    const key = identifier.trim().toLowerCase();
    const addressWindow = await this.#byAddress.hit(address, now, this.message);
    let identifierWindow: number;
    try {
      identifierWindow = await this.#byIdentifier.hit(key, now, this.message);
    } catch (error) {
      await this.#byAddress.refund(address, addressWindow);
      throw error;
    }
    return async () => {
      await this.#byAddress.refund(address, addressWindow);
      await this.#byIdentifier.refund(key, identifierWindow);
    };
  }

  readonly #running = new Map<string, number>();
  #settled: (() => void)[] = [];

  /**
   * `hit`, for requests that are often right (sign-ins): one over the limit while attempts of
   * its address or identifier are still running here waits for them instead of being refused —
   * the successes give their places back — so any number of right answers sent at once all
   * pass, and wrong ones still meet the 429. (The count is the database's; only the waiting is
   * this instance's: a request over the limit while the running attempts are another
   * instance's is refused.) Call `succeeded()` when it succeeded, `settled()` always.
   */
  async hitWhenSettled(c: Context, identifier: string, now: () => number): Promise<{ succeeded: () => Promise<void>; settled: () => void }> {
    const address = clientAddress(c, this.trustProxy);
    const key = identifier.trim().toLowerCase();
    const keys = [`address:${address}`, `identifier:${key}`];
    let done = false;
    const settled = () => {
      if (done) return;
      done = true;
      for (const k of keys) {
        const left = (this.#running.get(k) ?? 1) - 1;
        if (left > 0) this.#running.set(k, left);
        else this.#running.delete(k);
      }
      const waiting = this.#settled;
      this.#settled = [];
      for (const wake of waiting) wake();
    };
    for (;;) {
      // Checked and counted one request at a time here, so that those woken together do not all pass one free place.
      const admitted = await this.#oneAtATime(async () => {
        if (keys.some((k) => this.#running.has(k)) && ((await this.#byAddress.isFull(address, now())) || (await this.#byIdentifier.isFull(key, now())))) {
          return { succeeded: null, wait: new Promise<void>((resolve) => this.#settled.push(resolve)) };
        }
        for (const k of keys) this.#running.set(k, (this.#running.get(k) ?? 0) + 1);
        try {
          return { succeeded: await this.hit(c, identifier, now()), wait: null };
        } catch (error) {
          settled();
          throw error;
        }
      });
      if (admitted.succeeded) return { succeeded: admitted.succeeded, settled };
      await admitted.wait;
    }
  }

  #queue: Promise<unknown> = Promise.resolve();

  #oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
