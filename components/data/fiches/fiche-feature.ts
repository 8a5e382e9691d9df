import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Cancellable, TeleservicesFeature } from '../features/feature-registry.ts';
import type { SequenceCheckpoint } from '../replication/collection-replication.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import { ficheCollectionSchema, type LocalFiche } from './fiche-collection-schema.ts';
import { ficheConflictHandler } from './fiche-conflict-handler.ts';
import { ficheReplicationOptions } from './fiche-replication-options.ts';
import { FICHES, FicheRepository } from './fiche-repository.ts';
import { FicheServerSearch } from './fiche-server-search.ts';

/** The files' replication, as the runtime hands it out (`runtime.replication`). */
export interface FicheReplication extends Cancellable {
  readonly state: RxReplicationState<LocalFiche, SequenceCheckpoint>;
  stop(): Promise<void>;
}

/**
 * Contact COVID files: written on the device (offline too) and replicated both ways; a conflict
 * merges field by field, a field changed on both sides is recorded in the sync journal. A core
 * feature (`features/core-features.ts`): every runtime opens it.
 */
export const ficheFeature: TeleservicesFeature = {
  name: FICHES,
  collections: (db) => ({
    fiches: {
      schema: ficheCollectionSchema,
      conflictHandler: ficheConflictHandler((id, conflicts) =>
        new SyncJournal(db.syncjournal).markConflict(
          FICHES,
          id,
          conflicts.map((c) => ({ field: c.field, local: JSON.stringify(c.local ?? null), remote: JSON.stringify(c.remote ?? null) })),
        ),
      ),
    },
  }),
  services: ({ db, api, journal }) => {
    const fiches = new FicheRepository(db.fiches, journal);
    return { fiches, ficheServer: new FicheServerSearch(api, fiches) };
  },
  streams: () => [FICHES],
  replicate({ db, api, journal, report, reached, stream$, replicateCollection }) {
    const state = replicateCollection<LocalFiche>({ ...ficheReplicationOptions(db, journal), api, report, reached, stream$: stream$(FICHES) });
    const stop = async () => {
      await state.cancel();
    };
    const replication: FicheReplication = { state, stop, cancel: stop };
    return [replication];
  },
};

declare module '../database.ts' {
  interface TeleservicesCollections {
    fiches: RxCollection<LocalFiche>;
  }
}

declare module '../teleservices-context.ts' {
  interface TeleservicesServices {
    /** The Contact COVID files on this device (written offline too). */
    readonly fiches: FicheRepository;
    /** Search and open on the server (needs the network). */
    readonly ficheServer: FicheServerSearch;
  }
}
