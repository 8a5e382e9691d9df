import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { WithDeleted } from 'rxdb';
import { Subject, map } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import { withStorageDefaults, type LocalFiche } from '../fiches/fiche-collection-schema.ts';
import { FICHES } from '../fiches/fiche-repository.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import { ApiRequestError, errorFrom, type ApiClient } from './api-client.ts';
import { eventStream } from './event-stream.ts';
import { recordConnection } from '../sync/sync-status.ts';

interface Checkpoint {
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

export interface FicheReplication {
  readonly state: RxReplicationState<LocalFiche, Checkpoint>;
  /** Every error the replication met (network, session, server), for the sync status. */
  readonly errors$: Subject<ApiRequestError>;
  stop(): Promise<void>;
}

/**
 * Replicates the `fiches` collection with the sync server: checkpointed pull, push with
 * conflicts (merged by the collection's conflict handler), and the live stream. Rows the server
 * refuses stay on the device with the server's reason in the sync journal, and the others go on.
 * Only the leader tab replicates.
 */
export function replicateFiches(db: TeleservicesDatabase, api: ApiClient, { batchSize = 100, retryTime = 3000 } = {}): FicheReplication {
  const journal = new SyncJournal(db.syncjournal);
  const errors$ = new Subject<ApiRequestError>();
  const path = `/api/replication/${FICHES}`;

  const report = (error: unknown): never => {
    const apiError = error instanceof ApiRequestError ? error : new ApiRequestError('server', 0, String(error));
    errors$.next(apiError);
    void recordConnection(db, apiError);
    throw apiError;
  };
  const reached = () => void recordConnection(db, null);

  const state = replicateRxCollection<LocalFiche, Checkpoint>({
    replicationIdentifier: `teleservices-${FICHES}-${api.url('')}`,
    collection: db.fiches,
    live: true,
    retryTime,
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize,
      async handler(checkpoint, limit) {
        const query = new URLSearchParams({ limit: String(limit) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const page = await api.json<{ documents: Record<string, unknown>[]; checkpoint: Checkpoint }>(`${path}/pull?${query}`).catch(report);
        reached();
        return { documents: page.documents as WithDeleted<LocalFiche>[], checkpoint: page.checkpoint };
      },
      stream$: eventStream(api, `${path}/pull-stream`, { retryMs: retryTime }).pipe(
        map((event) => (event === 'RESYNC' ? 'RESYNC' : (event as { documents: WithDeleted<LocalFiche>[]; checkpoint: Checkpoint }))),
      ),
      modifier: (doc) => withStorageDefaults(doc) as WithDeleted<LocalFiche>,
    },
    push: {
      batchSize,
      async handler(rows) {
        const startedAt = Date.now();
        let pending = rows.map((row) => ({ assumedMasterState: toWire(row.assumedMasterState), newDocumentState: toWire(row.newDocumentState)! }));
        const refusedIds = new Set<string>();
        for (;;) {
          const response = await api.send(`${path}/push`, { method: 'POST', json: pending }).catch(report);
          if (response.ok) {
            reached();
            const conflicts = (await response.json()) as WithDeleted<LocalFiche>[];
            const conflictIds = new Set(conflicts.map((c) => c.id));
            const sent = pending.map((row) => row.newDocumentState['id'] as string).filter((id) => !conflictIds.has(id));
            await journal.markSent(FICHES, sent, startedAt);
            return conflicts.map((doc) => withStorageDefaults(doc) as WithDeleted<LocalFiche>);
          }
          const error = await errorFrom(response);
          const refused = (error.body['rows'] as RefusedRow[] | undefined) ?? [];
          if ((response.status !== 403 && response.status !== 422) || refused.length === 0) report(error);
          for (const row of refused) {
            refusedIds.add(row.id);
            await journal.markRefused(FICHES, row.id, { reason: row.reason, fields: row.fields, issues: row.issues });
          }
          pending = pending.filter((row) => !refusedIds.has(row.newDocumentState['id'] as string));
          if (pending.length === 0) return [];
        }
      },
    },
  });

  return {
    state,
    errors$,
    async stop() {
      await state.cancel();
      errors$.complete();
    },
  };
}
