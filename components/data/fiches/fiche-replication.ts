import type { Observable, Subject } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import type { ApiClient, ApiRequestError } from '../replication/api-client.ts';
import { connectionReporter, replicateCollection } from '../replication/collection-replication.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import type { LocalFiche } from './fiche-collection-schema.ts';
import type { FicheReplication } from './fiche-feature.ts';
import { ficheReplicationOptions } from './fiche-replication-options.ts';

/**
 * Replicates the `fiches` collection with the sync server on its own, for the tests and the
 * multi-tab test's frame (the runtime replicates it as a feature, `fiche-feature.ts`; this module
 * stays out of the package, tsconfig.lib.json): checkpointed pull, push with conflicts (merged by the
 * collection's conflict handler), and the live stream. Rows the server refuses stay on the
 * device with the server's reason in the sync journal, and the others go on. Only the leader
 * tab replicates.
 */
export function replicateFiches(db: TeleservicesDatabase, api: ApiClient, { batchSize = 100, retryTime = 3000, stream$ }: { batchSize?: number; retryTime?: number; stream$?: Observable<unknown> } = {}): FicheReplication & { readonly errors$: Subject<ApiRequestError> } {
  const { errors$, report, reached } = connectionReporter(db);
  const state = replicateCollection<LocalFiche>({
    ...ficheReplicationOptions(db, new SyncJournal(db.syncjournal)),
    api,
    report,
    reached,
    batchSize,
    retryTime,
    ...(stream$ ? { stream$ } : {}),
  });
  const stop = async () => {
    await state.cancel();
    errors$.complete();
  };
  return { state, errors$, stop, cancel: stop };
}
