import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createSession } from '../sync-server/auth/sessions.ts';
import { openDatabase } from '../sync-server/db/database.ts';
import type { ClientFiche } from './realistic-fiches.ts';
import { count, median, ms, now, printHeading, printTable, ratio } from './report.ts';
import { BENCH_USER, pullPath, removeTempDir, seededDatabaseFile, type PullResponse } from './server-harness.ts';

/**
 * Our server against the reference server (bench/reference-server.ts), each in its own process,
 * driven by the same client (this process) in the same interleaved rounds: a round pushes the
 * 10 000 files in batches of 100 to a fresh database, then pulls them all by pages of 100 and of
 * 1 000, on one server then the other (the order alternates between rounds; the first round
 * warms both up and is not recorded). Each step is timed by the client (wall time, the HTTP hop
 * and the client's own JSON work included) and by the server's own CPU time (its process's
 * `cpuUsage` before and after). Ratios are « reference ÷ ours »: above 1×, ours is faster.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const PUSH_BATCH = 100;
const STEPS = ['push, batches of 100', 'pull, pages of 100', 'pull, pages of 1 000'] as const;
const GOALS: Record<(typeof STEPS)[number], number> = { 'push, batches of 100': 0.8, 'pull, pages of 100': 1.0, 'pull, pages of 1 000': 1.2 };
type Kind = 'teleservices' | 'reference';
type Sample = { wallMs: number; cpuMs: number };

class ServerProcess {
  readonly #child: ChildProcess;
  readonly #waiting: ((message: Record<string, unknown>) => void)[] = [];
  port = 0;

  constructor(readonly kind: Kind) {
    this.#child = fork(new URL('./server-process.ts', import.meta.url).pathname, [kind], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: Record<string, unknown>) => this.#waiting.shift()?.(message));
  }

  #ask(message: Record<string, unknown> | null): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (message) this.#child.send(message);
    });
  }

  async ready(): Promise<void> {
    this.port = (await this.#ask(null))['port'] as number;
  }

  async open(path: string): Promise<void> {
    await this.#ask({ open: path });
  }

  async cpuMs(): Promise<number> {
    return (await this.#ask({ cpu: true }))['cpuMs'] as number;
  }

  stop(): void {
    this.#child.disconnect();
  }
}

/** Signs dr.martin in: through our server's route, or (the reference has none) a session row written beforehand. */
async function tokenFor(server: ServerProcess, path: string): Promise<string> {
  if (server.kind === 'reference') {
    const db = openDatabase(path);
    try {
      return createSession(db, BENCH_USER.id, new Date()).token;
    } finally {
      db.close();
    }
  }
  const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: BENCH_USER.identifier, password: BENCH_USER.password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { token: string }).token;
}

async function measure(server: ServerProcess, work: () => Promise<void>): Promise<Sample> {
  const cpuBefore = await server.cpuMs();
  const start = now();
  await work();
  const wallMs = now() - start;
  return { wallMs, cpuMs: (await server.cpuMs()) - cpuBefore };
}

/** One round on one server: a fresh database, the push, the two pulls; every answer checked. */
async function round(server: ServerProcess, bodies: readonly string[], expected: number): Promise<Sample[]> {
  const file = await seededDatabaseFile(`versus-${server.kind}`);
  await server.open(file.path);
  const token = await tokenFor(server, file.path);
  const base = `http://127.0.0.1:${server.port}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    const push = await measure(server, async () => {
      for (const body of bodies) {
        const response = await fetch(`${base}/api/replication/fiches/push`, { method: 'POST', headers, body });
        const text = await response.text();
        if (response.status !== 200 || text !== '[]') throw new Error(`${server.kind}: push refused: ${response.status} ${text.slice(0, 300)}`);
      }
    });
    const pull = (limit: number) =>
      measure(server, async () => {
        let sequence: number | null = null;
        let total = 0;
        for (;;) {
          const response = await fetch(`${base}${pullPath(sequence, limit)}`, { headers });
          if (response.status !== 200) throw new Error(`${server.kind}: pull refused: ${response.status} ${await response.text()}`);
          const page = (await response.json()) as PullResponse;
          total += page.documents.length;
          if (page.documents.length < limit) break;
          sequence = page.checkpoint.sequence;
        }
        if (total !== expected) throw new Error(`${server.kind}: pulled ${total} files, expected ${expected}`);
      });
    return [push, await pull(100), await pull(1000)];
  } finally {
    removeTempDir(file.dir);
  }
}

export async function runVersusReferenceBench({ fiches }: { readonly fiches: readonly ClientFiche[] }): Promise<void> {
  printHeading(`Our server vs the reference server (${count(fiches.length)} files, separate processes, ${ROUNDS} interleaved rounds)`);
  const bodies: string[] = [];
  for (let i = 0; i < fiches.length; i += PUSH_BATCH) {
    bodies.push(JSON.stringify(fiches.slice(i, i + PUSH_BATCH).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))));
  }
  const servers = { teleservices: new ServerProcess('teleservices'), reference: new ServerProcess('reference') };
  const samples: Record<Kind, Sample[][]> = { teleservices: [], reference: [] };
  const loads: number[] = [];
  try {
    await Promise.all([servers.teleservices.ready(), servers.reference.ready()]);
    for (let r = 0; r <= ROUNDS; r += 1) {
      const order: Kind[] = r % 2 === 0 ? ['teleservices', 'reference'] : ['reference', 'teleservices'];
      for (const kind of order) {
        const result = await round(servers[kind], bodies, fiches.length);
        if (r > 0) samples[kind].push(result);
      }
      loads.push(loadavg()[0]!);
    }
  } finally {
    servers.teleservices.stop();
    servers.reference.stop();
  }
  const of = (kind: Kind, step: number, key: keyof Sample) => median(samples[kind].map((s) => s[step]![key]));
  printTable(
    'Medians per step (wall: as the client waits, HTTP and its own parsing included; CPU: the server process alone)',
    ['step', 'ours wall', 'ref. wall', 'ref.÷ours wall', 'ours CPU', 'ref. CPU', 'ref.÷ours CPU', 'goal'],
    STEPS.map((step, i) => [
      step,
      ms(of('teleservices', i, 'wallMs')),
      ms(of('reference', i, 'wallMs')),
      ratio(of('reference', i, 'wallMs') / of('teleservices', i, 'wallMs')),
      ms(of('teleservices', i, 'cpuMs')),
      ms(of('reference', i, 'cpuMs')),
      ratio(of('reference', i, 'cpuMs') / of('teleservices', i, 'cpuMs')),
      `≥ ${ratio(GOALS[step])}`,
    ]),
    [
      'ratio = reference time ÷ our time, so 1× is as fast as the reference and above is faster',
      'the goal is on the servers’ own CPU: the wall time also counts the HTTP hop and the client parsing the answers (the same work for both), and the load of the other processes',
      `reference: node:http, token hash + one read, upsert + whole-document audit row per file (1 tx per batch), keyset select + JSON.parse + JSON.stringify`,
      `runs (wall ms, ours / reference): ${STEPS.map((step, i) => `${step}: ${samples.teleservices.map((s) => s[i]!.wallMs.toFixed(0)).join(',')} / ${samples.reference.map((s) => s[i]!.wallMs.toFixed(0)).join(',')}`).join(' · ')}`,
      `load average (1 min) after each round: ${loads.map((l) => l.toFixed(1)).join(', ')} — other processes share the 2 cores: ratios of the same round hold better than absolute figures`,
    ],
  );
}
