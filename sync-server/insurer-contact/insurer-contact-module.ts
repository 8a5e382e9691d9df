import type { CollectionDefinition } from '../collection-module.ts';
import { SqliteInsurerContactStore, type InsurerContactStorage } from './insurer-contact-storage.ts';
import { insurerContactRoutes } from './insurer-contact-routes.ts';

/** « Contacter l'Assurance Maladie »: `POST /api/insurer-contact` (nothing replicates), in the contact service for a délégué. */
export const insurerContactService: CollectionDefinition<InsurerContactStorage, 'insurer-contact'> = {
  name: 'insurer-contact',
  sqliteStore: (db) => new SqliteInsurerContactStore(db),
  create: ({ now, rateLimits }, store) => ({ name: 'insurer-contact', store, policy: { delegatedService: 'contact_assurance' }, routes: insurerContactRoutes(store, now, rateLimits) }),
};
