// Browser half of `npm run bench`: a new device's first sync of 10 000 files into IndexedDB
// through the real replication (its first-sync path), next to RxDB's replication without it and
// raw Dexie writing the same documents (in RxDB's layout with its replication metadata; plain).
// Figures are printed (console), never asserted.
import Dexie from 'dexie';
import { createTeleservicesDatabase } from '../../components/data/database.ts';
import { ApiClient } from '../../components/data/replication/api-client.ts';
import { replicateFiches } from '../../components/data/fiches/fiche-replication.ts';
import { ficheReplicationOptions } from '../../components/data/fiches/fiche-replication-options.ts';
import type { LocalFiche } from '../../components/data/fiches/fiche-collection-schema.ts';
import { connectionReporter, replicateCollection } from '../../components/data/replication/collection-replication.ts';
import { SyncJournal } from '../../components/data/sync/sync-journal.ts';
import { ficheCollectionSchema } from '../../components/data/fiches/fiche-collection-schema.ts';
import { fillWithDefaultSettings, getComposedPrimaryKeyOfDocumentData, getRxReplicationMetaInstanceSchema, type RxJsonSchema } from 'rxdb';
import { getDexieStoreSchema } from 'rxdb/plugins/storage-dexie';
import { startSyncServer } from '../../components/testing/sync-server.ts';
import { buildRealisticFiches } from '../realistic-fiches.ts';

const COUNT = 10_000;
const RUNS = 3;

type Variant = 'first-sync' | 'rxdb-1000' | 'rxdb-pull-only' | 'rxdb-layout' | 'raw';

/**
 * What RxDB's first sync must write at least, by hand with Dexie: the documents as its Dexie
 * storage keeps them (one database per collection, its indexes, `_deleted` as '0', `_meta.lwt`,
 * `_rev`), the replication's metadata (one row per pulled document holding its master state) and
 * the checkpoint, page by page of 1000 (one transaction per database and page).
 */
async function writeInRxdbLayout(documents: Record<string, unknown>[], name: string): Promise<number> {
  const docsSchema = fillWithDefaultSettings(ficheCollectionSchema as unknown as RxJsonSchema<any>);
  const metaSchema = fillWithDefaultSettings(getRxReplicationMetaInstanceSchema(docsSchema, false) as RxJsonSchema<any>);
  const open = async (suffix: string, schema: RxJsonSchema<any>) => {
    const dexie = new Dexie(`${name}--${suffix}`);
    dexie.version(1).stores({ docs: getDexieStoreSchema(schema) });
    await dexie.open();
    return dexie;
  };
  const docsDb = await open('fiches', docsSchema);
  const metaDb = await open('meta', metaSchema);
  const started = performance.now();
  for (let i = 0; i < documents.length; i += 1000) {
    const lwt = Date.now();
    const page: Record<string, unknown>[] = documents.slice(i, i + 1000).map((doc) => ({ nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '', ...doc, _deleted: false, _rev: '1-bench', _meta: { lwt }, _attachments: {} }));
    const metas = page.map((doc) => {
      const meta = { itemId: doc['id'], isCheckpoint: '0', docData: doc, _deleted: false, _rev: '1-bench', _meta: { lwt }, _attachments: {} };
      return { ...meta, id: getComposedPrimaryKeyOfDocumentData(metaSchema, meta), _deleted: '0' };
    });
    const checkpointMeta = { itemId: 'down', isCheckpoint: '1', checkpointData: { sequence: i + page.length }, _deleted: false, _rev: '1-bench', _meta: { lwt }, _attachments: {} };
    await Promise.all([
      docsDb.table('docs').bulkPut(page.map((doc) => ({ ...doc, _deleted: '0' }))),
      metaDb.transaction('rw', metaDb.table('docs'), async () => {
        await metaDb.table('docs').bulkPut(metas);
        await metaDb.table('docs').put({ ...checkpointMeta, id: getComposedPrimaryKeyOfDocumentData(metaSchema, checkpointMeta), _deleted: '0' });
      }),
    ]);
  }
  const elapsed = performance.now() - started;
  for (const dexie of [docsDb, metaDb]) {
    dexie.close();
    await Dexie.delete(dexie.name);
  }
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const rate = (msValue: number) => `${Math.round(COUNT / (msValue / 1000)).toLocaleString('fr-FR')} docs/s`;

describe('bench: initial pull into IndexedDB', function () {
  this.timeout(900_000);

  it(`pulls ${COUNT} files through RxDB and compares with a raw Dexie bulkPut`, async () => {
    const server = await startSyncServer();
    try {
      const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
      const fiches = buildRealisticFiches(COUNT);
      for (let i = 0; i < fiches.length; i += 1000) {
        const response = await fetch(`${server.url}/api/replication/fiches/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(fiches.slice(i, i + 1000).map((newDocumentState) => ({ newDocumentState }))),
        });
        if (!response.ok) throw new Error(`seeding the server failed: ${response.status} ${await response.text()}`);
      }
      const pulled = (await (await fetch(`${server.url}/api/replication/fiches/pull?limit=${COUNT}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        documents: Record<string, unknown>[];
      };
      const documents = pulled.documents.map(({ _deleted, ...doc }) => doc);
      const bytes = new Blob([JSON.stringify(documents)]).size;

      // Interleaved rounds: each round runs every variant once, in a rotated order, so that a
      // drift of the machine (another process, the GC, IndexedDB's files) spreads over all of them.
      const times: Record<Variant, number[]> = { 'first-sync': [], 'rxdb-1000': [], 'rxdb-pull-only': [], 'rxdb-layout': [], 'raw': [] };
      const firstFiles: number[] = [];
      const http: number[] = [];
      const variants: Variant[] = ['first-sync', 'rxdb-1000', 'rxdb-pull-only', 'rxdb-layout', 'raw'];
      const api = new ApiClient({ server: server.url, token: () => token });
      for (let round = 0; round < RUNS; round++) {
        for (let i = 0; i < variants.length; i++) {
          const variant = variants[(i + round) % variants.length]!;
          if (variant === 'first-sync') {
            // What the runtime runs on a new device: the replication as the widgets start it (pages
            // of 100), its first sync written page by page in one go (a first page of 100, then 1 000).
            const db = await createTeleservicesDatabase({ name: `bench-first-sync-${round}-${Math.random().toString(36).slice(2, 8)}` });
            const started = performance.now();
            let first = 0;
            const watching = db.fiches.count().$.subscribe((count) => {
              if (count > 0 && first === 0) first = performance.now() - started;
            });
            const replication = replicateFiches(db, api);
            await replication.state.awaitInitialReplication();
            times[variant].push(performance.now() - started);
            watching.unsubscribe();
            firstFiles.push(first);
            const stored = await db.fiches.count().exec();
            if (stored !== COUNT) throw new Error(`expected ${COUNT} local files, got ${stored}`);
            await replication.stop();
            await db.remove();
          } else if (variant === 'rxdb-1000' || variant === 'rxdb-pull-only') {
            // RxDB's replication without the first-sync path, pages of 1000 (reads of the local copy
            // and metadata per document); pull only: without its push half either (no metadata).
            const db = await createTeleservicesDatabase({ name: `bench-${variant}-${round}-${Math.random().toString(36).slice(2, 8)}` });
            const started = performance.now();
            const { push, ...options } = ficheReplicationOptions(db, new SyncJournal(db.syncjournal));
            const { report, reached } = connectionReporter(db);
            const state = replicateCollection<LocalFiche>({ ...options, ...(variant === 'rxdb-1000' ? { push } : {}), api, report, reached, batchSize: 1000, firstSync: false });
            await state.awaitInitialReplication();
            times[variant].push(performance.now() - started);
            const stored = await db.fiches.count().exec();
            if (stored !== COUNT) throw new Error(`expected ${COUNT} local files, got ${stored}`);
            await state.cancel();
            await db.remove();
          } else if (variant === 'rxdb-layout') {
            times[variant].push(await writeInRxdbLayout(documents, `bench-layout-${round}-${Math.random().toString(36).slice(2, 8)}`));
          } else {
            const dexie = new Dexie(`bench-raw-${round}-${Math.random().toString(36).slice(2, 8)}`);
            dexie.version(1).stores({ fiches: 'id, nir, indexCaseId, updatedAt' });
            await dexie.open();
            const started = performance.now();
            await dexie.table('fiches').bulkPut(documents);
            times.raw.push(performance.now() - started);
            dexie.close();
            await Dexie.delete(dexie.name);
          }
          console.log(`  round ${round + 1}, ${variant}: ${fmt(times[variant].at(-1)!)}`);
        }
        // The network's share: the same pages of 1000 fetched and parsed, nothing written.
        const started = performance.now();
        let checkpoint: unknown = null;
        for (;;) {
          const query = `limit=1000${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
          const page = (await (await fetch(`${server.url}/api/replication/fiches/pull?${query}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { documents: unknown[]; checkpoint: unknown };
          if (page.documents.length === 0) break;
          checkpoint = page.checkpoint;
        }
        http.push(performance.now() - started);
      }

      const insertOnly: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const db = await createTeleservicesDatabase({ name: `bench-insert-${run}-${Math.random().toString(36).slice(2, 8)}` });
        const started = performance.now();
        await db.fiches.bulkInsert(documents.map((doc) => ({ nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '', ...doc })) as never);
        insertOnly.push(performance.now() - started);
        await db.remove();
      }

      const m = (variant: Variant) => median(times[variant]);
      const lines = [
        '',
        `Browser: first sync of ${COUNT.toLocaleString('fr-FR')} files (${(bytes / 1024 / 1024).toFixed(1)} MB of JSON) into IndexedDB, median of ${RUNS} interleaved rounds`,
        `  first sync (the runtime's replication)  ${fmt(m('first-sync'))}  (${rate(m('first-sync'))}); first files stored after ${Math.round(median(firstFiles))} ms`,
        `  RxDB's replication alone, pages of 1000 ${fmt(m('rxdb-1000'))}  (${rate(m('rxdb-1000'))}; no first-sync path: reads per document)`,
        `  the same, pull only (no push)           ${fmt(m('rxdb-pull-only'))}  (${rate(m('rxdb-pull-only'))}; no copy of each document in the replication's metadata)`,
        `  the same pages over HTTP, parsed only   ${fmt(median(http))}`,
        `  RxDB bulkInsert alone (no network)      ${fmt(median(insertOnly))}  (${rate(median(insertOnly))})`,
        `  raw Dexie in RxDB's layout + metadata   ${fmt(m('rxdb-layout'))}  (${rate(m('rxdb-layout'))}; pages of 1000: documents, their replication metadata, the checkpoint)`,
        `  raw Dexie bulkPut of the same documents ${fmt(m('raw'))}  (${rate(m('raw'))})`,
        `  ratio first sync / raw Dexie in RxDB's layout        ${(m('first-sync') / m('rxdb-layout')).toFixed(2)}×  (goal ≤ 1.3×)`,
        `  ratio RxDB's replication alone / the same floor      ${(m('rxdb-1000') / m('rxdb-layout')).toFixed(2)}×  (before the first-sync path)`,
        `  ratio first sync / raw Dexie bulkPut                 ${(m('first-sync') / m('raw')).toFixed(2)}×`,
      ];
      console.log(lines.join('\n'));
    } finally {
      await server.dispose();
    }
  });
});
