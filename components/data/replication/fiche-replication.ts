import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { WithDeleted } from 'rxdb';
import type { Observable, Subject } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import { withStorageDefaults, type LocalFiche } from '../fiches/fiche-collection-schema.ts';
import { FICHES } from '../fiches/fiche-repository.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import type { ApiClient, ApiRequestError } from './api-client.ts';
import { connectionReporter, replicateCollection, type SequenceCheckpoint } from './collection-replication.ts';
import { sameFicheClientState } from '../../../domain/fiche/fiche-merge.ts';

export interface FicheReplication {
  readonly state: RxReplicationState<LocalFiche, SequenceCheckpoint>;
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
export function replicateFiches(db: TeleservicesDatabase, api: ApiClient, { batchSize = 100, retryTime = 3000, stream$ }: { batchSize?: number; retryTime?: number; stream$?: Observable<unknown> } = {}): FicheReplication {
  const journal = new SyncJournal(db.syncjournal);
  const { errors$, report, reached } = connectionReporter(db);

  const state = replicateCollection<LocalFiche>({
    path: FICHES,
    collection: db.fiches,
    api,
    report,
    reached,
    push: { journal, journalName: FICHES, alreadyOnServer: sameFicheClientState },
    modifier: (doc) => withStorageDefaults(doc) as WithDeleted<LocalFiche>,
    batchSize,
    retryTime,
    ...(stream$ ? { stream$ } : {}),
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
