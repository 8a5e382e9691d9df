import type pg from 'pg';
import { openBody, sealBody } from './outbox-key.ts';
import { UNREADABLE_BODY, type OutgoingMessage } from './outbox.ts';

/**
 * The outbox on PostgreSQL (`outbox.ts` says what it is): the same table, the same sealed bodies.
 * The key that seals them belongs to the pool (`setOutboxKey(pool, …)`, `OUTBOX_KEY`); messages
 * are queued in the transaction of the change that causes them (`client`).
 */
export async function queuePostgresMessages(client: Pick<pg.PoolClient, 'query'>, pool: pg.Pool, messages: readonly OutgoingMessage[], at: string): Promise<void> {
  if (messages.length === 0) return;
  await client.query(
    `INSERT INTO outbox (created_at, channel, recipient, subject, body)
     SELECT $1, channel, recipient, subject, body FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS m(channel, recipient, subject, body)`,
    [at, messages.map((m) => m.channel), messages.map((m) => m.recipient), messages.map((m) => m.subject), messages.map((m) => sealBody(pool, m.body))],
  );
}

/** The latest messages, newest first, in clear (the demo's mailbox; an erased body reads ''). */
export async function readPostgresOutbox(pool: pg.Pool, limit = 100): Promise<(OutgoingMessage & { seq: number; createdAt: string })[]> {
  const { rows } = await pool.query<OutgoingMessage & { seq: number; createdAt: string }>(
    'SELECT seq, created_at AS "createdAt", channel, recipient, subject, body FROM outbox ORDER BY seq DESC LIMIT $1',
    [limit],
  );
  return rows.map((row) => ({ ...row, body: openBody(pool, row.body) ?? UNREADABLE_BODY }));
}
