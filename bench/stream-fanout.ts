import { createSession } from '../sync-server/auth/sessions.ts';
import type { ClientFiche } from './realistic-fiches.ts';
import { count, median, ms, now, perSecond, printHeading, printTable, ratio } from './report.ts';
import { BENCH_USER, removeTempDir, seededDatabaseFile, startBenchServer, type BenchServer } from './server-harness.ts';

/**
 * Fan-out of live changes: what idle streams of another practice cost the writers, and how long
 * a client connecting under that load waits. Rounds alternate the two conditions on one server
 * (the same writer, the same kind of files; the idle streams opened before a round and closed
 * after it), and the figures are medians over the rounds.
 */
const IDLE_STREAMS = 200;
const ROUNDS = 6;
const FILES_PER_ROUND = 700;
const BATCH = 100;
/** Every collection, as a page opens it (the idle sessions are strong: EMS included). */
const ALL_COLLECTIONS = '/api/replication/stream?collections=fiches,delegations,ems/threads,ems/messages';
const OTHER_PRACTICE_USER = 'u-durand';

interface OpenStream {
  readonly close: () => Promise<void>;
}

/** Opens a live stream over HTTP and reads it (discarding the events) until closed. */
async function openStream(server: BenchServer, token: string, path: string): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (response.status !== 200) throw new Error(`stream refused: ${response.status} ${await response.text()}`);
  const reader = response.body!.getReader();
  const reading = (async () => {
    for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
  })();
  return {
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

/** Pushes `files` in batches of 100 through HTTP, one request at a time; the duration in ms. */
async function pushFiles(server: BenchServer, files: readonly ClientFiche[]): Promise<number> {
  const start = now();
  for (let i = 0; i < files.length; i += BATCH) {
    const body = JSON.stringify(files.slice(i, i + BATCH).map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
    const response = await server.http('/api/replication/fiches/push', { method: 'POST', body });
    const text = await response.text();
    if (response.status !== 200 || text !== '[]') throw new Error(`push refused: ${response.status} ${text.slice(0, 300)}`);
  }
  return now() - start;
}

/**
 * A client connecting while `busy` runs, again and again: its stream's answer (headers) and its
 * first pull page; each connection's time in ms.
 */
async function newClientsWhile(server: BenchServer, busy: Promise<unknown>, tokens: () => string): Promise<number[]> {
  let running = true;
  void busy.finally(() => (running = false));
  const samples: number[] = [];
  while (running) {
    const token = tokens();
    const start = now();
    const stream = await openStream(server, token, ALL_COLLECTIONS);
    const page = await fetch(`${server.url}/api/replication/fiches/pull?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    if (page.status !== 200) throw new Error(`pull refused: ${page.status}`);
    await page.json();
    samples.push(now() - start);
    await stream.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return samples;
}

export async function runStreamFanoutBench(context: { fiches: readonly ClientFiche[] }): Promise<void> {
  printHeading(`Live stream fan-out: ${IDLE_STREAMS} idle streams of another practice, ${count(FILES_PER_ROUND)} files pushed per round`);
  const file = await seededDatabaseFile('fanout');
  const server = await startBenchServer(file);
  try {
    const session = () => createSession(server.db, OTHER_PRACTICE_USER, new Date(), true).token;
    const idleTokens = Array.from({ length: IDLE_STREAMS }, session);
    let fresh = 0;
    const newcomers = Array.from({ length: 400 }, session);
    const newcomer = () => newcomers[fresh++ % newcomers.length]!;
    // The writer follows its own changes, as a page does.
    const writerStream = await openStream(server, server.token, ALL_COLLECTIONS.replace('ems/threads,ems/messages', '').replace(/,$/, ''));
    const files = context.fiches.slice(0, (2 * ROUNDS + 1) * FILES_PER_ROUND);
    let next = 0;
    const slice = () => files.slice(next, (next += FILES_PER_ROUND));
    await pushFiles(server, slice()); // warm-up, unrecorded

    const without: number[] = [];
    const withIdle: number[] = [];
    const clientsWithout: number[] = [];
    const clientsWithIdle: number[] = [];
    const measure = async (withIdleStreams: boolean) => {
      const idle = withIdleStreams ? await Promise.all(idleTokens.map((token) => openStream(server, token, ALL_COLLECTIONS))) : [];
      await server.warmHttp();
      const pushing = pushFiles(server, slice());
      (withIdleStreams ? clientsWithIdle : clientsWithout).push(...(await newClientsWhile(server, pushing, newcomer)));
      (withIdleStreams ? withIdle : without).push(await pushing);
      await Promise.all(idle.map((stream) => stream.close()));
    };
    // Interleaved, each condition first every other round (the table grows as rounds go).
    for (let round = 0; round < ROUNDS; round += 1) {
      await measure(round % 2 === 1);
      await measure(round % 2 === 0);
    }
    await writerStream.close();

    const alone = median(without);
    const crowded = median(withIdle);
    printTable(
      `Writer's push throughput (dr.martin, batches of ${BATCH} over HTTP, own stream open; median of ${ROUNDS} interleaved rounds)`,
      ['condition', 'per round', 'docs/s', 'vs no idle stream'],
      [
        ['no other stream open', ms(alone), perSecond(FILES_PER_ROUND, alone), ratio(1)],
        [`${IDLE_STREAMS} idle streams of another practice (all collections)`, ms(crowded), perSecond(FILES_PER_ROUND, crowded), ratio(alone / crowded)],
      ],
      [
        crowded > alone
          ? `cost to the writers: ${((1 - alone / crowded) * 100).toFixed(0)} % of their throughput (goal: under 30 %)`
          : `cost to the writers: none measurable (the crowded rounds ran ${((alone / crowded - 1) * 100).toFixed(0)} % faster: run-to-run noise; goal: under 30 %)`,
        `a new client connects (stream + first pull) again and again during each push, in both conditions`,
        `rounds (ms): alone ${without.map((d) => d.toFixed(0)).join(', ')} · with idle streams ${withIdle.map((d) => d.toFixed(0)).join(', ')}`,
      ],
    );
    const servedAlone = median(clientsWithout);
    const servedCrowded = median(clientsWithIdle);
    printTable(
      'A newly connected client under the writer\'s load: stream answered and first pull page received (median, max)',
      ['condition', 'median', 'max', 'connections', 'vs no idle stream'],
      [
        ['no other stream open', ms(servedAlone), ms(Math.max(...clientsWithout)), count(clientsWithout.length), ratio(1)],
        [`${IDLE_STREAMS} idle streams of another practice`, ms(servedCrowded), ms(Math.max(...clientsWithIdle)), count(clientsWithIdle.length), ratio(servedCrowded / servedAlone)],
      ],
      ['goal: served within a second under that load'],
    );
  } finally {
    await server.close();
    removeTempDir(file.dir);
  }
}
