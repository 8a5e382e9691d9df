import type pg from 'pg';

/**
 * Write transactions on PostgreSQL that keep the replication's one promise: **no checkpoint
 * ever skips a document**.
 *
 * The hazard: with concurrent writers, numbers taken from an ordinary sequence (`nextval`) are
 * handed out in one order and committed in another. A writer takes 41, another 42 and commits
 * first; a pull then sees 42, answers the checkpoint 42, and when 41 commits it lies behind every
 * checkpoint already given: the devices that pulled in between never receive it.
 *
 * The cure: numbers come from the `change_sequence` row, and a sequenced transaction locks that
 * row (`SELECT … FOR UPDATE`) before anything else, holds it until it commits, and writes the
 * last number it took just before committing. The next writer waits for the lock and reads the
 * counter only once the previous one has committed, so numbers are taken in commit order; and
 * PostgreSQL makes a transaction visible before it releases its locks, so whoever sees number n
 * also sees every number below it. Writes that take numbers therefore run one at a time per
 * database, as they do on SQLite's single writer (every instance included); each keeps its
 * transaction short (a few statements per batch, no per-row round trip). Reads never wait.
 *
 * Holding the lock from the start also makes a batch's reads (conflict detection, "may this
 * user see this file") see what is committed when it writes: no other numbered write can slip in
 * between.
 *
 * Change notices (`notify`) are sent with `pg_notify` in the transaction: PostgreSQL delivers
 * them only if it commits, after it commits, in commit order — so in number order.
 */
export interface SequencedTransaction {
  readonly client: pg.PoolClient;
  /** Takes the next number of the server-wide change sequence. */
  nextSequence(): number;
  /** Sends a notification on `channel` once (and only if) the transaction commits. */
  notify(channel: string, payload: string): void;
}

/** Runs `work` in a transaction (READ COMMITTED), rolled back if it throws. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction that holds the change sequence from its first statement to its commit. */
export async function sequencedTransaction<T>(pool: pg.Pool, work: (tx: SequencedTransaction) => Promise<T>): Promise<T> {
  return transaction(pool, async (client) => {
    const { rows } = await client.query<{ value: number }>("SELECT value FROM change_sequence WHERE name = 'changes' FOR UPDATE");
    const start = Number(rows[0]!.value);
    let last = start;
    const notices: { channel: string; payload: string }[] = [];
    const result = await work({
      client,
      nextSequence: () => ++last,
      notify: (channel, payload) => notices.push({ channel, payload }),
    });
    if (last !== start) await client.query("UPDATE change_sequence SET value = $1 WHERE name = 'changes'", [last]);
    if (notices.length > 0) {
      // unnest yields the rows in order, and notifications of one transaction are delivered in the order sent.
      await client.query('SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)', [
        notices.map((n) => n.channel),
        notices.map((n) => n.payload),
      ]);
    }
    return result;
  });
}
