import Database from 'better-sqlite3';
import { join } from 'node:path';
import { todayInParis, validateFiche } from '../domain/index.ts';
import { findSession, loadUser } from '../sync-server/auth/sessions.ts';
import { openDatabase, type SqliteDatabase } from '../sync-server/db/database.ts';
import { ficheChangeKeys, ficheScopeOf } from '../sync-server/fiches/fiche-scope.ts';
import { FicheCollection, type ReplicatedFiche } from '../sync-server/fiches/fiche-collection.ts';
import { SqliteFicheStore } from '../sync-server/fiches/sqlite-fiche-store.ts';
import { ChangeHub } from '../sync-server/replication/change-hub.ts';
import type { ClientFiche } from './realistic-fiches.ts';
import { bytes, count, median, ms, now, perSecond, printHeading, printTable, ratio, timeRuns, us } from './report.ts';
import {
  BENCH_USER,
  makeTempDir,
  parsedPage,
  pullPath,
  removeTempDir,
  seededDatabaseFile,
  startBenchServer,
  type BenchServer,
  type PullResponse,
} from './server-harness.ts';

/**
 * Server half of the sync benchmark on 10 000 realistic files:
 *  - push ingestion through the real HTTP stack and in-process, in RxDB's batches of 100,
 *    next to the raw better-sqlite3 floor for the same rows;
 *  - pull of everything by pages of 100, next to a raw keyset read;
 *  - a few per-call costs that explain the gap.
 */
export const PUSH_BATCH = 100;
export const PULL_LIMIT = 100;
const PUSH_RUNS = 3;
const RAW_RUNS = 5;
const PULL_RUNS = 5;

export interface ServerSyncContext {
  readonly fiches: readonly ClientFiche[];
  /** Time `validateFiche` took over the whole set while checking it (first pass, cold JIT). */
  readonly validationMs: number;
}

export interface ServerSyncResults {
  readonly pushHttpMs: number;
  readonly pushInProcessMs: number;
  readonly rawUpsert100Ms: number;
  readonly rawUpsert10000Ms: number;
  readonly pullHttpMs: number;
  readonly rawKeysetMs: number;
}

/** Request bodies of the push, serialized once beforehand (what the client would send). */
function pushBodies(fiches: readonly ClientFiche[]): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < fiches.length; i += PUSH_BATCH) {
    bodies.push(JSON.stringify(fiches.slice(i, i + PUSH_BATCH).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))));
  }
  return bodies;
}

type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** Pushes every batch in order, one request at a time; fails loudly on any refusal or conflict. */
async function pushAll(send: Send, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    const response = await send('/api/replication/fiches/push', { method: 'POST', body });
    const text = await response.text();
    if (response.status !== 200 || text !== '[]') throw new Error(`push refused: ${response.status} ${text.slice(0, 500)}`);
  }
}

/** Pulls everything from the start by pages of `limit`; returns the number of documents. */
async function pullAll(send: Send, limit: number): Promise<number> {
  let sequence: number | null = null;
  let total = 0;
  for (;;) {
    const response = await send(pullPath(sequence, limit));
    if (response.status !== 200) throw new Error(`pull refused: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as PullResponse;
    total += page.documents.length;
    if (page.documents.length < limit) return total;
    sequence = page.checkpoint.sequence;
  }
}

/** One push run on a fresh database; returns its duration and the server (closed unless `keep`). */
async function pushRun(bodies: readonly string[], via: 'http' | 'inProcess', expected: number, keep: boolean) {
  const server = await startBenchServer(await seededDatabaseFile(`push-${via}`));
  const send: Send = via === 'http' ? server.http : server.inProcess;
  await server.warmHttp();
  const start = now();
  await pushAll(send, bodies);
  const duration = now() - start;
  const stored = (server.db.prepare('SELECT COUNT(*) AS n FROM fiches').get() as { n: number }).n;
  if (stored !== expected) throw new Error(`expected ${expected} stored files after the push, found ${stored}`);
  if (!keep) {
    await server.close();
    removeTempDir(server.path.slice(0, server.path.lastIndexOf('/')));
  }
  return { duration, server };
}

/** The exact upsert of `SqliteFicheStore` (sync-server/fiches/sqlite-fiche-store.ts), copied for the floor. */
const UPSERT_SQL = `INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, nir, last_name_key, first_name_key, index_case_id, updated_at, data)
       VALUES (@id, @seq, @structureId, @declarantId, @kind, @status, @nir, @lastNameKey, @firstNameKey, @indexCaseId, @updatedAt, @data)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind, status = excluded.status, nir = excluded.nir,
         last_name_key = excluded.last_name_key, first_name_key = excluded.first_name_key, index_case_id = excluded.index_case_id,
         updated_at = excluded.updated_at, data = excluded.data`;

type RawRow = {
  id: string;
  seq: number;
  structureId: string;
  declarantId: string;
  kind: string;
  status: string;
  nir: string;
  lastNameKey: string;
  firstNameKey: string;
  indexCaseId: string;
  updatedAt: string;
  data: string;
};

/** The rows exactly as the server stored them. */
function storedRows(db: SqliteDatabase): RawRow[] {
  return db
    .prepare(
      `SELECT id, seq, structure_id AS structureId, declarant_id AS declarantId, kind, status, nir, last_name_key AS lastNameKey,
              first_name_key AS firstNameKey, index_case_id AS indexCaseId, updated_at AS updatedAt, data
         FROM fiches ORDER BY seq`,
    )
    .all() as RawRow[];
}

/**
 * The raw better-sqlite3 floor: the same rows upserted into an equivalent table (a fresh database
 * with the same migrations, WAL, synchronous=NORMAL) with one prepared statement.
 * `serverSql` adds what the server's SQL does per row besides the upsert: read the row by id,
 * bump the sequence, write the audit row.
 */
function rawUpsert(rows: readonly RawRow[], perTransaction: number, serverSql = false, minimalTable = false): number {
  const dir = makeTempDir('raw');
  const db = openDatabase(join(dir, 'raw.sqlite'));
  try {
    if (minimalTable) db.exec('CREATE TABLE fiches_minimal (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, data TEXT NOT NULL)');
    const upsert = minimalTable
      ? db.prepare('INSERT INTO fiches_minimal (id, seq, data) VALUES (@id, @seq, @data) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data')
      : db.prepare(UPSERT_SQL);
    const read = db.prepare('SELECT seq, data FROM fiches WHERE id = ?');
    const bump = db.prepare("UPDATE change_sequence SET value = value + 1 WHERE name = 'changes' RETURNING value");
    const audit = db.prepare(
      "INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes) VALUES (?, ?, NULL, ?, 'create', 'fiches', ?, ?)",
    );
    const write = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const row = rows[i]!;
        if (serverSql) {
          read.get(row.id);
          const { value } = bump.get() as { value: number };
          upsert.run({ ...row, seq: value });
        } else {
          upsert.run(row);
        }
      }
      if (serverSql) for (let i = from; i < to; i += 1) audit.run(rows[i]!.updatedAt, BENCH_USER.id, BENCH_USER.structureId, rows[i]!.id, rows[i]!.data);
    });
    const start = now();
    for (let i = 0; i < rows.length; i += perTransaction) write(i, Math.min(rows.length, i + perTransaction));
    return now() - start;
  } finally {
    db.close();
    removeTempDir(dir);
  }
}

/** Median of `runs` timings of `fn`, a number of ms per call measured over `inner` calls. */
function perCall(runs: number, inner: number, fn: (i: number) => unknown): number {
  const samples: number[] = [];
  for (let r = 0; r < runs + 1; r += 1) {
    const start = now();
    for (let i = 0; i < inner; i += 1) fn(i);
    if (r > 0) samples.push((now() - start) / inner);
  }
  return median(samples);
}

export async function runServerSyncBench(context: ServerSyncContext): Promise<ServerSyncResults> {
  const { fiches } = context;
  const n = fiches.length;
  const bodies = pushBodies(fiches);
  printHeading(`Server sync: ${count(n)} realistic files, push batches of ${PUSH_BATCH}, pull pages of ${PULL_LIMIT}`);

  // --- 2. Push ingestion -------------------------------------------------------------------
  // One unrecorded warm-up run (JIT, page cache), then alternate the two paths on fresh databases.
  await pushRun(bodies.slice(0, 20), 'inProcess', Math.min(n, 20 * PUSH_BATCH), false);
  const httpRuns: number[] = [];
  const inProcessRuns: number[] = [];
  let kept: BenchServer | null = null;
  for (let run = 0; run < PUSH_RUNS; run += 1) {
    const last = run === PUSH_RUNS - 1;
    const http = await pushRun(bodies, 'http', n, last);
    httpRuns.push(http.duration);
    if (last) kept = http.server;
    inProcessRuns.push((await pushRun(bodies, 'inProcess', n, false)).duration);
  }
  const server = kept!;
  const pushHttpMs = median(httpRuns);
  const pushInProcessMs = median(inProcessRuns);

  // --- 3. Raw floor for the same rows ------------------------------------------------------
  const rows = storedRows(server.db);
  const meanStoredBytes = rows.reduce((sum, row) => sum + Buffer.byteLength(row.data), 0) / rows.length;
  rawUpsert(rows, 100); // warm-up
  const raw100 = median(Array.from({ length: RAW_RUNS }, () => rawUpsert(rows, 100)));
  const raw10000 = median(Array.from({ length: RAW_RUNS }, () => rawUpsert(rows, 10_000)));
  const rawServerSql = median(Array.from({ length: RAW_RUNS }, () => rawUpsert(rows, 100, true)));
  const rawMinimal = median(Array.from({ length: RAW_RUNS }, () => rawUpsert(rows, 10_000, false, true)));

  printTable(
    `Push ingestion (${count(n)} files, median of ${PUSH_RUNS} runs on fresh databases; raw: median of ${RAW_RUNS})`,
    ['path', 'total', 'docs/s', 'µs/doc', 'vs raw 100/tx'],
    [
      ['server, HTTP (fetch → node-server → Hono), 100/request', ms(pushHttpMs), perSecond(n, pushHttpMs), us(pushHttpMs / n), ratio(raw100 / pushHttpMs)],
      ['server, in-process app.request(), 100/request', ms(pushInProcessMs), perSecond(n, pushInProcessMs), us(pushInProcessMs / n), ratio(raw100 / pushInProcessMs)],
      ['raw better-sqlite3 upsert, 1 tx per 100 rows', ms(raw100), perSecond(n, raw100), us(raw100 / n), ratio(1)],
      ['raw better-sqlite3 upsert, 1 tx per 10 000 rows', ms(raw10000), perSecond(n, raw10000), us(raw10000 / n), ratio(raw100 / raw10000)],
      ['raw SQL of the server path (read + seq + upsert + audit), 100/tx', ms(rawServerSql), perSecond(n, rawServerSql), us(rawServerSql / n), ratio(raw100 / rawServerSql)],
      ['raw upsert into a bare (id PK, seq, data) table, 10 000/tx', ms(rawMinimal), perSecond(n, rawMinimal), us(rawMinimal / n), ratio(raw100 / rawMinimal)],
    ],
    [
      `request bodies serialized beforehand (${count(bodies.length)} requests); every response checked: 200 and no conflict`,
      `HTTP − in-process: ${us((pushHttpMs - pushInProcessMs) / bodies.length)} per request of ${PUSH_BATCH} (${ratio(pushHttpMs / pushInProcessMs)}): lost in the run-to-run spread, the server's own work dominates`,
      'the fiches table has 6 b-trees (id PK with random UUIDs, UNIQUE seq, 4 secondary indexes); the bare table shows what they cost',
      `vs raw = docs/s ÷ raw docs/s (server/raw ratio; same batching of 100/tx); stored rows ${Math.round(meanStoredBytes)} B of JSON on average`,
      `runs (ms): HTTP ${httpRuns.map((d) => d.toFixed(0)).join(', ')} · in-process ${inProcessRuns.map((d) => d.toFixed(0)).join(', ')}`,
    ],
  );

  // --- 4. Pull ------------------------------------------------------------------------------
  const store = new SqliteFicheStore(server.db);
  const user = loadUser(server.db, BENCH_USER.id)!;
  const scope = ficheScopeOf({ user, strongAuth: false, expiresAt: '' });
  const pullStore = () => {
    let sequence = 0;
    let total = 0;
    for (;;) {
      const page = parsedPage(store, scope, sequence, PULL_LIMIT);
      total += page.length;
      if (page.length < PULL_LIMIT) return total;
      sequence = page.at(-1)!.sequence;
    }
  };
  const keysetAll = server.db.prepare('SELECT seq, data FROM fiches WHERE seq > ? ORDER BY seq LIMIT ?');
  const keysetStructure = server.db.prepare('SELECT seq, data FROM fiches WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const rawKeyset = (structure: boolean) => {
    let sequence = 0;
    let total = 0;
    for (;;) {
      const page = (structure ? keysetStructure.all(BENCH_USER.structureId, sequence, PULL_LIMIT) : keysetAll.all(sequence, PULL_LIMIT)) as { seq: number; data: string }[];
      for (const row of page) JSON.parse(row.data);
      total += page.length;
      if (page.length < PULL_LIMIT) return total;
      sequence = page.at(-1)!.seq;
    }
  };
  const check = (label: string, got: number) => {
    if (got !== n) throw new Error(`${label} returned ${got} documents, expected ${n}`);
  };
  await server.warmHttp();
  const pullHttp = median(await timeRuns(PULL_RUNS, async () => check('HTTP pull', await pullAll(server.http, PULL_LIMIT)), 1));
  const pullInProcess = median(await timeRuns(PULL_RUNS, async () => check('in-process pull', await pullAll(server.inProcess, PULL_LIMIT)), 1));
  const pullDirect = median(await timeRuns(PULL_RUNS, () => check('SqliteFicheStore.pullRows + parse', pullStore()), 1));
  const rawKeysetMs = median(await timeRuns(PULL_RUNS, () => check('raw keyset', rawKeyset(false)), 1));
  const rawStructure = median(await timeRuns(PULL_RUNS, () => check('raw keyset by structure', rawKeyset(true)), 1));
  const pages = Math.ceil(n / PULL_LIMIT) + (n % PULL_LIMIT === 0 ? 1 : 0);

  printTable(
    `Pull of all ${count(n)} files by dr.martin, limit=${PULL_LIMIT} (median of ${PULL_RUNS})`,
    ['path', 'total', 'docs/s', 'per page', 'vs raw keyset'],
    [
      ['server, HTTP (fetch + response.json())', ms(pullHttp), perSecond(n, pullHttp), ms(pullHttp / pages), ratio(rawKeysetMs / pullHttp)],
      ['server, in-process app.request() + json()', ms(pullInProcess), perSecond(n, pullInProcess), ms(pullInProcess / pages), ratio(rawKeysetMs / pullInProcess)],
      ['SqliteFicheStore.pullRows + parse directly (SQL + JSON.parse)', ms(pullDirect), perSecond(n, pullDirect), ms(pullDirect / pages), ratio(rawKeysetMs / pullDirect)],
      ['raw keyset WHERE seq > ? ORDER BY seq LIMIT 100 + JSON.parse', ms(rawKeysetMs), perSecond(n, rawKeysetMs), ms(rawKeysetMs / pages), ratio(1)],
      ['raw keyset WHERE structure_id = ? AND seq > ? … + JSON.parse', ms(rawStructure), perSecond(n, rawStructure), ms(rawStructure / pages), ratio(rawKeysetMs / rawStructure)],
    ],
    [`${pages} pages (the last one short or empty); every pull checked to return all ${count(n)} files`],
  );

  // --- Where one HTTP pull page goes -------------------------------------------------------
  const collection = new FicheCollection(store, new ChangeHub<ReplicatedFiche>(ficheChangeKeys), () => new Date());
  const session = { user, strongAuth: false, expiresAt: '' };
  const middle = Math.floor(n / 2);
  const pageResult = await collection.pull(session, { sequence: middle }, PULL_LIMIT);
  const pageJson = JSON.stringify(pageResult);
  const asyncPerCall = async (runs: number, fn: () => Promise<unknown>) => median(await timeRuns(runs, fn, 5));
  await server.warmHttp();
  const pageParts = {
    pullPage: perCall(3, 30, () => parsedPage(store, scope, middle, PULL_LIMIT)),
    collection: await asyncPerCall(90, () => collection.pull(session, { sequence: middle }, PULL_LIMIT)),
    stringify: perCall(3, 30, () => JSON.stringify(pageResult)),
    parse: perCall(3, 30, () => JSON.parse(pageJson)),
    body: await asyncPerCall(50, () => new Response(pageJson).text()),
    health: await asyncPerCall(50, async () => (await server.http('/api/health')).arrayBuffer()),
    inProcess: await asyncPerCall(50, async () => (await server.inProcess(pullPath(middle, PULL_LIMIT))).json()),
    http: await asyncPerCall(50, async () => (await server.http(pullPath(middle, PULL_LIMIT))).json()),
  };
  printTable(
    `Where one pull page goes (limit ${PULL_LIMIT}, checkpoint ${count(middle)}, ${bytes(Buffer.byteLength(pageJson))} of JSON; medians)`,
    ['step', 'time'],
    [
      ['SqliteFicheStore.pullRows + parse (3 queries, merge, JSON.parse of 100 rows)', ms(pageParts.pullPage)],
      ['FicheCollection.pull (pullPage + building the documents)', ms(pageParts.collection)],
      ['JSON.stringify of the answer (server)', ms(pageParts.stringify)],
      ['a Response body of that size: new Response(json).text()', ms(pageParts.body)],
      ['JSON.parse of the answer (client)', ms(pageParts.parse)],
      ['HTTP round trip of an empty request (GET /api/health)', ms(pageParts.health)],
      ['whole page in-process: app.request() + json()', ms(pageParts.inProcess)],
      ['whole page over HTTP: fetch() + json()', ms(pageParts.http)],
    ],
    ['client and server share this process and its two cores: HTTP figures include both sides'],
  );

  // --- Per-call costs that explain the push figure -----------------------------------------
  const sampleDocs = fiches.slice(0, 1000);
  const validate = perCall(3, sampleDocs.length, (i) => validateFiche(sampleDocs[i]));
  const today = perCall(3, 2000, () => todayInParis());
  const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
  const todayCached = perCall(3, 2000, () => parisDay.format(new Date()));
  const datesPerDoc = sampleDocs.reduce((sum, doc) => sum + ['birthDate', 'samplingDate', 'lastContactDate'].filter((f) => typeof doc[f] === 'string' && doc[f] !== '').length, 0) / sampleDocs.length;
  const scratch = new Database(':memory:');
  scratch.exec("CREATE TABLE change_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL); INSERT INTO change_sequence VALUES ('changes', 0)");
  const bumpSql = "UPDATE change_sequence SET value = value + 1 WHERE name = 'changes' RETURNING value";
  const prepareBump = perCall(3, 2000, () => scratch.prepare(bumpSql).get());
  const bump = scratch.prepare(bumpSql);
  const cachedBump = perCall(3, 2000, () => bump.get());
  scratch.close();
  const sessionLookup = perCall(3, 500, () => findSession(server.db, server.token, new Date()));

  printTable(
    'Per-call costs on the push path (in-process, median of 3)',
    ['what', 'per call', 'note'],
    [
      ['validateFiche(realistic file)', us(validate), `first pass over all ${count(n)}: ${us(context.validationMs / n)}/doc`],
      ['  todayInParis() (the date kept for the minute)', us(today), `${datesPerDoc.toFixed(1)} non-empty dates per file → ${us(today * datesPerDoc)}/file`],
      ['  one cached Intl.DateTimeFormat, formatted each call', us(todayCached), 'what each date field cost before'],
      ['nextSequence(): db.prepare() + get() each row', us(prepareBump), 'sync-server/replication/checkpoint.ts'],
      ['  same with a statement prepared once', us(cachedBump), 'reference'],
      ['findSession(): hash + 3 reads (the app caches the session row per token)', us(sessionLookup), 'once per request, not per row'],
    ],
    [`server push costs ${us(pushInProcessMs / n)}/doc in-process; its SQL alone ${us(rawServerSql / n)}/doc`],
  );

  // Keep the pushed database for nobody: the deep-checkpoint part builds its own.
  await server.close();
  removeTempDir(server.path.slice(0, server.path.lastIndexOf('/')));

  return { pushHttpMs, pushInProcessMs, rawUpsert100Ms: raw100, rawUpsert10000Ms: raw10000, pullHttpMs: pullHttp, rawKeysetMs };
}

/**
 * A running server holding `fiches` (pushed in batches of 100 in-process), for parts that need a
 * server to pull from (the browser part). Call `close()` then `dispose()` when done.
 */
export async function startServerWithFiches(fiches: readonly ClientFiche[]): Promise<BenchServer & { dispose: () => void }> {
  const file = await seededDatabaseFile('served');
  const server = await startBenchServer(file);
  await pushAll(server.inProcess, pushBodies(fiches));
  return { ...server, dispose: () => removeTempDir(file.dir) };
}
