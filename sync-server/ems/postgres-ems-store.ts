import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { changesOfOtherInstances, notifyChanges, type ChangeNoticeListener, type NoticedChange } from '../db/postgres/change-notices.ts';
import { sequencedTransaction } from '../db/postgres/sequenced-transaction.ts';
import { queuePostgresMessages } from '../outbox/postgres-outbox.ts';
import { writePostgresAudits } from '../storage/postgres-audit.ts';
import type { ChangesOfOtherInstances } from '../storage/storage.ts';
import { audience, fullName } from './ems-scope.ts';
import type { EmsScope, EmsStorage, MessageReads, MessagesSnapshot, MessageWrites, StoredMessage, StoredThread, ThreadReads, ThreadsSnapshot, ThreadWrite } from './ems-storage.ts';

const THREADS = 'ems/threads';
const MESSAGES = 'ems/messages';

/** A thread's columns, with its practitioner's name parts (`t`: the thread, `u`: the practitioner). */
const THREAD_COLUMNS = `t.id, t.practitioner_id AS "practitionerId", t.office, t.patient_nir AS "patientNir", t.patient_last_name AS "patientLastName",
  t.patient_first_name AS "patientFirstName", t.subject, t.created_at AS "createdAt", t.last_message_at AS "lastMessageAt",
  t.practitioner_read_at AS "practitionerReadAt", t.insurer_read_at AS "insurerReadAt", t.seq,
  u.civility AS "civility", u.first_name AS "firstName", u.last_name AS "lastName"`;
const MESSAGE_COLUMNS = `m.id, m.thread_id AS "threadId", m.author, m.author_name AS "authorName", m.body, m.created_at AS "createdAt", m.sent_at AS "sentAt", m.seq`;
const READ_COLUMN = { practitioner: 'practitioner_read_at', insurer: 'insurer_read_at' } as const;

type ThreadRow = Omit<StoredThread, 'practitionerName'> & { civility: string | null; firstName: string | null; lastName: string | null };
type Queryable = Pick<pg.PoolClient, 'query'>;

function named({ civility, firstName, lastName, ...thread }: ThreadRow): StoredThread {
  return { ...thread, practitionerName: firstName === null ? '' : fullName({ civility: civility ?? '', firstName, lastName: lastName ?? '' }) };
}

/** A snapshot asked about something its transaction did not read ahead: a bug of the collection, never a refusal. */
function notReadAhead(what: string): never {
  throw new Error(`The EMS snapshot was asked ${what}, which the batch's reads did not name`);
}

const noticedThread = (thread: StoredThread): NoticedChange => ({ sequence: thread.seq, id: thread.id, keys: audience(thread) });

/**
 * `EmsStorage` on PostgreSQL (issue 19): the same tables as SQLite's store. Each push is one
 * sequenced transaction (`db/postgres/sequenced-transaction.ts`) that reads ahead what its
 * `decide` may ask (the reads the batch names), calls it, writes in order, and tells the other
 * instances what changed (`db/postgres/change-notices.ts`) as it commits.
 */
export class PostgresEmsStore implements EmsStorage {
  readonly instance: string;
  readonly otherThreads?: ChangesOfOtherInstances<StoredThread>;
  readonly otherMessages?: ChangesOfOtherInstances<StoredMessage>;

  /** `listener`: this instance's LISTEN connection, when other instances share the database. */
  constructor(
    private readonly pool: pg.Pool,
    listener?: ChangeNoticeListener,
  ) {
    this.instance = listener?.instance ?? randomUUID();
    if (listener) {
      this.otherThreads = changesOfOtherInstances(listener, THREADS, async (ids) => new Map((await this.#threads(this.pool, ids)).map((t) => [t.id, t])));
      this.otherMessages = changesOfOtherInstances(listener, MESSAGES, async (ids) => {
        const { rows } = await this.pool.query<StoredMessage>(`SELECT ${MESSAGE_COLUMNS} FROM ems_messages m WHERE m.id = ANY($1)`, [ids]);
        return new Map(rows.map((m) => [m.id, m]));
      });
    }
  }

  async officesOf(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ office: string }>(
      "SELECT DISTINCT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = $1 AND s.insurer_office <> ''",
      [userId],
    );
    return rows.map((row) => row.office);
  }

  async pullThreads(scope: EmsScope, after: number, limit: number): Promise<StoredThread[]> {
    const where = scopeSql(scope);
    if (where === null) return [];
    const { rows } = await this.pool.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM ems_threads t LEFT JOIN users u ON u.id = t.practitioner_id WHERE t.seq > $1 AND ${where.sql} ORDER BY t.seq LIMIT $2`,
      [after, limit, where.param],
    );
    return rows.map(named);
  }

  async pullMessages(scope: EmsScope, after: number, limit: number): Promise<StoredMessage[]> {
    const where = scopeSql(scope);
    if (where === null) return [];
    const { rows } = await this.pool.query<StoredMessage>(
      `SELECT ${MESSAGE_COLUMNS} FROM ems_messages m JOIN ems_threads t ON t.id = m.thread_id WHERE m.seq > $1 AND ${where.sql} ORDER BY m.seq LIMIT $2`,
      [after, limit, where.param],
    );
    return rows;
  }

  async writeThreads(reads: ThreadReads, decide: (snapshot: ThreadsSnapshot) => readonly ThreadWrite[] | null): Promise<StoredThread[] | null> {
    return sequencedTransaction(this.pool, async (tx) => {
      // The sequence is held: no other numbered write commits between these reads and the writes.
      // One client runs one query at a time: these reads go one after the other.
      const threads = await this.#threads(tx.client, reads.threadIds);
      const office = await tx.client.query<{ office: string }>(
        "SELECT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = $1 AND s.insurer_office <> '' ORDER BY s.name LIMIT 1",
        [reads.userId],
      );
      const practitioners =
        reads.practitionerRpps.length === 0 || reads.offices.length === 0
          ? { rows: [] }
          : await tx.client.query<{ rpps: string; id: string; office: string }>(
              `SELECT DISTINCT ON (u.rpps) u.rpps, u.id, s.insurer_office AS office FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
                WHERE u.rpps = ANY($1) AND u.role IN ('medecin', 'directeur_cds') AND s.insurer_office = ANY($2) ORDER BY u.rpps, s.name`,
              [reads.practitionerRpps, reads.offices],
            );
      const byId = new Map(threads.map((t) => [t.id, t]));
      const byRpps = new Map(practitioners.rows.map((p) => [p.rpps, { id: p.id, office: p.office }]));
      const writes = decide({
        thread: (id) => (reads.threadIds.includes(id) ? (byId.get(id) ?? null) : notReadAhead(`for thread ${id}`)),
        officeOf: (userId) => (userId === reads.userId ? (office.rows[0]?.office ?? null) : notReadAhead(`the office of ${userId}`)),
        practitionerByRpps: (rpps, offices) =>
          offices.every((o) => reads.offices.includes(o)) && reads.practitionerRpps.includes(rpps) ? (byRpps.get(rpps) ?? null) : notReadAhead(`for RPPS ${rpps}`),
      });
      if (writes === null) return null;
      const written: StoredThread[] = [];
      for (const write of writes) {
        const seq = tx.nextSequence();
        if (write.kind === 'open') {
          const t = write.thread;
          written.push(
            await this.#returning(
              tx.client,
              `INSERT INTO ems_threads (id, seq, practitioner_id, office, patient_nir, patient_last_name, patient_first_name, subject, created_at, created_by, last_message_at, practitioner_read_at, insurer_read_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
              [t.id, seq, t.practitionerId, t.office, t.patientNir, t.patientLastName, t.patientFirstName, t.subject, t.createdAt, t.createdBy, t.lastMessageAt, t.practitionerReadAt, t.insurerReadAt],
            ),
          );
        } else {
          written.push(await this.#returning(tx.client, `UPDATE ems_threads SET ${READ_COLUMN[write.side]} = $1, seq = $2 WHERE id = $3 RETURNING *`, [write.at, seq, write.threadId]));
        }
      }
      notifyChanges(tx, this.instance, THREADS, written.map(noticedThread));
      return written;
    });
  }

  async writeMessages(reads: MessageReads, decide: (snapshot: MessagesSnapshot) => MessageWrites | null): Promise<{ messages: StoredMessage[]; threads: StoredThread[] } | null> {
    return sequencedTransaction(this.pool, async (tx) => {
      const stored = await tx.client.query<{ id: string; body: string; threadId: string }>('SELECT id, body, thread_id AS "threadId" FROM ems_messages WHERE id = ANY($1)', [reads.messageIds]);
      const threadIds = [...new Set([...reads.threadIds, ...stored.rows.map((m) => m.threadId)])];
      const threads = await this.#threads(tx.client, threadIds);
      const latest = await tx.client.query<{ threadId: string; at: string }>('SELECT thread_id AS "threadId", MAX(created_at) AS at FROM ems_messages WHERE thread_id = ANY($1) GROUP BY thread_id', [threadIds]);
      const emails = await tx.client.query<{ id: string; email: string }>('SELECT DISTINCT u.id, u.email FROM ems_threads t JOIN users u ON u.id = t.practitioner_id WHERE t.id = ANY($1)', [threadIds]);
      const byId = new Map(threads.map((t) => [t.id, t]));
      const messages = new Map(stored.rows.map((m) => [m.id, m]));
      const latestAt = new Map(latest.rows.map((row) => [row.threadId, row.at]));
      const emailOf = new Map(emails.rows.map((row) => [row.id, row.email]));
      const writes = decide({
        thread: (id) => (threadIds.includes(id) ? (byId.get(id) ?? null) : notReadAhead(`for thread ${id}`)),
        message: (id) => (reads.messageIds.includes(id) ? (messages.get(id) ?? null) : notReadAhead(`for message ${id}`)),
        latestMessageAt: (threadId) => (threadIds.includes(threadId) ? (latestAt.get(threadId) ?? null) : notReadAhead(`for the messages of ${threadId}`)),
        emailOf: (userId) => emailOf.get(userId) ?? (threads.some((t) => t.practitionerId === userId) ? null : notReadAhead(`the e-mail of ${userId}`)),
      });
      if (writes === null) return null;
      const written: StoredMessage[] = [];
      const moved: StoredThread[] = [];
      for (const m of writes.messages) {
        const seq = tx.nextSequence();
        await tx.client.query(
          'INSERT INTO ems_messages (id, seq, thread_id, author, author_id, on_behalf_of_id, author_name, body, created_at, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [m.id, seq, m.threadId, m.author, m.authorId, m.onBehalfOfId, m.authorName, m.body, m.createdAt, m.sentAt],
        );
        moved.push(await this.#returning(tx.client, `UPDATE ems_threads SET last_message_at = $1, ${READ_COLUMN[m.author]} = $1, seq = $2 WHERE id = $3 RETURNING *`, [m.sentAt, tx.nextSequence(), m.threadId]));
        written.push({ id: m.id, threadId: m.threadId, author: m.author, authorName: m.authorName, body: m.body, createdAt: m.createdAt, sentAt: m.sentAt, seq });
      }
      await writePostgresAudits(tx.client, writes.audits);
      await queuePostgresMessages(tx.client, this.pool, writes.mails, writes.at);
      notifyChanges(tx, this.instance, MESSAGES, written.map((m, i) => ({ sequence: m.seq, id: m.id, keys: audience(moved[i]!) })));
      notifyChanges(tx, this.instance, THREADS, moved.map(noticedThread));
      return { messages: written, threads: moved };
    });
  }

  async #threads(client: Queryable, ids: readonly string[]): Promise<StoredThread[]> {
    if (ids.length === 0) return [];
    const { rows } = await client.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM ems_threads t LEFT JOIN users u ON u.id = t.practitioner_id WHERE t.id = ANY($1)`, [ids]);
    return rows.map(named);
  }

  /** A thread as a write left it (`sql` ends with `RETURNING *`), with its practitioner's name. */
  async #returning(client: Queryable, sql: string, params: unknown[]): Promise<StoredThread> {
    const { rows } = await client.query<ThreadRow>(`WITH t AS (${sql}) SELECT ${THREAD_COLUMNS} FROM t LEFT JOIN users u ON u.id = t.practitioner_id`, params);
    return named(rows[0]!);
  }
}

/** The condition of a scope on `t` (its parameter is `$3`); null: it sees nothing. */
function scopeSql(scope: EmsScope): { sql: string; param: unknown } | null {
  if (scope.side === 'practitioner') return { sql: 't.practitioner_id = $3', param: scope.userId };
  if (scope.offices.length === 0) return null;
  return { sql: 't.office = ANY($3)', param: [...scope.offices] };
}
