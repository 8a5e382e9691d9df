import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError } from '../http-errors.ts';

/**
 * Replication checkpoints: the server-stamped sequence number of the last change a client has
 * received. Every accepted write (and every file entering or leaving a user's scope) takes the
 * next number in one SQLite transaction, so the order is total, stable and gapless.
 */
export interface SequenceCheckpoint {
  readonly sequence: number;
}

export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 10_000;

export function parseCheckpoint(raw: string | undefined): SequenceCheckpoint | null {
  if (raw === undefined || raw === '' || raw === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError(400, { fr: 'Le paramètre checkpoint doit être du JSON, par exemple {"sequence":42}.', en: 'The checkpoint parameter must be JSON, for example {"sequence":42}.' }, { reason: 'invalid_checkpoint' });
  }
  if (value === null) return null;
  const sequence = (value as { sequence?: unknown })?.sequence;
  if (typeof value !== 'object' || !Number.isSafeInteger(sequence) || (sequence as number) < 0) {
    throw new ApiError(400, { fr: 'Le checkpoint doit avoir la forme {"sequence": entier ≥ 0}.', en: 'The checkpoint must have the form {"sequence": integer ≥ 0}.' }, { reason: 'invalid_checkpoint' });
  }
  return { sequence: sequence as number };
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PULL_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) {
    throw new ApiError(400, { fr: `Le paramètre limit doit être un entier entre 1 et ${MAX_PULL_LIMIT}.`, en: `The limit parameter must be an integer between 1 and ${MAX_PULL_LIMIT}.` }, { reason: 'invalid_limit' });
  }
  return limit;
}

const takeSequence = new WeakMap<SqliteDatabase, Statement>();

/** Takes the next number of the global change sequence; call inside the write transaction. */
export function nextSequence(db: SqliteDatabase): number {
  let statement = takeSequence.get(db);
  if (!statement) {
    statement = db.prepare("UPDATE change_sequence SET value = value + 1 WHERE name = 'changes' RETURNING value");
    takeSequence.set(db, statement);
  }
  return (statement.get() as { value: number }).value;
}
