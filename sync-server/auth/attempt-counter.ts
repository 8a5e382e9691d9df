import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';

/** Wrong answers in a row (password, security key, card holder code) that lock, and for how long. */
export const MAX_FAILED_ATTEMPTS = 3;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** Where a row keeps its counter: the table and its two columns (constants of this code, never input). */
export interface AttemptColumns {
  readonly table: 'users' | 'directory_professionals' | 'card_holder_attempts';
  readonly attempts: string;
  readonly lockedUntil: string;
}

/**
 * Counts wrong answers per row (an account, a directory entry, a card). Only a wrong answer
 * counts, once checked; while checks are running, at most as many run at once as wrong answers
 * are left before the lock, and the others wait for them — so parallel wrong guesses still lock
 * at the third (the fourth is never checked), while any number of right answers arriving
 * together all get in. The in-flight count is in memory: one server process per database.
 * A locked row still pays the slow check before its 423, so that the answer's time says nothing.
 */
export class AttemptCounter {
  readonly #inFlight = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly columns: AttemptColumns,
    private readonly lockedMessage: (minutes: number) => Localized,
  ) {}

  /**
   * Runs `check` (the slow comparison) as one attempt on `id`: true when right (the counter
   * starts again), false when wrong; throws the 423 when the row is locked or this wrong answer
   * locks it.
   */
  async attempt(id: string, now: () => Date, check: () => Promise<boolean>): Promise<boolean> {
    for (;;) {
      const state = this.#state(id, now());
      if (state.lockedUntil !== null) {
        await check();
        throw this.lockedError(state.lockedUntil, now());
      }
      if (state.failed + (this.#inFlight.get(id) ?? 0) < MAX_FAILED_ATTEMPTS) break;
      await new Promise<void>((resolve) => this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), resolve]));
    }
    this.#inFlight.set(id, (this.#inFlight.get(id) ?? 0) + 1);
    let right: boolean;
    try {
      right = await check();
    } finally {
      this.#settle(id);
    }
    const { table, attempts, lockedUntil } = this.columns;
    if (right) {
      this.db.prepare(`UPDATE ${table} SET ${attempts} = 0, ${lockedUntil} = NULL WHERE id = ?`).run(id);
      return true;
    }
    const { failed } = this.db.prepare(`UPDATE ${table} SET ${attempts} = ${attempts} + 1 WHERE id = ? RETURNING ${attempts} AS failed`).get(id) as { failed: number };
    if (failed < MAX_FAILED_ATTEMPTS) return false;
    const at = now();
    const until = new Date(at.getTime() + LOCKOUT_MS).toISOString();
    this.db.prepare(`UPDATE ${table} SET ${lockedUntil} = COALESCE(${lockedUntil}, ?) WHERE id = ?`).run(until, id);
    throw this.lockedError(until, at);
  }

  /** The answer was right by another way (a card sign-in lifts a password lockout): the counter starts again. */
  clear(id: string): void {
    const { table, attempts, lockedUntil } = this.columns;
    this.db.prepare(`UPDATE ${table} SET ${attempts} = 0, ${lockedUntil} = NULL WHERE id = ?`).run(id);
  }

  lockedError(lockedUntil: string, now: Date): ApiError {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
    return new ApiError(423, this.lockedMessage(Math.ceil(retryAfter / 60)), { reason: 'locked', retryAfter });
  }

  /** The row's failures and lock; a lock whose time is over is lifted with its failures. */
  #state(id: string, now: Date): { failed: number; lockedUntil: string | null } {
    const { table, attempts, lockedUntil } = this.columns;
    const nowIso = now.toISOString();
    const row = this.db
      .prepare(
        `UPDATE ${table} SET ${attempts} = CASE WHEN ${lockedUntil} <= ? THEN 0 ELSE ${attempts} END,
                             ${lockedUntil} = CASE WHEN ${lockedUntil} <= ? THEN NULL ELSE ${lockedUntil} END
          WHERE id = ? RETURNING ${attempts} AS failed, ${lockedUntil} AS lockedUntil`,
      )
      .get(nowIso, nowIso, id) as { failed: number; lockedUntil: string | null } | undefined;
    return row ?? { failed: 0, lockedUntil: null };
  }

  #settle(id: string): void {
    const left = (this.#inFlight.get(id) ?? 1) - 1;
    if (left > 0) this.#inFlight.set(id, left);
    else this.#inFlight.delete(id);
    const waiting = this.#waiting.get(id);
    this.#waiting.delete(id);
    for (const wake of waiting ?? []) wake();
  }
}

/** `1 minute`, `15 minutes`: the same words in French and in English. */
export const minutesText = (minutes: number) => `${minutes} minute${minutes > 1 ? 's' : ''}`;
