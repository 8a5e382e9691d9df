import type { CollectionDefinition } from '../collection-module.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { insurerContactRoutes } from './insurer-contact-routes.ts';

/** « Contacter l'Assurance Maladie »: `POST /api/insurer-contact` (nothing replicates), in the contact service for a délégué. */
export const insurerContactService: CollectionDefinition<SqliteDatabase, 'insurer-contact'> = {
  name: 'insurer-contact',
  sqliteStore: (db) => db,
  create: ({ now }, db) => ({ name: 'insurer-contact', store: db, policy: { delegatedService: 'contact_assurance' }, routes: insurerContactRoutes(db, now) }),
};
