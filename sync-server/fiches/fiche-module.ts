import { replicated, type CollectionDefinition } from '../collection-module.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { FicheCollection, type ReplicatedFiche } from './fiche-collection.ts';
import { ficheRoutes } from './fiche-routes.ts';
import { ficheChangeKeys } from './fiche-scope.ts';
import type { FicheStorage } from './fiche-storage.ts';
import { SqliteFicheStore } from './sqlite-fiche-store.ts';

/**
 * Contact COVID's files: `/api/replication/fiches` (pull, push, stream) and `/api/fiches` (search
 * by NIR, the insured directory, opening a found file), in the Contact COVID service for a délégué.
 */
export const fichesCollection: CollectionDefinition<FicheStorage, 'fiches'> = {
  name: 'fiches',
  sqliteStore: (db) => new SqliteFicheStore(db),
  create: ({ now, trustProxy, rateLimits }, store) => {
    const collection = new FicheCollection(store, new ChangeHub<ReplicatedFiche>(ficheChangeKeys), now);
    return {
      name: 'fiches',
      store,
      policy: { delegatedService: 'contact_covid' },
      replication: { fiches: replicated(collection) },
      routes: ficheRoutes(collection, now, trustProxy, rateLimits),
    };
  },
};
