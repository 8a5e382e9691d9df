import type { Context } from 'hono';
import { ApiError, type Localized } from '../http-errors.ts';

/**
 * Fixed-window counters in memory, per key (an identifier, a client address): enough for one
 * server process; a restart forgets them. Over the limit the route answers 429 with
 * `retryAfter` seconds and a message in both languages.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt for `key`; throws 429 past the limit. Returns the window it was counted in. */
  hit(key: string, now: number, message: Localized): number {
    if (this.#windows.size > 50_000) for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return now + this.windowMs;
    }
    window.count += 1;
    if (window.count > this.limit) {
      throw new ApiError(429, message, { reason: 'rate_limited', retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) });
    }
    return window.resetAt;
  }

  /** Whether one more attempt for `key` would be over the limit now. */
  isFull(key: string, now: number): boolean {
    const window = this.#windows.get(key);
    return window !== undefined && window.resetAt > now && window.count >= this.limit;
  }

  /**
   * Gives back one attempt counted for `key` (one that succeeded), in the window it was counted
   * in only: a newer window's failures stay counted.
   */
  refund(key: string, windowResetAt: number): void {
    const window = this.#windows.get(key);
    if (window && window.resetAt === windowResetAt && window.count > 0) window.count -= 1;
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
    limits: { readonly perIdentifier: number; readonly perAddress: number; readonly windowMs: number },
    private readonly trustProxy: boolean,
    private readonly message: Localized = TOO_MANY_ATTEMPTS,
  ) {
    this.#byIdentifier = new RateLimiter(limits.perIdentifier, limits.windowMs);
    this.#byAddress = new RateLimiter(limits.perAddress, limits.windowMs);
  }

  /**
   * Counts one request; throws 429 when the address or the identifier is over its limit. The
   * attempt counts while it runs (parallel guesses are limited too); call the returned function
   * once it succeeded, and it no longer counts: only failures use up the budget.
   */
  hit(c: Context, identifier: string, now: number): () => void {
    const address = clientAddress(c, this.trustProxy);
    const key = identifier.trim().toLowerCase();
    const addressWindow = this.#byAddress.hit(address, now, this.message);
    let identifierWindow: number;
    try {
      identifierWindow = this.#byIdentifier.hit(key, now, this.message);
    } catch (error) {
      this.#byAddress.refund(address, addressWindow);
      throw error;
    }
    return () => {
      this.#byAddress.refund(address, addressWindow);
      this.#byIdentifier.refund(key, identifierWindow);
    };
  }

  readonly #running = new Map<string, number>();
  #settled: (() => void)[] = [];

  /**
   * `hit`, for requests that are often right (sign-ins): one over the limit while attempts of
   * its address or identifier are still running waits for them instead of being refused — the
   * successes give their places back — so any number of right answers sent at once all pass,
   * and wrong ones still meet the 429. Call `succeeded()` when it succeeded, `settled()` always.
   */
  async hitWhenSettled(c: Context, identifier: string, now: () => number): Promise<{ succeeded: () => void; settled: () => void }> {
    const address = clientAddress(c, this.trustProxy);
    const key = identifier.trim().toLowerCase();
    const keys = [`address:${address}`, `identifier:${key}`];
    while ((this.#byAddress.isFull(address, now()) || this.#byIdentifier.isFull(key, now())) && keys.some((k) => this.#running.has(k))) {
      await new Promise<void>((resolve) => this.#settled.push(resolve));
    }
    const succeeded = this.hit(c, identifier, now());
    for (const k of keys) this.#running.set(k, (this.#running.get(k) ?? 0) + 1);
    let done = false;
    return {
      succeeded,
      settled: () => {
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
      },
    };
  }
}
