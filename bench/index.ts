import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { runDeepCheckpointBench } from './deep-checkpoint.ts';
import { runPostgresBench } from './postgres.ts';
import { buildRealisticFiches, summarize, type ClientFiche } from './realistic-fiches.ts';
import { bytes, count, machineDescription, ms, now, printHeading, printTable } from './report.ts';
import { closeAllServers, removeTempDirs } from './server-harness.ts';
import { runServerSyncBench, startServerWithFiches } from './server-sync.ts';
import { runStreamFanoutBench } from './stream-fanout.ts';
import { runVersusReferenceBench } from './versus-reference.ts';

/**
 * `npm run bench` (`tsx bench/index.ts`): the sync benchmark, printed as tables of figures.
 * No thresholds, no assertions on time: it measures and prints. Parts run in order and share
 * one set of realistic files; the browser part has a slot below, not implemented yet.
 *
 *   BENCH_PARTS=reference,server,deep,fanout,postgres,browser   run only some parts (default: all)
 *   BENCH_ROUNDS=5                    recorded rounds of the reference comparison
 *   BENCH_DEEP_ROWS=1000000           size of the large table of the deep-checkpoint part
 */
export const FICHE_COUNT = 10_000;

export interface BenchContext {
  /** The realistic files, in push order (a patient zéro before its contacts). */
  readonly fiches: readonly ClientFiche[];
  /** Time `validateFiche` took over the whole set while it was checked. */
  readonly validationMs: number;
  /** A real sync server already holding `fiches`, for parts that pull from one. */
  readonly startServerWithFiches: typeof startServerWithFiches;
}

interface BenchPart {
  readonly key: string;
  readonly title: string;
  readonly run: (context: BenchContext) => Promise<unknown>;
}

/**
 * Browser half: the RxDB initial pull of the 10 000 files into IndexedDB (Dexie storage, no
 * dev-mode) through the real replication, next to a raw Dexie `bulkPut` of the same documents
 * (bench/browser/initial-pull.bench.ts); the warm start of the list on a device holding them
 * (bench/browser/warm-start.bench.ts).
 */
async function runBrowserSyncBench(_context: BenchContext): Promise<void> {
  printHeading('Browser sync (RxDB initial pull into IndexedDB vs raw Dexie bulkPut; warm start of the list)');
  // Runs in the tests' headless Chromium against a real sync-server process; the page prints
  // its own figures (it builds the same 10 000 files from the same seed).
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('sh', ['-c', 'node scripts/check-browser.mjs && npx web-test-runner --config bench/web-test-runner.bench.mjs'], { stdio: 'inherit' });
    child.on('exit', resolve);
  });
  if (code !== 0) console.log(`  the browser part stopped with exit code ${code}`);
}

const PARTS: readonly BenchPart[] = [
  { key: 'reference', title: 'our server vs the reference server', run: runVersusReferenceBench },
  { key: 'server', title: 'server push and pull', run: runServerSyncBench },
  { key: 'deep', title: 'deep-checkpoint pull latency', run: runDeepCheckpointBench },
  { key: 'fanout', title: 'live stream fan-out', run: runStreamFanoutBench },
  { key: 'postgres', title: 'PostgreSQL: push and pull, one and two instances', run: runPostgresBench },
  { key: 'browser', title: 'browser initial pull', run: runBrowserSyncBench },
];

async function main(): Promise<void> {
  const started = now();
  const selected = new Set((process.env['BENCH_PARTS'] ?? PARTS.map((p) => p.key).join(',')).split(',').map((s) => s.trim()));

  printHeading('teleservices sync benchmark');
  for (const line of machineDescription()) console.log(line);
  console.log(`date     ${new Date().toISOString()}`);
  console.log(`load     ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min; other processes on the machine skew every figure)`);

  // --- 1. Realistic files --------------------------------------------------------------------
  let start = now();
  const fiches = buildRealisticFiches(FICHE_COUNT);
  const buildMs = now() - start;
  start = now();
  const summary = summarize(fiches);
  const validationMs = now() - start;
  if (summary.invalid.length > 0) {
    throw new Error(`${summary.invalid.length} generated files fail validateFiche, e.g. ${JSON.stringify(summary.invalid.slice(0, 3))}`);
  }
  printTable(
    `Realistic Contact COVID files (built in ${ms(buildMs)}, all checked with validateFiche in ${ms(validationMs)})`,
    ['files', 'patients zéros', 'contacts', 'drafts', 'social support', 'mean JSON', 'min', 'max', 'invalid'],
    [[count(summary.count), count(summary.patientsZero), count(summary.contacts), count(summary.drafts), count(summary.withSocialSupport), bytes(summary.meanBytes), bytes(summary.minBytes), bytes(summary.maxBytes), String(summary.invalid.length)]],
    ['client-owned fields only, as a widget pushes them; the server adds ~200 B (declarant, structure, dates)'],
  );

  const context: BenchContext = { fiches, validationMs, startServerWithFiches };
  try {
    for (const part of PARTS) {
      if (!selected.has(part.key)) continue;
      const partStart = now();
      await part.run(context);
      console.log(`\n(${part.title}: ${ms(now() - partStart)})`);
    }
  } finally {
    await closeAllServers();
    removeTempDirs();
  }
  console.log(`\nTotal: ${((now() - started) / 1000).toFixed(1)} s · load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
