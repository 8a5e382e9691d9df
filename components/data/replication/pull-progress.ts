import type { RxCollection } from 'rxdb';
import { distinctUntilChanged, map, type Observable } from 'rxjs';

/** Where a pull from the server stands: documents received out of those the server announced. */
export interface PullProgress {
  readonly done: number;
  readonly total: number;
}

interface ProgressRecord extends PullProgress {
  readonly at: number;
}

const idOf = (collection: RxCollection) => `pull-progress-${collection.name}`;

/**
 * Records a collection's pull progress (null: no pull of several pages running) in a local
 * document of its database, which every tab sees: only the leader tab replicates.
 */
export async function recordPullProgress(collection: RxCollection, progress: PullProgress | null): Promise<void> {
  const database = collection.database;
  if (database.closed) return;
  try {
    await database.upsertLocal<ProgressRecord>(idOf(collection), { done: progress?.done ?? 0, total: progress?.total ?? 0, at: Date.now() });
  } catch {
    // The database is closing (sign-out while a pull runs): nobody is left to tell.
  }
}

/** A collection's pull progress, live in every tab: null when no pull of several pages runs. */
export function pullProgress$(collection: RxCollection): Observable<PullProgress | null> {
  return collection.database.getLocal$<ProgressRecord>(idOf(collection)).pipe(
    map((doc) => {
      const record = doc?.toJSON().data as ProgressRecord | undefined;
      return record && record.total > 0 ? { done: record.done, total: record.total } : null;
    }),
    distinctUntilChanged((a, b) => a?.done === b?.done && a?.total === b?.total),
  );
}

/**
 * Follows the pages of one pull from the checkpoint where it starts until a page comes back
 * short (the device has caught up): the first page's request asks the server how many documents
 * lie ahead, and each page moves the progress on. Only pulls of more than one page report.
 */
export class PullProgressTracker {
  #current: { done: number; total: number } | null = null;
  /** Whether the stored progress may say a pull runs (at first: an earlier pull may have been cut short). */
  #shown = true;
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: RxCollection,
    private readonly countAhead: (checkpoint: unknown) => Promise<number | null>,
  ) {}

  /** Started with a page's request: the count, when this page begins a pull (null otherwise). */
  starting(checkpoint: unknown): Promise<number | null> | null {
    return this.#current ? null : this.countAhead(checkpoint).catch(() => null);
  }

  /** A page arrived (`counted`: what `starting` gave for it). */
  async received(documents: number, limit: number, counted: Promise<number | null> | null): Promise<void> {
    if (counted) this.#current = { done: 0, total: (await counted) ?? 0 };
    const current = this.#current;
    if (!current) return;
    current.done += documents;
    if (documents < limit) {
      this.#current = null;
      if (this.#shown) this.#record(null);
    } else if (current.total > limit) {
      this.#record({ done: current.done, total: Math.max(current.total, current.done) });
    }
  }

  #record(progress: PullProgress | null): void {
    this.#shown = progress !== null;
    this.#writes = this.#writes.then(() => recordPullProgress(this.collection, progress));
  }
}
