import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { ChangeHub, type PublishedChange } from '../../replication/change-hub.ts';
import { createTestDatabase, skipWithoutPostgres } from '../../testing/test-postgres.ts';
import { ChangeNoticeListener, changesOfOtherInstances, noticePayloads, notifyChanges, type NoticedChange } from './change-notices.ts';
import { openPostgres } from './postgres-database.ts';
import { sequencedTransaction } from './sequenced-transaction.ts';

/** Polls until `done`, or fails after 20 s with what was awaited (generous: the machine may be loaded). */
async function waitUntil(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Doc = { id: string; structureId: string };
const keysOf = (change: PublishedChange<Doc>) => [`structure:${change.document.structureId}`];

/** One server instance: its pool, its hub (in-process fan-out), its LISTEN connection relaying the others' changes. */
async function startInstance(url: string) {
  const pool = await openPostgres(url, { max: 4 });
  const hub = new ChangeHub<Doc>(keysOf);
  const listener = new ChangeNoticeListener(url);
  const loaded: string[][] = [];
  const others = changesOfOtherInstances(listener, 'fiches', async (ids) => {
    loaded.push([...ids]);
    const { rows } = await pool.query<{ id: string; data: string }>('SELECT id, data FROM fiches WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.id, JSON.parse(row.data) as Doc]));
  });
  // As a collection follows them: what its streams listen to, published with the keys they came with.
  others.follow(
    (keys) => hub.listensTo(keys),
    (changes) => hub.publish(changes.map(({ sequence, document, keys }) => ({ sequence, document, keys }))),
  );
  await listener.start();
  /** Writes files in one transaction, tells the other instances, and publishes to its own streams after the commit, as a push does. */
  const write = async (docs: readonly Doc[], { fail = false } = {}) => {
    const published = await sequencedTransaction(pool, async (tx) => {
      const changes: PublishedChange<Doc>[] = [];
      for (const doc of docs) {
        const sequence = tx.nextSequence();
        await tx.client.query(
          "INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, updated_at, data) VALUES ($1, $2, $3, 'u1', 'patient_zero', 'brouillon', '', $4)",
          [doc.id, sequence, doc.structureId, JSON.stringify(doc)],
        );
        changes.push({ sequence, document: doc });
      }
      notifyChanges(tx, listener.instance, 'fiches', changes.map((c): NoticedChange => ({ sequence: c.sequence, id: c.document.id, keys: keysOf(c) })));
      if (fail) throw new Error('refused batch');
      return changes;
    });
    hub.publish(published);
  };
  return { pool, hub, listener, loaded, write, close: async () => (await listener.close(), await pool.end()) };
}

/** A live stream of an instance: the changes routed to its keys, as received. */
function streamOf(instance: { hub: ChangeHub<Doc> }, keys: string[]) {
  const received: PublishedChange<Doc>[] = [];
  instance.hub.subscribe(keys, (changes) => received.push(...changes));
  return received;
}

describe('change notices between instances on one PostgreSQL database (LISTEN / NOTIFY)', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Awaited<ReturnType<typeof startInstance>>;
  let b: Awaited<ReturnType<typeof startInstance>>;

  before(async () => {
    database = await createTestDatabase();
    a = await startInstance(database.url);
    b = await startInstance(database.url);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('a write accepted by one instance reaches the streams another instance holds for its keys, once', async () => {
    const onB = streamOf(b, ['structure:s1']);
    const otherStructureOnB = streamOf(b, ['structure:s2']);
    const onA = streamOf(a, ['structure:s1']);
    await a.write([{ id: 'f1', structureId: 's1' }, { id: 'f2', structureId: 's1' }]);
    await waitUntil(() => onB.length === 2, 'the stream on the other instance received the changes');
    assert.deepEqual(onB.map((c) => c.document), [{ id: 'f1', structureId: 's1' }, { id: 'f2', structureId: 's1' }]);
    assert.ok(onB[0]!.sequence < onB[1]!.sequence);
    await b.listener.settled();
    await a.listener.settled();
    assert.deepEqual(otherStructureOnB, []);
    assert.equal(onA.length, 2, 'the writing instance published to its own streams once, and ignored its own notice');
  });

  it('reads nothing for changes no stream of the instance listens to', async () => {
    b.loaded.length = 0;
    const onB = streamOf(b, ['structure:s1']);
    await a.write([{ id: 'f3', structureId: 's9' }, { id: 'f4', structureId: 's1' }]);
    await waitUntil(() => onB.length === 1, 'the listened change arrived');
    assert.deepEqual(b.loaded, [['f4']]);
  });

  it('tells nothing of a transaction rolled back', async () => {
    const onB = streamOf(b, ['structure:s1']);
    await assert.rejects(a.write([{ id: 'never', structureId: 's1' }], { fail: true }), /refused batch/);
    await a.write([{ id: 'f5', structureId: 's1' }]);
    await waitUntil(() => onB.length === 1, 'the next change arrived');
    assert.deepEqual(onB.map((c) => c.document.id), ['f5']);
  });

  it('tells a large batch in several notices, every change in order', async () => {
    const docs = Array.from({ length: 400 }, (_, i) => ({ id: `bulk-${String(i).padStart(3, '0')}`, structureId: 's1' }));
    assert.ok(noticePayloads('x', 'fiches', docs.map((d, i) => ({ sequence: i, id: d.id, keys: ['structure:s1'] }))).length > 1);
    const onB = streamOf(b, ['structure:s1']);
    await a.write(docs);
    await waitUntil(() => onB.length === docs.length, 'every change of the batch arrived');
    assert.deepEqual(onB.map((c) => c.document.id), docs.map((d) => d.id));
    assert.deepEqual(onB.map((c) => c.sequence), [...onB.map((c) => c.sequence)].sort((x, y) => x - y));
  });

  it('listens again after its connection to PostgreSQL drops, and says so (what was told meanwhile is lost: streams must pull)', async () => {
    let reconnected = 0;
    const listener = new ChangeNoticeListener(database.url);
    listener.onReconnect(() => (reconnected += 1));
    const heard: NoticedChange[] = [];
    listener.on('fiches', async (changes) => void heard.push(...changes));
    await listener.start();
    try {
      const pid = async () => (await a.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()")).rows.map((r) => r.pid);
      const before = await pid();
      await a.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database() AND pid <> pg_backend_pid()");
      await waitUntil(() => reconnected === 1, 'the listener reconnected');
      assert.notDeepEqual(await pid(), before);
      await a.write([{ id: 'after-reconnect', structureId: 's1' }]);
      await waitUntil(() => heard.some((change) => change.id === 'after-reconnect'), 'a notice after the reconnection');
    } finally {
      await listener.close();
    }
    // The instances' own listeners were cut too: they listen again.
    const onB = streamOf(b, ['structure:s1']);
    const listening = async () => (await a.pool.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND state = 'idle' AND datname = current_database()")).rowCount;
    for (let tries = 0; (await listening()) !== 2; tries++) {
      assert.ok(tries < 400, 'both instances listen again');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await a.write([{ id: 'after-reconnect-b', structureId: 's1' }]);
    await waitUntil(() => onB.some((change) => change.document.id === 'after-reconnect-b'), 'instance B hears instance A again');
  });

  it('keeps every notice under the size PostgreSQL accepts', () => {
    const changes = Array.from({ length: 1000 }, (_, i) => ({ sequence: 1_000_000 + i, id: `fiche-${i}-${'x'.repeat(30)}`, keys: ['every-file', 'structure:cabinet-0001', `user:u-${i}`], ...(i % 3 === 0 ? { revoked: true as const } : {}) }));
    const payloads = noticePayloads('instance', 'fiches', changes);
    for (const payload of payloads) assert.ok(Buffer.byteLength(payload) < 8000);
    const told = payloads.flatMap((p) => (JSON.parse(p) as { ch: unknown[] }).ch);
    assert.equal(told.length, changes.length);
  });
});
