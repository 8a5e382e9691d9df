import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { createTestDatabase, skipWithoutPostgres } from '../../testing/test-postgres.ts';
import { openPostgres } from './postgres-database.ts';
import { sequencedTransaction, type SequencedTransaction } from './sequenced-transaction.ts';

/** Writes a minimal file at the next number, as a push does. */
async function writeFile(tx: SequencedTransaction, id: string): Promise<number> {
  const seq = tx.nextSequence();
  await tx.client.query(
    "INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, updated_at, data) VALUES ($1, $2, 's1', 'u1', 'patient_zero', 'brouillon', '', $3)",
    [id, seq, JSON.stringify({ id })],
  );
  return seq;
}

/** One pull by checkpoint, as the replication's pull reads the table. */
async function pull(pool: pg.Pool, after: number, limit: number): Promise<{ seq: number; id: string }[]> {
  return (await pool.query<{ seq: number; id: string }>('SELECT seq, id FROM fiches WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit])).rows;
}

describe('sequenced transactions on PostgreSQL: no checkpoint ever skips a document', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let instanceA: pg.Pool;
  let instanceB: pg.Pool;

  before(async () => {
    database = await createTestDatabase();
    // Two instances of the server: two pools on one database.
    instanceA = await openPostgres(database.url, { max: 8 });
    instanceB = await openPostgres(database.url, { max: 8 });
  });
  after(async () => {
    await instanceA?.end();
    await instanceB?.end();
    await database?.drop();
  });

  it('a writer that takes a number after another waits for it to commit, so a pull never sees the later number first', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstTook!: () => void;
    const firstHasNumber = new Promise<void>((resolve) => (firstTook = resolve));
    const first = sequencedTransaction(instanceA, async (tx) => {
      const seq = await writeFile(tx, 'held-first');
      firstTook();
      await held;
      return seq;
    });
    await firstHasNumber;
    try {
      let secondDone = false;
      const second = sequencedTransaction(instanceB, (tx) => writeFile(tx, 'then-second')).finally(() => (secondDone = true));
      // The second writer is blocked on the sequence's lock while the first is open.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const waiting = await instanceA.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (waiting.rowCount! > 0) break;
        assert.ok(Date.now() < deadline, 'the second writer never waited for the first');
        await sleep(20);
      }
      assert.equal(secondDone, false);
      assert.deepEqual(await pull(instanceA, 0, 10), [], 'nothing is visible while the first writer is open');
      release();
      const [firstSeq, secondSeq] = await Promise.all([first, second]);
      assert.ok(secondSeq > firstSeq, 'numbers follow the order of the commits');
      assert.deepEqual((await pull(instanceB, 0, 10)).map((row) => row.id), ['held-first', 'then-second']);
    } finally {
      release();
      await first.catch(() => undefined);
    }
  });

  it('many writers on two instances, readers pulling continuously: every reader ends with every acknowledged file', async () => {
    await instanceA.query("DELETE FROM fiches WHERE id NOT LIKE 'load-%'");
    const acknowledged = new Set<string>();
    let writing = true;
    const writers = Array.from({ length: 12 }, async (_, writer) => {
      const pool = writer % 2 === 0 ? instanceA : instanceB;
      for (let batch = 0; batch < 25; batch++) {
        const ids = Array.from({ length: 1 + ((writer + batch) % 4) }, (_, row) => `load-${writer}-${batch}-${row}`);
        await sequencedTransaction(pool, async (tx) => {
          for (const id of ids) {
            await writeFile(tx, id);
            // Widen the window between taking a number and committing it.
            await sleep(Math.random() * 3);
          }
        });
        for (const id of ids) acknowledged.add(id);
      }
    });
    const readers = Array.from({ length: 4 }, async (_, reader) => {
      const pool = reader % 2 === 0 ? instanceA : instanceB;
      const seen = new Set<string>();
      let checkpoint = 0;
      for (;;) {
        const finishing = !writing;
        const page = await pull(pool, checkpoint, 7);
        for (const row of page) {
          assert.ok(row.seq > checkpoint);
          assert.ok(!seen.has(row.id), `reader ${reader} received ${row.id} twice`);
          seen.add(row.id);
          checkpoint = row.seq;
        }
        // Once the writers are done, one last pull that comes back empty ends the reader.
        if (finishing && page.length === 0) return seen;
      }
    });
    await Promise.all(writers);
    writing = false;
    const seenByReaders = await Promise.all(readers);
    assert.equal(acknowledged.size, 12 * 25 * 2.5);
    for (const seen of seenByReaders) {
      const missing = [...acknowledged].filter((id) => !seen.has(id));
      assert.deepEqual(missing, [], 'a reader skipped files its checkpoint had passed');
    }
  });
});
