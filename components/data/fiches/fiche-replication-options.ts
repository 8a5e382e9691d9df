import type { WithDeleted } from 'rxdb';
import { sameFicheClientState } from '../../../domain/fiche/fiche-merge.ts';
import type { TeleservicesDatabase } from '../database.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import { withStorageDefaults, type LocalFiche } from './fiche-collection-schema.ts';
import { FICHES } from './fiche-repository.ts';

/**
 * What the files' replication adds to the generic one (`replicateCollection`): the collection,
 * the push with the sync journal (a conflict that only repeats what the server holds counts as
 * sent), the defaults of the fields the local schema indexes, and the progress of a first sync. No replication code here: the
 * feature's module loads with the page, the replication's later.
 */
export function ficheReplicationOptions(db: TeleservicesDatabase, journal: SyncJournal) {
  return {
    path: FICHES,
    collection: db.fiches,
    push: { journal, journalName: FICHES, alreadyOnServer: sameFicheClientState },
    progress: true,
    modifier: (doc: WithDeleted<LocalFiche>) => withStorageDefaults(doc) as WithDeleted<LocalFiche>,
  };
}
