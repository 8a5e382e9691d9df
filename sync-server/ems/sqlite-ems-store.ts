import type { SqliteDatabase } from '../db/database.ts';
import { queueMessage } from '../outbox/outbox.ts';
import { nextSequence } from '../replication/checkpoint.ts';
import { writeAudit } from '../storage/sqlite-audit.ts';
import { fullName } from './ems-scope.ts';
import type { EmsScope, EmsStorage, MessageReads, MessagesSnapshot, MessageWrites, StoredMessage, StoredThread, ThreadReads, ThreadsSnapshot, ThreadWrite } from './ems-storage.ts';

const THREAD_COLUMNS = `t.id, t.practitioner_id AS practitionerId, t.office, t.patient_nir AS patientNir, t.patient_last_name AS patientLastName,
  t.patient_first_name AS patientFirstName, t.subject, t.created_at AS createdAt, t.last_message_at AS lastMessageAt,
  t.practitioner_read_at AS practitionerReadAt, t.insurer_read_at AS insurerReadAt, t.seq`;
const MESSAGE_COLUMNS = `m.id, m.thread_id AS threadId, m.author, m.author_name AS authorName, m.body, m.created_at AS createdAt, m.sent_at AS sentAt, m.seq`;
const READ_COLUMN = { practitioner: 'practitioner_read_at', insurer: 'insurer_read_at' } as const;

type ThreadRow = Omit<StoredThread, 'practitionerName'>;


/** `EmsStorage` on better-sqlite3: `ems_threads`, `ems_messages`; each push one transaction (storage/storage.ts). */
export class SqliteEmsStore implements EmsStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async officesOf(userId: string): Promise<string[]> {
    return (this.db.prepare("SELECT DISTINCT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = ? AND s.insurer_office <> ''").all(userId) as { office: string }[]).map((o) => o.office);
  }

  async pullThreads(scope: EmsScope, after: number, limit: number): Promise<StoredThread[]> {
    const { where, params } = scopeSql(scope);
    const rows = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM ems_threads t WHERE t.seq > ? AND ${where} ORDER BY t.seq LIMIT ?`).all(after, ...params, limit) as ThreadRow[];
    return rows.map((row) => this.#named(row));
  }

  async pullMessages(scope: EmsScope, after: number, limit: number): Promise<StoredMessage[]> {
    const { where, params } = scopeSql(scope);
    return this.db
      .prepare(`SELECT ${MESSAGE_COLUMNS} FROM ems_messages m JOIN ems_threads t ON t.id = m.thread_id WHERE m.seq > ? AND ${where} ORDER BY m.seq LIMIT ?`)
      .all(after, ...params, limit) as StoredMessage[];
  }

  async writeThreads(_reads: ThreadReads, decide: (snapshot: ThreadsSnapshot) => readonly ThreadWrite[] | null): Promise<StoredThread[] | null> {
    return this.db.transaction(() => {
      const writes = decide({
        thread: (id) => this.#thread(id),
        officeOf: (userId) =>
          (this.db.prepare("SELECT s.insurer_office AS office FROM user_structures us JOIN structures s ON s.id = us.structure_id WHERE us.user_id = ? AND s.insurer_office <> '' ORDER BY s.name LIMIT 1").get(userId) as { office: string } | undefined)?.office ?? null,
        practitionerByRpps: (rpps, offices) =>
          offices.length === 0
            ? null
            : ((this.db
                .prepare(
                  `SELECT u.id, s.insurer_office AS office FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
                   WHERE u.rpps = ? AND u.role IN ('medecin', 'directeur_cds') AND s.insurer_office IN (${offices.map(() => '?').join(', ')}) ORDER BY s.name LIMIT 1`,
                )
                .get(rpps, ...offices) as { id: string; office: string } | undefined) ?? null),
      });
      if (writes === null) return null;
      return writes.map((write) => {
        if (write.kind === 'open') {
          const t = write.thread;
          this.db
            .prepare(
              `INSERT INTO ems_threads (id, seq, practitioner_id, office, patient_nir, patient_last_name, patient_first_name, subject, created_at, created_by, last_message_at, practitioner_read_at, insurer_read_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(t.id, nextSequence(this.db), t.practitionerId, t.office, t.patientNir, t.patientLastName, t.patientFirstName, t.subject, t.createdAt, t.createdBy, t.lastMessageAt, t.practitionerReadAt, t.insurerReadAt);
          return this.#thread(t.id)!;
        }
        this.db.prepare(`UPDATE ems_threads SET ${READ_COLUMN[write.side]} = ?, seq = ? WHERE id = ?`).run(write.at, nextSequence(this.db), write.threadId);
        return this.#thread(write.threadId)!;
      });
    })();
  }

  async writeMessages(_reads: MessageReads, decide: (snapshot: MessagesSnapshot) => MessageWrites | null): Promise<{ messages: StoredMessage[]; threads: StoredThread[] } | null> {
    return this.db.transaction(() => {
      const writes = decide({
        thread: (id) => this.#thread(id),
        message: (id) => (this.db.prepare('SELECT body, thread_id AS threadId FROM ems_messages WHERE id = ?').get(id) as { body: string; threadId: string } | undefined) ?? null,
        latestMessageAt: (threadId) => (this.db.prepare('SELECT MAX(created_at) AS at FROM ems_messages WHERE thread_id = ?').get(threadId) as { at: string | null }).at,
        emailOf: (userId) => (this.db.prepare('SELECT email FROM users WHERE id = ?').get(userId) as { email: string } | undefined)?.email ?? null,
      });
      if (writes === null) return null;
      const messages: StoredMessage[] = [];
      const threads: StoredThread[] = [];
      for (const m of writes.messages) {
        const seq = nextSequence(this.db);
        this.db
          .prepare('INSERT INTO ems_messages (id, seq, thread_id, author, author_id, on_behalf_of_id, author_name, body, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(m.id, seq, m.threadId, m.author, m.authorId, m.onBehalfOfId, m.authorName, m.body, m.createdAt, m.sentAt);
        this.db.prepare(`UPDATE ems_threads SET last_message_at = ?, ${READ_COLUMN[m.author]} = ?, seq = ? WHERE id = ?`).run(m.sentAt, m.sentAt, nextSequence(this.db), m.threadId);
        messages.push({ id: m.id, threadId: m.threadId, author: m.author, authorName: m.authorName, body: m.body, createdAt: m.createdAt, sentAt: m.sentAt, seq });
        threads.push(this.#thread(m.threadId)!);
      }
      for (const audit of writes.audits) writeAudit(this.db, audit);
      for (const mail of writes.mails) queueMessage(this.db, mail, new Date(writes.at));
      return { messages, threads };
    })();
  }

  #thread(id: string): StoredThread | null {
    const row = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM ems_threads t WHERE t.id = ?`).get(id) as ThreadRow | undefined;
    return row ? this.#named(row) : null;
  }

  #named(row: ThreadRow): StoredThread {
    const user = this.db.prepare('SELECT civility, first_name AS firstName, last_name AS lastName FROM users WHERE id = ?').get(row.practitionerId) as { civility: string; firstName: string; lastName: string } | undefined;
    return { ...row, practitionerName: user ? fullName(user) : '' };
  }
}

function scopeSql(scope: EmsScope): { where: string; params: unknown[] } {
  if (scope.side === 'practitioner') return { where: 't.practitioner_id = ?', params: [scope.userId] };
  if (scope.offices.length === 0) return { where: '0', params: [] };
  return { where: `t.office IN (${scope.offices.map(() => '?').join(', ')})`, params: [...scope.offices] };
}
