import { ApiError, type Localized } from '../http-errors.ts';
import type { LockoutKind, LockoutStorage } from './auth-storage.ts';

/** Wrong answers in a row (password, security key, card holder code) that lock, and for how long. */
export const MAX_FAILED_ATTEMPTS = 3;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** How often a check waiting for the ones under way on other instances looks again. */
const RECHECK_MS = 25;

/**
 * Counts wrong answers per row (an account, an unknown identifier, a card, a security key), in
 * the database (`LockoutStorage`). A check counts as a failure from the moment it starts until
 * it is known right, so at most as many checks run at once — on every instance together — as
 * wrong answers are left before the lock; the others wait for them. Parallel wrong guesses still
 * lock at the third (the fourth is never checked), while any number of right answers arriving
 * together all get in. A locked row still pays the slow check before its 423, so that the
 * answer's time says nothing.
 */
export class AttemptCounter {
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly lockouts: LockoutStorage,
    private readonly kind: LockoutKind,
    private readonly lockedMessage: (minutes: number) => Localized,
  ) {}

  /**
   * Runs `check` (the slow comparison) as one attempt on `id`: true when right (the counter
   * starts again), false when wrong; throws the 423 when the row is locked or this wrong answer
   * locks it.
   */
  async attempt(id: string, now: () => Date, check: () => Promise<boolean>): Promise<boolean> {
    let rank: number;
    for (;;) {
      const reservation = await this.lockouts.reserve(this.kind, id, now(), MAX_FAILED_ATTEMPTS);
      if (reservation.lockedUntil !== null) {
        await check();
        throw this.lockedError(reservation.lockedUntil, now());
      }
      if (reservation.rank !== null) {
        rank = reservation.rank;
        break;
      }
      // Checks under way fill the places: wait for one here to settle, or look again soon (another instance's).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, RECHECK_MS);
        this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), () => (clearTimeout(timer), resolve())]);
      });
    }
    try {
      if (await check()) {
        await this.lockouts.right(this.kind, id);
        return true;
      }
      const at = now();
      const lockedUntil = await this.lockouts.wrong(this.kind, id, rank, MAX_FAILED_ATTEMPTS, new Date(at.getTime() + LOCKOUT_MS).toISOString());
      if (lockedUntil === null) return false;
      throw this.lockedError(lockedUntil, at);
    } finally {
      this.#settle(id);
    }
  }

  /** The answer was right by another way (a card sign-in lifts a password lockout): the counter starts again. */
  clear(id: string): Promise<void> {
    return this.lockouts.right(this.kind, id);
  }

  lockedError(lockedUntil: string, now: Date): ApiError {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
    return new ApiError(423, this.lockedMessage(Math.ceil(retryAfter / 60)), { reason: 'locked', retryAfter });
  }

  #settle(id: string): void {
    const waiting = this.#waiting.get(id);
    this.#waiting.delete(id);
    for (const wake of waiting ?? []) wake();
  }
}

/** `1 minute`, `15 minutes`: the same words in French and in English. */
export const minutesText = (minutes: number) => `${minutes} minute${minutes > 1 ? 's' : ''}`;
