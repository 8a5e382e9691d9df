import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { nameSearchKey } from '../domain/index.ts';
import { loadUser } from '../sync-server/auth/sessions.ts';
import type { SqliteDatabase } from '../sync-server/db/database.ts';
import { ficheScopeOf, type FicheScope } from '../sync-server/fiches/fiche-scope.ts';
import { SqliteFicheStore } from '../sync-server/fiches/sqlite-fiche-store.ts';
import { prng, type ClientFiche } from './realistic-fiches.ts';
import { bytes, count, median, ms, now, percentile, printHeading, printTable } from './report.ts';
import { BENCH_USER, parsedPage, pullPath, removeTempDir, seededDatabaseFile, startBenchServer, type BenchServer, type PullResponse } from './server-harness.ts';

/**
 * Deep-checkpoint pull latency: a table of 1 000 000 files filled directly through SQL (same
 * table and indexes as the migrations), then the latency of one pull page (limit 100) for
 * dr.martin at a checkpoint near the start, the middle and the end, through
 * `SqliteFicheStore.pullRows + parse` and through HTTP; the same on a 10 000-row table to show it does not grow
 * with the table. Also prints SQLite's plan of the per-structure query.
 */
const LIMIT = 100;
const RUNS = 30;
const WARMUP = 5;
const INSERTS_PER_TRANSACTION = 50_000;
/** Grants added to dr.martin for the last measurement (a heavy NIR-search user, e.g. a pharmacy). */
const MANY_GRANTS = 10_000;
/** Grants dr.martin has in every table, so that only the table size differs between them. */
const BASE_GRANTS = 100;

/** Structures of the filled table and their share of the files. */
const STRUCTURES: readonly { id: string; declarantId: string; share: number; synthetic: boolean }[] = [
  { id: BENCH_USER.structureId, declarantId: BENCH_USER.id, share: 0.1, synthetic: false },
  { id: 's-cabinet-durand', declarantId: 'u-durand', share: 0.15, synthetic: false },
  { id: 's-pharmacie-centrale', declarantId: 'u-pharmacie-centrale', share: 0.15, synthetic: false },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `s-bench-cds-${i + 1}`, declarantId: `u-bench-${i + 1}`, share: 0.1, synthetic: true })),
];

/** The per-source queries of `SqliteFicheStore.pullRows + parse` (sync-server/fiches/sqlite-fiche-store.ts), copied verbatim for EXPLAIN. */
const BY_STRUCTURE_SQL = 'SELECT seq, CAST(data AS BLOB) AS data, 0 AS revoked FROM fiches WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT ?';
const GRANTS_SQL = `SELECT a.seq, CAST(f.data AS BLOB) AS data, 0 AS revoked FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id
          WHERE a.user_id = ? AND a.seq > ? AND f.structure_id NOT IN (?) ORDER BY a.seq LIMIT ?`;
const REVOCATIONS_SQL = `SELECT r.seq, CAST(f.data AS BLOB) AS data, 1 AS revoked FROM fiche_revocations r JOIN fiches f ON f.id = r.fiche_id
            WHERE r.user_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`;

interface FilledDatabase {
  readonly dir: string;
  readonly path: string;
  readonly rows: number;
  readonly lastSequence: number;
  /** Sequence numbers of dr.martin's structure, ascending. */
  readonly martinSequences: Int32Array;
  /** Ids of files of other structures, for grants. */
  readonly otherIds: readonly string[];
  readonly grants: number;
  readonly revocations: number;
  readonly insertMs: number;
  readonly indexMs: number;
  readonly totalMs: number;
  readonly fileBytes: number;
}

const idOf = (sequence: number) => `f${String(sequence).padStart(8, '0')}`;

/**
 * Fills a copy of the seeded database with `rows` files through SQL: journal off and
 * synchronous off while filling, the four secondary indexes dropped and rebuilt from their
 * own definitions (so the schema ends exactly as the migrations made it), one prepared insert,
 * 50 000 rows per transaction. Ids follow the sequence so the primary key is appended to.
 * Documents are the realistic files in their stored form (server fields added), cycled.
 */
async function fillDatabase(rows: number, fiches: readonly ClientFiche[]): Promise<FilledDatabase> {
  const started = now();
  const file = await seededDatabaseFile(`deep-${rows}`);
  const db = new Database(file.path);
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');

  const insertStructure = db.prepare("INSERT OR IGNORE INTO structures (id, kind, name, postcode, commune) VALUES (?, 'centre_sante', ?, '75019', 'Paris')");
  for (const s of STRUCTURES) if (s.synthetic) insertStructure.run(s.id, `Centre de santé ${s.id.slice(-1)}`);

  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fiches' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  // What changes per source file, computed once; the rest is string concatenation.
  const sources = fiches.map((fiche) => {
    const { id: _id, ...rest } = fiche;
    return {
      kind: fiche.kind,
      status: String(fiche['status']),
      nir: String(fiche['nir'] ?? ''),
      lastNameKey: nameSearchKey(String(fiche['lastName'] ?? '')),
      firstNameKey: nameSearchKey(String(fiche['firstName'] ?? '')),
      indexCaseId: String(fiche['indexCaseId'] ?? ''),
      json: JSON.stringify(rest).slice(1, -1),
    };
  });
  const cumulative = STRUCTURES.map((_, i) => STRUCTURES.slice(0, i + 1).reduce((sum, s) => sum + s.share, 0));
  const random = prng(rows);
  const revokeEvery = Math.floor(rows / 20); // 20 revocations of dr.martin at every size

  const insertFiche = db.prepare(
    'INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, nir, last_name_key, first_name_key, index_case_id, updated_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRevocation = db.prepare('INSERT INTO fiche_revocations (seq, user_id, fiche_id) VALUES (?, ?, ?)');
  const martin: number[] = [];
  const otherIds: string[] = [];
  let sequence = 0;
  let inserted = 0;
  let revocations = 0;
  const base = Date.parse('2026-03-01T08:00:00.000Z');
  const fill = db.transaction((upTo: number) => {
    while (inserted < upTo) {
      sequence += 1;
      if (sequence % revokeEvery === 0 && otherIds.length > 0) {
        insertRevocation.run(sequence, BENCH_USER.id, otherIds[otherIds.length - 1]);
        revocations += 1;
        continue;
      }
      const r = random.next();
      const structure = STRUCTURES[cumulative.findIndex((c) => r < c)] ?? STRUCTURES.at(-1)!;
      const source = sources[inserted % sources.length]!;
      const id = idOf(sequence);
      const at = new Date(base + sequence * 20_000).toISOString();
      const data = `{"id":"${id}",${source.json},"declarantId":"${structure.declarantId}","structureId":"${structure.id}","createdAt":"${at}","statusSince":"${at}","updatedAt":"${at}"}`;
      insertFiche.run(id, sequence, structure.id, structure.declarantId, source.kind, source.status, source.nir, source.lastNameKey, source.firstNameKey, source.indexCaseId, at, data);
      if (structure.id === BENCH_USER.structureId) martin.push(sequence);
      else if (otherIds.length < 200_000 || random.next() < 0.05) otherIds.push(id);
      inserted += 1;
    }
  });
  const insertStart = now();
  while (inserted < rows) fill(Math.min(rows, inserted + INSERTS_PER_TRANSACTION));
  const insertMs = now() - insertStart;

  const indexStart = now();
  for (const index of indexes) db.exec(index.sql);
  const indexMs = now() - indexStart;

  // A few files of other structures opened by dr.martin through a NIR search (same number at every size).
  const grants = BASE_GRANTS;
  const grant = db.prepare("INSERT OR IGNORE INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) VALUES (?, ?, '2026-06-01T10:00:00.000Z', 'search', (SELECT seq FROM fiches WHERE id = ?))");
  db.transaction(() => {
    for (let i = 0; i < grants; i += 1) {
      const ficheId = otherIds[Math.floor(random.next() * otherIds.length)];
      grant.run(BENCH_USER.id, ficheId, ficheId);
    }
  })();
  db.prepare("UPDATE change_sequence SET value = ? WHERE name = 'changes'").run(sequence);
  db.pragma('journal_mode = WAL');
  db.close();

  return {
    ...file,
    rows,
    lastSequence: sequence,
    martinSequences: Int32Array.from(martin),
    otherIds,
    grants,
    revocations,
    insertMs,
    indexMs,
    totalMs: now() - started,
    fileBytes: statSync(file.path).size,
  };
}

function queryPlan(db: SqliteDatabase, sql: string, params: unknown[]): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level)}${row.detail}`;
  });
}

interface Position {
  readonly label: string;
  readonly checkpoint: number;
}

interface Measured {
  readonly label: string;
  readonly checkpoint: number;
  readonly documents: number;
  readonly store: number[];
  readonly http: number[];
  readonly floor: number[];
}

/**
 * RUNS timings (after WARMUP) of one page at one position, each path in its own loop so that one
 * path's garbage does not land in another's timing; each run moves the checkpoint back a little.
 */
async function measurePosition(server: BenchServer, store: SqliteFicheStore, scope: FicheScope, position: Position): Promise<Measured> {
  const floorQuery = server.db.prepare('SELECT seq, data FROM fiches WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const checkpointOf = (run: number) => Math.max(0, position.checkpoint - Math.max(0, run) * 3);
  const loop = async (fn: (checkpoint: number) => unknown) => {
    const times: number[] = [];
    for (let run = -WARMUP; run < RUNS; run += 1) {
      const checkpoint = checkpointOf(run);
      const start = now();
      await fn(checkpoint);
      if (run >= 0) times.push(now() - start);
    }
    return times;
  };
  const expected = parsedPage(store, scope, position.checkpoint, LIMIT).length;
  const store_ = await loop((checkpoint) => parsedPage(store, scope, checkpoint, LIMIT));
  await server.warmHttp();
  const http = await loop(async (checkpoint) => {
    const response = await server.http(pullPath(checkpoint, LIMIT));
    const body = (await response.json()) as PullResponse;
    if (response.status !== 200 || body.documents.length !== expected) {
      throw new Error(`HTTP pull at ${checkpoint} answered ${response.status} with ${body.documents?.length} documents, pullPage ${expected}`);
    }
  });
  const floor = await loop((checkpoint) => {
    for (const row of floorQuery.all(BENCH_USER.structureId, checkpoint, LIMIT) as { data: string }[]) JSON.parse(row.data);
  });
  return { label: position.label, checkpoint: position.checkpoint, documents: expected, store: store_, http, floor };
}

interface Breakdown {
  readonly label: string;
  readonly prepare: number;
  readonly byStructure: number;
  readonly grants: number;
  readonly revocations: number;
  readonly parse: number;
  readonly pullPage: number;
}

/**
 * Where one `pullPage` goes, at one checkpoint: preparing its three statements (it prepares them
 * on every call), then each query run alone from a cached statement, then parsing the page.
 */
function breakdown(db: SqliteDatabase, store: SqliteFicheStore, scope: FicheScope, checkpoint: number, label: string): Breakdown {
  const sample = (fn: () => unknown) => {
    const times: number[] = [];
    for (let run = -WARMUP; run < RUNS; run += 1) {
      const start = now();
      fn();
      if (run >= 0) times.push(now() - start);
    }
    return median(times);
  };
  const byStructure = db.prepare(BY_STRUCTURE_SQL);
  const grants = db.prepare(GRANTS_SQL);
  const revocations = db.prepare(REVOCATIONS_SQL);
  const rows = byStructure.all(BENCH_USER.structureId, checkpoint, LIMIT) as { data: string }[];
  return {
    label,
    prepare: sample(() => {
      db.prepare(BY_STRUCTURE_SQL);
      db.prepare(GRANTS_SQL);
      db.prepare(REVOCATIONS_SQL);
    }),
    byStructure: sample(() => byStructure.all(BENCH_USER.structureId, checkpoint, LIMIT)),
    grants: sample(() => grants.all(BENCH_USER.id, checkpoint, BENCH_USER.structureId, LIMIT)),
    revocations: sample(() => revocations.all(BENCH_USER.id, checkpoint, LIMIT)),
    parse: sample(() => rows.map((row) => JSON.parse(row.data))),
    pullPage: sample(() => parsedPage(store, scope, checkpoint, LIMIT)),
  };
}

async function measureTable(filled: FilledDatabase): Promise<{ measured: Measured[]; plans: Record<string, string[]>; breakdowns: Breakdown[]; manyGrants?: Measured }> {
  const server = await startBenchServer(filled);
  try {
    const store = new SqliteFicheStore(server.db);
    const user = loadUser(server.db, BENCH_USER.id)!;
    const scope = ficheScopeOf({ user, strongAuth: false, expiresAt: '' });
    const martin = filled.martinSequences;
    const positions: Position[] = [
      { label: 'near the start (1 %)', checkpoint: Math.floor(filled.lastSequence * 0.01) + 3 * RUNS },
      { label: 'middle (50 %)', checkpoint: Math.floor(filled.lastSequence * 0.5) },
      { label: 'near the end', checkpoint: martin[Math.max(0, martin.length - LIMIT - 50)]! },
    ];
    const plans = {
      'per structure': queryPlan(server.db, BY_STRUCTURE_SQL, [BENCH_USER.structureId, positions[1]!.checkpoint, LIMIT]),
      grants: queryPlan(server.db, GRANTS_SQL, [BENCH_USER.id, positions[1]!.checkpoint, BENCH_USER.structureId, LIMIT]),
      revocations: queryPlan(server.db, REVOCATIONS_SQL, [BENCH_USER.id, positions[1]!.checkpoint, LIMIT]),
    };
    const measured: Measured[] = [];
    await server.warmHttp();
    for (const position of positions) measured.push(await measurePosition(server, store, scope, position));

    const breakdowns = [breakdown(server.db, store, scope, positions[1]!.checkpoint, `middle, ${count(filled.grants)} grants`)];
    let manyGrants: Measured | undefined;
    if (filled.rows >= 1_000_000) {
      // A heavy NIR-search user: grants spread over the whole table.
      const random = prng(7);
      const grant = server.db.prepare("INSERT OR IGNORE INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) VALUES (?, ?, '2026-06-01T10:00:00.000Z', 'search', (SELECT seq FROM fiches WHERE id = ?))");
      server.db.transaction(() => {
        for (let i = 0; i < MANY_GRANTS; i += 1) {
          const ficheId = filled.otherIds[Math.floor(random.next() * filled.otherIds.length)];
          grant.run(BENCH_USER.id, ficheId, ficheId);
        }
      })();
      await server.warmHttp();
      const grants = (server.db.prepare('SELECT COUNT(*) AS n FROM fiche_access WHERE user_id = ?').get(BENCH_USER.id) as { n: number }).n;
      manyGrants = { ...(await measurePosition(server, store, scope, positions[1]!)), label: `middle, dr.martin with ${count(grants)} grants` };
      breakdowns.push(breakdown(server.db, store, scope, positions[1]!.checkpoint, `middle, ${count(grants)} grants`));
    }
    return { measured, plans, breakdowns, ...(manyGrants ? { manyGrants } : {}) };
  } finally {
    await server.close();
  }
}

const fmt = (values: number[]) => `${ms(median(values))} (p90 ${ms(percentile(values, 90))})`;

function checkPlan(lines: readonly string[]): string {
  const text = lines.join('\n');
  const ok = /SEARCH fiches USING (COVERING )?INDEX fiches_structure_seq \(structure_id=\? AND seq>\?\)/.test(text) && !/\bSCAN\b/.test(text) && !/TEMP B-TREE/.test(text);
  return ok ? 'OK: SEARCH using fiches_structure_seq (structure_id=? AND seq>?), no SCAN, no sort' : 'NOT AS EXPECTED: see the plan above';
}

export async function runDeepCheckpointBench(context: { fiches: readonly ClientFiche[] }): Promise<void> {
  const large = Number(process.env['BENCH_DEEP_ROWS'] ?? 1_000_000);
  printHeading(`Deep-checkpoint pull latency: one page of ${LIMIT} for dr.martin at ${count(10_000)} and ${count(large)} files`);

  const results: { filled: FilledDatabase; measured: Measured[]; plans: Record<string, string[]>; breakdowns: Breakdown[]; manyGrants?: Measured }[] = [];
  for (const rows of [10_000, large]) {
    const filled = await fillDatabase(rows, context.fiches);
    results.push({ filled, ...(await measureTable(filled)) });
    removeTempDir(filled.dir);
  }

  printTable(
    'Fill through SQL (journal and sync off, secondary indexes rebuilt after the inserts)',
    ['files', 'inserts', 'index rebuild', 'total fill', 'rows/s (inserts)', 'file size', "dr.martin's files", 'grants', 'revocations'],
    results.map(({ filled }) => [
      count(filled.rows),
      ms(filled.insertMs),
      ms(filled.indexMs),
      ms(filled.totalMs),
      count(Math.round(filled.rows / (filled.insertMs / 1000))),
      bytes(filled.fileBytes),
      `${count(filled.martinSequences.length)} (${((100 * filled.martinSequences.length) / filled.rows).toFixed(1)} %)`,
      count(filled.grants),
      count(filled.revocations),
    ]),
    [
      `${STRUCTURES.length} structures; documents are the realistic files in stored form, cycled (ids follow the sequence)`,
      'total fill includes copying the seeded database and serializing the rows',
    ],
  );

  const largest = results.at(-1)!;
  console.log(`\nEXPLAIN QUERY PLAN at ${count(largest.filled.rows)} files (the three queries of SqliteFicheStore.pullRows + parse for dr.martin):`);
  for (const [name, lines] of Object.entries(largest.plans)) {
    console.log(`  ${name}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  for (const { filled, plans } of results) console.log(`  per-structure plan at ${count(filled.rows)}: ${checkPlan(plans['per structure']!)}`);

  const rows: string[][] = [];
  for (const { filled, measured, manyGrants } of results) {
    for (const m of [...measured, ...(manyGrants ? [manyGrants] : [])]) {
      rows.push([count(filled.rows), m.label, count(m.checkpoint), String(m.documents), fmt(m.store), fmt(m.http), fmt(m.floor)]);
    }
  }
  printTable(
    `Latency of one pull page (limit ${LIMIT}), median of ${RUNS} runs after ${WARMUP} warm-ups`,
    ['files', 'checkpoint', 'sequence', 'docs', 'SqliteFicheStore.pullRows + parse', 'HTTP (fetch + json)', 'raw per-structure keyset'],
    rows,
    [
      'each path timed in its own loop; each run moves the checkpoint back by 3 so pages differ slightly; warm page cache',
      'raw keyset: one cached statement WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT 100 + JSON.parse (the floor)',
    ],
  );

  printTable(
    `Where one SqliteFicheStore.pullRows + parse goes at ${count(largest.filled.rows)} files (median of ${RUNS}; each part timed alone)`,
    ['case', 'prepare ×3', 'per-structure query', 'grants query', 'revocations query', 'JSON.parse ×100', 'pullPage total'],
    largest.breakdowns.map((b) => [b.label, ms(b.prepare), ms(b.byStructure), ms(b.grants), ms(b.revocations), ms(b.parse), ms(b.pullPage)]),
    [
      'prepare ×3: what preparing the three statements would cost; FicheStore prepares them once',
      'the grants query seeks (user_id, seq) on fiche_access, whose seq follows its file (migration 3): no sort, flat in the number of grants',
    ],
  );
}
