import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';

/** Wrong answers in a row (password, security key) that lock, and for how long. */
export const MAX_FAILED_ATTEMPTS = 3;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** Where a row keeps its counter: the table and its two columns (constants of this code, never input). */
export interface AttemptColumns {
  readonly table: 'users' | 'directory_professionals';
  readonly attempts: string;
  readonly lockedUntil: string;
}

/**
 * Counts wrong answers per row, atomically: each attempt is reserved *before* the slow check
 * (scrypt), in one UPDATE, so parallel guesses cannot slip past the limit — the fourth of four
 * simultaneous guesses is refused without being checked.
 */
export class AttemptCounter {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly columns: AttemptColumns,
    private readonly lockedMessage: (minutes: number) => Localized,
  ) {}

  /** Reserves an attempt; throws the 423 when the row is locked or the attempts are used up. */
  reserve(id: string, now: Date): number {
    const { table, attempts, lockedUntil } = this.columns;
    const nowIso = now.toISOString();
    const reserved = this.db
      .prepare(
        `UPDATE ${table} SET ${attempts} = CASE WHEN ${lockedUntil} IS NOT NULL AND ${lockedUntil} <= ? THEN 1 ELSE ${attempts} + 1 END,
                             ${lockedUntil} = CASE WHEN ${lockedUntil} IS NOT NULL AND ${lockedUntil} <= ? THEN NULL ELSE ${lockedUntil} END
          WHERE id = ? RETURNING ${attempts} AS attempt, ${lockedUntil} AS lockedUntil`,
      )
      .get(nowIso, nowIso, id) as { attempt: number; lockedUntil: string | null };
    if (reserved.lockedUntil !== null) throw this.lockedError(reserved.lockedUntil, now);
    if (reserved.attempt > MAX_FAILED_ATTEMPTS) throw this.lockedError(new Date(now.getTime() + LOCKOUT_MS).toISOString(), now);
    return reserved.attempt;
  }

  /** The answer was right: the counter starts again. */
  clear(id: string): void {
    const { table, attempts, lockedUntil } = this.columns;
    this.db.prepare(`UPDATE ${table} SET ${attempts} = 0, ${lockedUntil} = NULL WHERE id = ?`).run(id);
  }

  /** The answer was wrong: at the last allowed attempt, locks and throws the 423. */
  failed(id: string, attempt: number, now: Date): void {
    if (attempt < MAX_FAILED_ATTEMPTS) return;
    const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    this.db.prepare(`UPDATE ${this.columns.table} SET ${this.columns.lockedUntil} = ? WHERE id = ?`).run(until, id);
    throw this.lockedError(until, now);
  }

  lockedError(lockedUntil: string, now: Date): ApiError {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
    return new ApiError(423, this.lockedMessage(Math.ceil(retryAfter / 60)), { reason: 'locked', retryAfter });
  }
}

/** `1 minute`, `15 minutes`: the same words in French and in English. */
export const minutesText = (minutes: number) => `${minutes} minute${minutes > 1 ? 's' : ''}`;
