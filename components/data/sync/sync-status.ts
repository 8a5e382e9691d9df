import { combineLatest, fromEvent, map, merge, of, startWith, type Observable } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import type { ApiRequestError } from '../replication/api-client.ts';
import { SyncJournal } from './sync-journal.ts';

/** What a person needs to know about the sync, in every tab. */
export interface SyncStatus {
  /** `online`: the server answered last time; `offline`: no network or server unreachable; `error`: it answered with a problem. */
  readonly connection: 'online' | 'offline' | 'error' | 'unknown';
  /** Local changes not yet accepted by the server. */
  readonly pending: number;
  /** Files the server refused (they stay on the device with its reason). */
  readonly refused: number;
  /** Files merged over a concurrent change of the same field. */
  readonly conflicts: number;
  /** The reason of the last error, in the server's words. */
  readonly error: string | null;
}

interface ConnectionRecord {
  readonly connection: 'online' | 'offline' | 'error';
  readonly error: string | null;
  readonly at: number;
}

const CONNECTION_DOC = 'sync-connection';

/**
 * Records the outcome of the last exchange with the server in a local document, which every
 * tab sees (only the leader tab replicates, so only it knows first-hand).
 */
export async function recordConnection(db: TeleservicesDatabase, error: ApiRequestError | null): Promise<void> {
  if (db.closed) return;
  const record: ConnectionRecord = error
    ? { connection: error.kind === 'offline' ? 'offline' : 'error', error: error.message, at: Date.now() }
    : { connection: 'online', error: null, at: Date.now() };
  try {
    const current = await db.getLocal<ConnectionRecord>(CONNECTION_DOC);
    if (current && current.get('connection') === record.connection && current.get('error') === record.error) return;
    await db.upsertLocal<ConnectionRecord>(CONNECTION_DOC, record);
  } catch {
    // The database is closing or closed (sign-out while a pull runs, page leaving; RxDB says
    // LD8 before `closed` turns true): the status has nobody left to tell. Never an unhandled rejection.
  }
}

/** The sync status of a database, live, from the journal and the last recorded exchange. */
export function syncStatus$(db: TeleservicesDatabase, { forcedOffline$ = of(false) }: { forcedOffline$?: Observable<boolean> } = {}): Observable<SyncStatus> {
  const browserOnline$ = merge(fromEvent(window, 'online'), fromEvent(window, 'offline')).pipe(
    map(() => navigator.onLine),
    startWith(navigator.onLine),
  );
  const connection$ = db.getLocal$<ConnectionRecord>(CONNECTION_DOC).pipe(map((doc) => (doc ? (doc.toJSON().data as ConnectionRecord) : null)));
  return combineLatest([new SyncJournal(db.syncjournal).counts$(), connection$, browserOnline$, forcedOffline$]).pipe(
    map(([counts, record, browserOnline, forcedOffline]) => {
      if (forcedOffline || !browserOnline) return { ...counts, connection: 'offline' as const, error: null };
      return { ...counts, connection: record?.connection ?? 'unknown', error: record?.error ?? null };
    }),
  );
}
