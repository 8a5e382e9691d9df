import { addRxPlugin, createRxDatabase, removeRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { CORE_FEATURES } from './features/core-features.ts';
import { syncJournalSchema, type SyncJournalEntry } from './sync/sync-journal-schema.ts';

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

/**
 * The sync journal's collection; each feature adds its own here by declaration merging
 * (`fiches/fiche-feature.ts`…), created with the database for the core features, when the
 * feature loads for the others (see features/feature-registry.ts).
 */
export interface TeleservicesCollections {
  syncjournal: RxCollection<SyncJournalEntry>;
}

export type TeleservicesDatabase = RxDatabase<TeleservicesCollections>;

export interface DatabaseOptions {
  /** IndexedDB name; one per signed-in user so that accounts sharing a device never mix data. */
  readonly name: string;
  /** `dexie` (IndexedDB, survives reloads; the default) or `memory` (unit tests). */
  readonly storage?: 'dexie' | 'memory';
}

/**
 * Opens the local database with the sync journal and the core features' collections: RxDB on
 * Dexie (IndexedDB). Several tabs of one origin share it, and only the elected leader
 * replicates. Close it with `db.close()`.
 */
export async function createTeleservicesDatabase({ name, storage = 'dexie' }: DatabaseOptions): Promise<TeleservicesDatabase> {
  const rxStorage = await rxStorageFor(storage);
  const db = await createRxDatabase<TeleservicesCollections>({
    name,
    storage: rxStorage,
    multiInstance: true,
    localDocuments: true,
    eventReduce: true,
    ignoreDuplicate: false,
    closeDuplicates: true,
  });
  await db.addCollections({
    ...Object.assign({}, ...CORE_FEATURES.map((feature) => feature.collections(db))),
    syncjournal: { schema: syncJournalSchema },
  });
  return db;
}

/** The memory storage (tests, kiosks) is loaded only when asked for: a page on IndexedDB never downloads it. */
async function rxStorageFor(storage: 'dexie' | 'memory'): Promise<RxStorage<any, any>> {
  if (storage !== 'memory') return getRxStorageDexie();
  const { getRxStorageMemory } = await import('rxdb/plugins/storage-memory');
  return getRxStorageMemory();
}

/** Deletes a closed database from the device (another person's, discarded on purpose). */
export async function removeTeleservicesDatabase({ name, storage = 'dexie' }: DatabaseOptions): Promise<void> {
  await removeRxDatabase(name, await rxStorageFor(storage));
  await deleteIndexedDbFiles(name);
}

/**
 * RxDB's removal empties the Dexie storage's IndexedDB databases (one per collection) but leaves
 * them, named after the person: they go too, so nothing on the device says who worked here.
 */
export async function deleteIndexedDbFiles(name: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const prefix = `rxdb-dexie-${name}--`;
  for (const { name: file } of await indexedDB.databases()) {
    if (!file?.startsWith(prefix)) continue;
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(file);
      // Blocked: another tab still has it open; it is deleted once that tab lets go.
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

/** The database name for a user: letters, digits and dashes only. */
export function databaseNameFor(userId: string): string {
  return `teleservices-${userId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
