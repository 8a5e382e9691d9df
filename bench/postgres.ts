import Database from 'better-sqlite3';
import { copySqliteToPostgres } from '../sync-server/db/postgres/copy-from-sqlite.ts';
import { openPostgres } from '../sync-server/db/postgres/postgres-database.ts';
import { seededTemplate } from '../sync-server/testing/demo-app.ts';
import { postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from '../sync-server/testing/postgres-cluster.ts';
import type { FicheScope } from '../sync-server/fiches/fiche-scope.ts';
import { PostgresFicheStore } from '../sync-server/fiches/postgres-fiche-store.ts';
import { postgresInstance } from '../sync-server/testing/postgres-stores.ts';
import { readServerSentEvents } from '../sync-server/testing/sse-reader.ts';
import type { BenchContext } from './index.ts';
import { median, ms, now, perSecond, printHeading, printTable, ratio } from './report.ts';
import { BENCH_USER, pullPath, removeTempDir, seededDatabaseFile, startBenchServer, type BenchServer, type PullResponse } from './server-harness.ts';
import { PULL_LIMIT, PUSH_BATCH } from './server-sync.ts';

/**
 * PostgreSQL (issue 19): the fiches through the real server on PostgreSQL — one instance, and
 * two instances on one database each with its own client — next to raw PostgreSQL inserts and
 * selects of the same rows; and how long a write through one instance takes to reach a live
 * stream held by the other; then the pull page latency at a deep checkpoint (`BENCH_PG_DEEP_ROWS`,
 * 1 000 000 by default). A throwaway cluster with fsync on (`startPostgresCluster`), on the
 * Unix socket. Accounts and sessions stay on each instance's SQLite file until they have a
 * PostgreSQL store.
 */
const RUNS = 3;
const LATENCY_SAMPLES = 30;

type Instance = { server: BenchServer; close(): Promise<void> };

async function startInstances(cluster: PostgresCluster, count: number): Promise<{ url: string; instances: Instance[]; close(): Promise<void> }> {
  const database = await cluster.createDatabase();
  const seeded = new Database(await seededTemplate(), { readonly: true });
  const pool = await openPostgres(database.url, { max: 1 });
  await copySqliteToPostgres(seeded, pool);
  seeded.close();
  await pool.end();
  const instances: Instance[] = [];
  for (let i = 0; i < count; i += 1) {
    const postgres = await postgresInstance(database.url);
    const file = await seededDatabaseFile(`postgres-${i}`);
    const server = await startBenchServer(file, postgres.stores);
    instances.push({ server, close: async () => (await server.close(), await postgres.close(), removeTempDir(file.dir)) });
  }
  return { url: database.url, instances, close: async () => (await Promise.all(instances.map((i) => i.close())), await database.drop()) };
}

async function pushBatches(server: BenchServer, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    const response = await server.http('/api/replication/fiches/push', { method: 'POST', body });
    const text = await response.text();
    if (response.status !== 200 || text !== '[]') throw new Error(`push refused: ${response.status} ${text.slice(0, 300)}`);
  }
}

async function pullEverything(server: BenchServer): Promise<number> {
  let sequence: number | null = null;
  let total = 0;
  for (;;) {
    const response = await server.http(pullPath(sequence, PULL_LIMIT));
    if (response.status !== 200) throw new Error(`pull refused: ${response.status}`);
    const page = (await response.json()) as PullResponse;
    total += page.documents.length;
    if (page.documents.length < PULL_LIMIT) return total;
    sequence = page.checkpoint.sequence;
  }
}

/**
 * The latency of one pull page (limit 100) at a checkpoint near the start, the middle and the end
 * of a table of `rows` files (filled by SQL: 10 % in dr.martin's structure, the rest in 500
 * others; one grant of dr.martin per 100 other files), through `PostgresFicheStore.pullPage`
 * for dr.martin (a structure, his grants, his revocations) and for a platform agent (every
 * file); and PostgreSQL's plan of dr.martin's page, which must read indexes only.
 */
async function deepCheckpoint(cluster: PostgresCluster, rows: number): Promise<void> {
  const database = await cluster.createDatabase();
  const pool = await openPostgres(database.url, { max: 2 });
  try {
    const seeded = new Database(await seededTemplate(), { readonly: true });
    await copySqliteToPostgres(seeded, pool);
    seeded.close();
    let start = now();
    await pool.query(
      `INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, updated_at, data)
       SELECT 'deep-' || i, i, CASE WHEN i % 10 = 0 THEN $2 ELSE 'other-' || (i % 500) END, 'u-bench', 'patient_zero', 'p0_confirme_a_trouver',
              '2026-12-07T10:00:00.000Z', '{"id":"deep-' || i || '","kind":"patient_zero","lastName":"DUPONT","firstName":"Jean","commune":"Paris","notes":"' || repeat('x', 700) || '"}'
         FROM generate_series(1, $1::int) AS i`,
      [rows, BENCH_USER.structureId],
    );
    await pool.query("INSERT INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) SELECT $1, 'deep-' || i, '2026-12-07T10:00:00.000Z', 'search', i FROM generate_series(7, $2::int, 100) AS i WHERE i % 10 <> 0", [BENCH_USER.id, rows]);
    await pool.query(`UPDATE change_sequence SET value = $1 WHERE name = 'changes'`, [rows]);
    await pool.query('ANALYZE');
    const fillMs = now() - start;
    const store = new PostgresFicheStore(pool);
    const martin: FicheScope = { userId: BENCH_USER.id, everything: false, nothing: false, structureIds: [BENCH_USER.structureId] };
    const agent: FicheScope = { userId: 'u-agent', everything: true, nothing: false, structureIds: [] };
    const latency = async (scope: FicheScope, after: number) => {
      const samples: number[] = [];
      for (let i = 0; i < 35; i += 1) {
        start = now();
        const page = await store.pullPage(scope, after, PULL_LIMIT);
        if (i >= 5) samples.push(now() - start);
        if (page.length === 0) throw new Error(`an empty page after ${after}`);
      }
      return median(samples);
    };
    const positions = [['start', 1], ['middle', Math.floor(rows / 2)], ['end', rows - 5 * PULL_LIMIT * 10]] as const;
    const table: string[][] = [];
    for (const [label, after] of positions) table.push([`${label} (after ${after})`, ms(await latency(martin, after)), ms(await latency(agent, after))]);
    const plan = (await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (SELECT p.seq, p.data FROM unnest($1::text[]) AS s(id) CROSS JOIN LATERAL (SELECT seq, data FROM fiches WHERE structure_id = s.id AND seq > $2 ORDER BY seq LIMIT 100) p)
       UNION ALL (SELECT a.seq, f.data FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id WHERE a.user_id = $3 AND a.seq > $2 AND f.structure_id <> ALL($1::text[]) ORDER BY a.seq LIMIT 100)
       ORDER BY seq LIMIT 100`,
      [[BENCH_USER.structureId], Math.floor(rows / 2), BENCH_USER.id],
    )).rows.map((row) => row['QUERY PLAN']);
    const sequential = plan.filter((line) => /Seq Scan on (fiches|fiche_access)/.test(line));
    printTable(
      `Pull page latency on PostgreSQL, ${rows} files (filled in ${ms(fillMs)}), limit ${PULL_LIMIT}, median of 30`,
      ['checkpoint', 'dr.martin (structure + grants + revocations)', 'platform agent (every file)'],
      table,
      [sequential.length === 0 ? 'dr.martin\'s page reads indexes only (no sequential scan of fiches or fiche_access)' : `SEQUENTIAL SCAN in the plan: ${sequential.join(' · ')}`],
    );
  } finally {
    await pool.end();
    await database.drop();
  }
}

export async function runPostgresBench({ fiches }: BenchContext): Promise<void> {
  printHeading('PostgreSQL: the fiches through the server vs raw PostgreSQL, one and two instances');
  const unavailable = postgresUnavailableReason();
  if (unavailable) {
    console.log(`  ${unavailable}`);
    return;
  }
  const n = fiches.length;
  // The patients zéros first, then their contacts (a contact's patient zéro must exist): each
  // phase's batches shared between the instances' clients.
  const phases = [fiches.filter((f) => f['kind'] !== 'contact'), fiches.filter((f) => f['kind'] === 'contact')].map((phase) => {
    const bodies: string[] = [];
    for (let i = 0; i < phase.length; i += PUSH_BATCH) bodies.push(JSON.stringify(phase.slice(i, i + PUSH_BATCH).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))));
    return bodies;
  });
  const cluster = startPostgresCluster({ durable: true });
  const open = new Set<Awaited<ReturnType<typeof startInstances>>>();
  const started = async (count: number) => {
    const setup = await startInstances(cluster, count);
    open.add(setup);
    return { ...setup, close: async () => (open.delete(setup), await setup.close()) };
  };
  try {
    // --- push: one instance, one client; two instances, one client each (batches alternated) ---
    const pushRuns: Record<1 | 2, number[]> = { 1: [], 2: [] };
    let filled: Awaited<ReturnType<typeof started>> | null = null;
    for (let run = 0; run < RUNS; run += 1) {
      for (const count of [1, 2] as const) {
        const setup = await started(count);
        for (const { server } of setup.instances) await server.warmHttp();
        const start = now();
        for (const bodies of phases) await Promise.all(setup.instances.map(({ server }, i) => pushBatches(server, bodies.filter((_, b) => b % count === i))));
        pushRuns[count].push(now() - start);
        if (run === RUNS - 1 && count === 2) filled = setup;
        else await setup.close();
      }
    }
    const { url, instances } = filled!;
    const [a, b] = [instances[0]!.server, instances[1]!.server];

    // --- raw PostgreSQL: the same rows, 100 per transaction, into a copy of the table ---
    const pool = await openPostgres(url, { max: 2 });
    const { rows } = await pool.query('SELECT * FROM fiches ORDER BY seq');
    if (rows.length !== n) throw new Error(`expected ${n} stored files, found ${rows.length}`);
    const columns = Object.keys(rows[0]!);
    const rawInsert = async () => {
      await pool.query('DROP TABLE IF EXISTS fiches_raw; CREATE TABLE fiches_raw (LIKE fiches INCLUDING ALL)');
      const start = now();
      for (let i = 0; i < rows.length; i += PUSH_BATCH) {
        const batch = rows.slice(i, i + PUSH_BATCH);
        await pool.query(
          `INSERT INTO fiches_raw (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((c, k) => `$${k + 1}::${c === 'seq' ? 'bigint' : 'text'}[]`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data`,
          columns.map((c) => batch.map((row) => row[c])),
        );
      }
      return now() - start;
    };
    const rawPushRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) rawPushRuns.push(await rawInsert());
    await pool.query('DROP TABLE fiches_raw');

    // --- pull: one client; two clients, one per instance, at once ---
    const check = (got: number) => {
      if (got !== n) throw new Error(`a pull returned ${got} files, expected ${n}`);
    };
    const pullOne: number[] = [];
    const pullTwo: number[] = [];
    const rawPull: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      let start = now();
      check(await pullEverything(a));
      pullOne.push(now() - start);
      start = now();
      (await Promise.all([pullEverything(a), pullEverything(b)])).forEach(check);
      pullTwo.push(now() - start);
      start = now();
      let sequence = 0;
      let total = 0;
      for (;;) {
        const page = await pool.query<{ seq: number; data: string }>('SELECT seq, data FROM fiches WHERE seq > $1 ORDER BY seq LIMIT $2', [sequence, PULL_LIMIT]);
        for (const row of page.rows) JSON.parse(row.data);
        total += page.rows.length;
        if (page.rows.length < PULL_LIMIT) break;
        sequence = page.rows.at(-1)!.seq;
      }
      check(total);
      rawPull.push(now() - start);
    }
    await pool.end();

    // --- a write through A reaching a live stream held by B ---
    const stream = readServerSentEvents(await b.http('/api/replication/fiches/pull-stream'));
    const latencies: number[] = [];
    const template = fiches[0]!;
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
      const start = now();
      const doc = { ...template, id: `latency-${i}-${Date.now()}` };
      await pushBatches(a, [JSON.stringify([{ assumedMasterState: null, newDocumentState: doc }])]);
      await stream.waitFor(i + 1, 10_000);
      latencies.push(now() - start);
    }
    await stream.close();
    await filled!.close();

    const [push1, push2, raw] = [median(pushRuns[1]), median(pushRuns[2]), median(rawPushRuns)];
    const [pull1, pull2, rawRead] = [median(pullOne), median(pullTwo), median(rawPull)];
    printTable(
      `Push and pull of ${n} files on PostgreSQL (throwaway cluster, Unix socket, fsync on; median of ${RUNS})`,
      ['path', 'total', 'docs/s', 'vs raw'],
      [
        [`push, 1 instance, 1 client, ${PUSH_BATCH}/request`, ms(push1), perSecond(n, push1), ratio(raw / push1)],
        [`push, 2 instances on one database, 1 client each`, ms(push2), perSecond(n, push2), ratio(raw / push2)],
        [`raw INSERT … unnest ON CONFLICT, ${PUSH_BATCH} rows per transaction`, ms(raw), perSecond(n, raw), ratio(1)],
        [`pull everything, 1 instance, pages of ${PULL_LIMIT}`, ms(pull1), perSecond(n, pull1), ratio(rawRead / pull1)],
        [`pull everything, 2 instances at once (2 × ${n} files)`, ms(pull2), perSecond(2 * n, pull2), ratio((2 * rawRead) / pull2)],
        [`raw keyset SELECT seq, data … LIMIT ${PULL_LIMIT} + JSON.parse`, ms(rawRead), perSecond(n, rawRead), ratio(1)],
      ],
      [
        'numbered writes run one at a time per database (the change sequence is locked until commit: no checkpoint skips a file), so a second instance adds HTTP and validation capacity, not write parallelism',
        `a push through instance A reaching dr.martin's live stream on instance B (LISTEN / NOTIFY, then B reads the file): median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))} over ${LATENCY_SAMPLES} pushes of one file`,
        `runs (ms): push 1 ${pushRuns[1].map((d) => d.toFixed(0)).join(', ')} · push 2 ${pushRuns[2].map((d) => d.toFixed(0)).join(', ')} · raw ${rawPushRuns.map((d) => d.toFixed(0)).join(', ')}`,
      ],
    );
    await deepCheckpoint(cluster, Number(process.env['BENCH_PG_DEEP_ROWS'] ?? 1_000_000));
  } finally {
    for (const setup of [...open]) await setup.close().catch(() => undefined);
    cluster.stop();
  }
}
