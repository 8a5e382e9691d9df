// Browser half of `npm run bench`: a client's initial pull of 10 000 files into IndexedDB
// through RxDB and the real replication, next to a raw Dexie bulkPut of the same documents.
// Figures are printed (console), never asserted.
import Dexie from 'dexie';
import { createTeleservicesDatabase } from '../../components/data/database.ts';
import { ApiClient } from '../../components/data/replication/api-client.ts';
import { replicateFiches } from '../../components/data/replication/fiche-replication.ts';
import { startSyncServer } from '../../components/testing/sync-server.ts';
import { buildRealisticFiches } from '../realistic-fiches.ts';

const COUNT = 10_000;
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const rate = (msValue: number) => `${Math.round(COUNT / (msValue / 1000)).toLocaleString('fr-FR')} docs/s`;

describe('bench: initial pull into IndexedDB', function () {
  this.timeout(600_000);

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

      const rxdb: Record<number, number[]> = { 100: [], 1000: [] };
      for (const batchSize of [100, 1000]) {
        for (let run = 0; run < RUNS; run++) {
          const name = `bench-pull-${batchSize}-${run}-${Math.random().toString(36).slice(2, 8)}`;
          const db = await createTeleservicesDatabase({ name });
          const started = performance.now();
          const replication = replicateFiches(db, new ApiClient({ server: server.url, token: () => token }), { batchSize });
          await replication.state.awaitInitialReplication();
          const elapsed = performance.now() - started;
          const stored = await db.fiches.count().exec();
          if (stored !== COUNT) throw new Error(`expected ${COUNT} local files, got ${stored}`);
          rxdb[batchSize]!.push(elapsed);
          await replication.stop();
          await db.remove();
        }
      }

      const insertOnly: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const db = await createTeleservicesDatabase({ name: `bench-insert-${run}-${Math.random().toString(36).slice(2, 8)}` });
        const started = performance.now();
        await db.fiches.bulkInsert(documents.map((doc) => ({ nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '', ...doc })) as never);
        insertOnly.push(performance.now() - started);
        await db.remove();
      }

      const raw: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const dexie = new Dexie(`bench-raw-${run}-${Math.random().toString(36).slice(2, 8)}`);
        dexie.version(1).stores({ fiches: 'id, nir, indexCaseId, updatedAt' });
        await dexie.open();
        const started = performance.now();
        await dexie.table('fiches').bulkPut(documents);
        raw.push(performance.now() - started);
        dexie.close();
        await Dexie.delete(dexie.name);
      }

      const lines = [
        '',
        `Browser: initial pull of ${COUNT.toLocaleString('fr-FR')} files (${(bytes / 1024 / 1024).toFixed(1)} MB of JSON) into IndexedDB, median of ${RUNS}`,
        `  RxDB replication, pull batches of 100   ${fmt(median(rxdb[100]!))}  (${rate(median(rxdb[100]!))})`,
        `  RxDB replication, pull batches of 1000  ${fmt(median(rxdb[1000]!))}  (${rate(median(rxdb[1000]!))})`,
        `  RxDB bulkInsert alone (no network)      ${fmt(median(insertOnly))}  (${rate(median(insertOnly))})`,
        `  raw Dexie bulkPut of the same documents ${fmt(median(raw))}  (${rate(median(raw))})`,
        `  ratio RxDB (1000) / raw Dexie           ${(median(rxdb[1000]!) / median(raw)).toFixed(2)}×`,
        `  (HTTP, JSON, RxDB's metadata and checkpoints, and three indexes are in the RxDB figure; the raw one only writes.)`,
      ];
      console.log(lines.join('\n'));
    } finally {
      await server.dispose();
    }
  });
});
