import type { RxCollection, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { map, Subject, type Observable } from 'rxjs';
import { MAX_PUSH_ROWS } from '../../../domain/replication/push-batch.ts';
import { recordConnection } from '../sync/sync-status.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import { ApiRequestError, errorFrom, type ApiClient } from './api-client.ts';
import { eventStream } from './event-stream.ts';
import { FirstSync, type PulledPage } from './first-sync.ts';
import { PullProgressTracker } from './pull-progress.ts';

export interface SequenceCheckpoint {
  readonly sequence: number;
}

interface RefusedRow {
  readonly id: string;
  readonly reason: string;
  readonly fields?: string[];
  readonly issues?: { field: string; message: string }[];
}

/** '' and undefined are "not given": they are not sent. */
function toWire(doc: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!doc) return undefined;
  return Object.fromEntries(Object.entries(doc).filter(([key, value]) => value !== '' && value !== undefined && !['_meta', '_rev', '_attachments'].includes(key)));
}

export interface CollectionReplicationOptions<Doc> {
  /** The collection's name on the server: `/api/replication/<path>`. */
  readonly path: string;
  readonly collection: RxCollection<Doc>;
  readonly api: ApiClient;
  /** Every failure to reach or be answered by the server; returns never (RxDB retries). */
  readonly report: (error: unknown) => never;
  /** The server answered: the sync status says so. */
  readonly reached: () => void;
  /**
   * With a journal, local writes are pushed; refused rows stay on the device with the server's
   * reason. `alreadyOnServer(pushed, serverCopy)` tells a conflict that is only a repeat: the
   * server already holds what was pushed (its answer to an earlier push was lost), so the
   * write counts as sent.
   */
  readonly push?: { readonly journal: SyncJournal; readonly journalName: string; readonly alreadyOnServer?: (pushed: Record<string, unknown>, serverCopy: Record<string, unknown>) => boolean };
  /** Fills the fields the local schema indexes (server documents omit empty ones). */
  readonly modifier?: (doc: WithDeleted<Doc>) => WithDeleted<Doc>;
  /** Documents per pull page (100 by default). */
  readonly batchSize?: number;
  /** Rows per push: up to the server's limit by default (`MAX_PUSH_ROWS`, 1 000), one request and one transaction each. */
  readonly pushBatchSize?: number;
  readonly retryTime?: number;
  /**
   * Awaited before each push: what this collection's rows depend on has reached the server
   * first (an EMS message after its thread, which the server must know to accept it).
   */
  readonly pushAfter?: () => Promise<unknown>;
  /**
   * Whether the pulls record their progress (`pull-progress.ts`): the first page of a pull also
   * asks the server how many documents lie ahead (`GET pull-remaining`), so that a first sync
   * says « Synchronisation : 2 300 / 10 000 fiches ».
   */
  readonly progress?: boolean;
  /** The live changes, when the runtime shares one stream between its collections; the collection's own `pull-stream` otherwise. */
  readonly stream$?: Observable<unknown>;
  /**
   * Whether a device that holds nothing of the collection yet (no document, no checkpoint) writes
   * its first sync page by page in one go (`first-sync.ts`) instead of through RxDB's reads per
   * document; everything after it is RxDB's replication as usual. On by default.
   */
  readonly firstSync?: boolean;
}

/**
 * RxDB's replication with the sync server for one collection: checkpointed pull, the live
 * stream (RESYNC on reconnection), and — when the collection is written on the device — push
 * with the server's conflicts; rows the server refuses (403/422 naming them) are kept on the
 * device with the reason in the sync journal, and the rest of the batch goes on. Only the
 * leader tab replicates.
 */
export function replicateCollection<Doc>({ path, collection, api, report, reached, push, modifier, pushAfter, stream$, progress = false, firstSync = true, batchSize = 100, pushBatchSize = MAX_PUSH_ROWS, retryTime = 3000 }: CollectionReplicationOptions<Doc>): RxReplicationState<Doc, SequenceCheckpoint> {
  const url = `/api/replication/${path}`;
  const checkpointQuery = (checkpoint: SequenceCheckpoint | undefined) => (checkpoint ? `?${new URLSearchParams({ checkpoint: JSON.stringify(checkpoint) })}` : '');
  const tracker = progress
    ? new PullProgressTracker(collection as RxCollection, async (checkpoint) => (await api.json<{ remaining: number }>(`${url}/pull-remaining${checkpointQuery(checkpoint as SequenceCheckpoint | undefined)}`)).remaining)
    : null;
  const fetchPage = async (checkpoint: SequenceCheckpoint | undefined, limit: number): Promise<PulledPage<Doc, SequenceCheckpoint>> => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const counted = tracker?.starting(checkpoint) ?? null;
    const page = await api.json<PulledPage<Doc, SequenceCheckpoint>>(`${url}/pull?${query}`).catch(report);
    reached();
    await tracker?.received(page.documents.length, limit, counted);
    return { documents: page.documents, checkpoint: page.checkpoint };
  };
  const first = firstSync ? new FirstSync<Doc, SequenceCheckpoint>({ collection, replication: () => replication, fetchPage, ...(modifier ? { modifier } : {}) }) : null;
  const replication: RxReplicationState<Doc, SequenceCheckpoint> = replicateRxCollection<Doc, SequenceCheckpoint>({
    replicationIdentifier: `teleservices-${path.replace(/\//g, '-')}-${api.url('')}`,
    collection,
    live: true,
    retryTime,
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize,
      async handler(checkpoint, limit) {
        return (await first?.pull(checkpoint, limit)) ?? fetchPage(checkpoint, limit);
      },
      stream$: (stream$ ?? eventStream(api, `${url}/pull-stream`, { retryMs: retryTime })).pipe(
        map((event) => (event === 'RESYNC' ? 'RESYNC' : (event as { documents: WithDeleted<Doc>[]; checkpoint: SequenceCheckpoint }))),
      ),
      ...(modifier ? { modifier } : {}),
    },
    ...(push
      ? {
          push: {
            batchSize: pushBatchSize,
            async handler(rows) {
              if (pushAfter) await pushAfter();
              const startedAt = Date.now();
              let pending = rows.map((row) => ({
                assumedMasterState: toWire(row.assumedMasterState as Record<string, unknown> | undefined),
                newDocumentState: toWire(row.newDocumentState as Record<string, unknown>)!,
              }));
              const refusedIds = new Set<string>();
              for (;;) {
                const response = await api.send(`${url}/push`, { method: 'POST', json: pending }).catch(report);
                if (response.ok) {
                  reached();
                  const conflicts = (await response.json()) as WithDeleted<Doc>[];
                  const serverCopies = new Map(conflicts.map((c) => [(c as unknown as { id: string }).id, c as unknown as Record<string, unknown>]));
                  const sent = pending
                    .filter((row) => {
                      const serverCopy = serverCopies.get(row.newDocumentState['id'] as string);
                      return !serverCopy || (push.alreadyOnServer?.(row.newDocumentState, serverCopy) ?? false);
                    })
                    .map((row) => row.newDocumentState['id'] as string);
                  await push.journal.markSent(push.journalName, sent, startedAt);
                  return modifier ? conflicts.map(modifier) : conflicts;
                }
                const error = await errorFrom(response, api.locale);
                const refused = (error.body['rows'] as RefusedRow[] | undefined) ?? [];
                if ((response.status !== 403 && response.status !== 422) || refused.length === 0) report(error);
                for (const row of refused) {
                  refusedIds.add(row.id);
                  await push.journal.markRefused(push.journalName, row.id, { reason: row.reason, fields: row.fields, issues: row.issues });
                }
                pending = pending.filter((row) => !refusedIds.has(row.newDocumentState['id'] as string));
                if (pending.length === 0) return [];
              }
            },
          },
        }
      : {}),
  });
  return replication;
}

/**
 * What every replication of a runtime reports to: the errors (for the sync status and the
 * host), and the last exchange's outcome recorded for every tab.
 */
export function connectionReporter(db: Parameters<typeof recordConnection>[0]) {
  const errors$ = new Subject<ApiRequestError>();
  return {
    errors$,
    report(error: unknown): never {
      const apiError = error instanceof ApiRequestError ? error : new ApiRequestError('server', 0, String(error));
      errors$.next(apiError);
      void recordConnection(db, apiError);
      throw apiError;
    },
    reached(): void {
      void recordConnection(db, null);
    },
  };
}
