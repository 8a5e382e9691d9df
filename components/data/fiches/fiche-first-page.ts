import type { Table } from 'dexie';
import type { RxCollection } from 'rxdb';
import type { LocalFiche } from './fiche-collection-schema.ts';

/** The indexes RxDB's Dexie storage keeps for the schema's `updatedAt` and for the primary key (not deleted first). */
const BY_UPDATE = '[_deleted+updatedAt+id]';
const BY_ID = '[_deleted+id]';
const NOT_DELETED = '0';
/** Above every date and id. */
const HIGHEST = '\uffff';

/** The Dexie table under a collection on RxDB's Dexie storage; null on another storage (memory). */
async function dexieTableOf(collection: RxCollection): Promise<Table<Record<string, unknown>> | null> {
  const internals = (await (collection.storageInstance as { internals?: unknown }).internals) as { dexieTable?: Table<Record<string, unknown>> } | undefined;
  return internals?.dexieTable ?? null;
}

/** A stored row as the document it holds (RxDB's own fields aside). */
function documentOf({ _deleted, _meta, _rev, _attachments, ...fiche }: Record<string, unknown>): LocalFiche {
  return fiche as LocalFiche;
}

/**
 * The files a list sorted by creation, newest first, shows on its first page, read through an
 * index instead of every file (a warm start with thousands of files): those never sent (no
 * `createdAt`, which the list puts first; their `updatedAt` is '' too, both being the server's
 * stamps), and the `limit` files created last, ties included. The creation date is not indexed, but
 * a file's last change never precedes its creation: walking the changes from the newest, once
 * `limit` files are created at or after a date, a file changed before it cannot be among them.
 * With them, how many files there are (an index count). Null when the storage has no such index
 * (memory): the caller reads every file.
 */
export async function newestCreatedFiches(collection: RxCollection<LocalFiche>, limit: number): Promise<{ fiches: LocalFiche[]; count: number } | null> {
  const table = await dexieTableOf(collection);
  if (!table) return null;
  const count = table.where(BY_ID).between([NOT_DELETED, ''], [NOT_DELETED, HIGHEST], true, true).count();
  const neverSent = table.where(BY_UPDATE).between([NOT_DELETED, '', ''], [NOT_DELETED, '', HIGHEST], true, true).toArray();
  // The `limit` latest creation dates seen so far, newest first.
  const latest: string[] = [];
  const threshold = () => (latest.length >= limit ? latest[limit - 1]! : '');
  const walked = await table
    .where(BY_UPDATE)
    .between([NOT_DELETED, '', HIGHEST], [NOT_DELETED, HIGHEST, HIGHEST], false, true)
    .reverse()
    .until((row) => {
      if (latest.length >= limit && String(row['updatedAt']) < threshold()) return true;
      const created = String(row['createdAt'] ?? '');
      if (latest.length < limit || created > threshold()) {
        const at = latest.findIndex((date) => date < created);
        latest.splice(at === -1 ? latest.length : at, 0, created);
        latest.length = Math.min(latest.length, limit);
      }
      return false;
    })
    .toArray();
  const newest = walked.filter((row) => String(row['createdAt'] ?? '') >= threshold());
  return { fiches: [...(await neverSent), ...newest].map(documentOf), count: await count };
}
