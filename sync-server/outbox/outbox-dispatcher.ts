import nodemailer from 'nodemailer';
import type pg from 'pg';
import type { SqliteDatabase } from '../db/database.ts';
import { openBody } from './outbox-key.ts';
import type { OutgoingMessage } from './outbox.ts';

/**
 * How e-mails leave the outbox. By default nothing leaves (the outbox is the record, the demo
 * reads it as a mailbox); with `SMTP_HOST` set, an SMTP transport sends them. Postal letters
 * stay in the outbox for the print service, which reads them there.
 */
export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
}

export function smtpTransport(settings: SmtpSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
  });
  return {
    async send(message) {
      await transporter.sendMail({ from: settings.from, to: message.recipient, subject: message.subject, text: message.body });
    },
  };
}

/** An e-mail due for sending, as a dispatcher claimed it (its body still sealed). */
export interface PendingMail extends OutgoingMessage {
  readonly seq: number;
  readonly attempts: number;
}

/** After a failure, the next try waits longer: 1, 2, 4… minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
export const MAX_SEND_ATTEMPTS = 10;

/**
 * How long a claimed e-mail stays another dispatcher's: past it (the claiming instance died while
 * sending), it is due again.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The outbox as a dispatcher works it: one database's (SQLite, `sqliteOutboxQueue`; PostgreSQL, `PostgresOutboxQueue`). */
export interface OutboxQueue {
  /**
   * The e-mails due at `at` (not sent, under `MAX_SEND_ATTEMPTS`, their next try passed), oldest
   * first, at most `batch`, claimed until `at + CLAIM_LEASE_MS`: no other dispatcher gets them meanwhile.
   */
  claim(batch: number, at: Date): Promise<PendingMail[]>;
  /** Sent: its body erased (the record keeps no secret). */
  sent(seq: number, at: Date): Promise<void>;
  /** Refused by the transport: tried again at `nextAttemptAt`. */
  failed(seq: number, attempts: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Given up: its body was sealed with another key. */
  unreadable(seq: number): Promise<void>;
  /** A body in clear, or null when sealed with another key. */
  open(body: string): string | null;
}

const DUE = `channel = 'email' AND sent_at IS NULL AND attempts < ${MAX_SEND_ATTEMPTS}`;
const UNREADABLE = 'sealed with another OUTBOX_KEY: cannot be read';

/** The outbox of one process's SQLite database (its one dispatcher: nothing to claim from another). */
export function sqliteOutboxQueue(db: SqliteDatabase): OutboxQueue {
  return {
    async claim(batch, at) {
      return db.prepare(`SELECT seq, channel, recipient, subject, body, attempts FROM outbox WHERE ${DUE} AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?`).all(at.toISOString(), batch) as PendingMail[];
    },
    async sent(seq, at) {
      db.prepare("UPDATE outbox SET sent_at = ?, last_error = NULL, body = '' WHERE seq = ?").run(at.toISOString(), seq);
    },
    async failed(seq, attempts, error, nextAttemptAt) {
      db.prepare('UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE seq = ?').run(attempts, error, nextAttemptAt.toISOString(), seq);
    },
    async unreadable(seq) {
      db.prepare('UPDATE outbox SET attempts = ?, last_error = ? WHERE seq = ?').run(MAX_SEND_ATTEMPTS, UNREADABLE, seq);
    },
    open: (body) => openBody(db, body),
  };
}

/**
 * The outbox of a PostgreSQL database several instances share: each dispatcher claims its e-mails
 * with `FOR UPDATE SKIP LOCKED` and moves their next try past a lease in the same statement, so
 * two dispatchers never claim the same e-mail and each is sent once, whatever the number of
 * instances; one that dies while sending leaves its e-mails due again once the lease has passed.
 */
export class PostgresOutboxQueue implements OutboxQueue {
  constructor(private readonly pool: pg.Pool) {}

  async claim(batch: number, at: Date): Promise<PendingMail[]> {
    const { rows } = await this.pool.query<PendingMail>(
      `UPDATE outbox SET next_attempt_at = $3 WHERE seq IN (
         SELECT seq FROM outbox WHERE ${DUE} AND (next_attempt_at IS NULL OR next_attempt_at <= $1) ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING seq, channel, recipient, subject, body, attempts`,
      [at.toISOString(), batch, new Date(at.getTime() + CLAIM_LEASE_MS).toISOString()],
    );
    return rows.sort((a, b) => a.seq - b.seq);
  }

  async sent(seq: number, at: Date): Promise<void> {
    await this.pool.query("UPDATE outbox SET sent_at = $1, last_error = NULL, body = '' WHERE seq = $2", [at.toISOString(), seq]);
  }

  async failed(seq: number, attempts: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.pool.query('UPDATE outbox SET attempts = $1, last_error = $2, next_attempt_at = $3 WHERE seq = $4', [attempts, error, nextAttemptAt.toISOString(), seq]);
  }

  async unreadable(seq: number): Promise<void> {
    await this.pool.query('UPDATE outbox SET attempts = $1, last_error = $2 WHERE seq = $3', [MAX_SEND_ATTEMPTS, UNREADABLE, seq]);
  }

  open(body: string): string | null {
    return openBody(this.pool, body);
  }
}

/**
 * Sends the outbox's e-mails through a transport, oldest first, and marks each sent (its body
 * erased); a body sealed with another key is given up at once (`last_error` says so); a failure
 * is recorded (attempts, error, next try) and retried later, so a mail server that is down
 * loses nothing. One pass per call: the server calls it on a timer. On PostgreSQL each instance
 * runs one; the queue's claims keep them from sending an e-mail twice.
 */
export class OutboxDispatcher {
  #running = false;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly transport: MailTransport,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async dispatch(batch = 20): Promise<{ sent: number; failed: number }> {
    if (this.#running) return { sent: 0, failed: 0 };
    this.#running = true;
    try {
      const pending = await this.queue.claim(batch, this.now());
      let sent = 0;
      let failed = 0;
      for (const mail of pending) {
        const body = this.queue.open(mail.body);
        if (body === null) {
          await this.queue.unreadable(mail.seq);
          failed += 1;
          continue;
        }
        try {
          await this.transport.send({ channel: mail.channel, recipient: mail.recipient, subject: mail.subject, body });
          await this.queue.sent(mail.seq, this.now());
          sent += 1;
        } catch (error) {
          const attempts = mail.attempts + 1;
          await this.queue.failed(mail.seq, attempts, String((error as Error).message ?? error).slice(0, 500), new Date(this.now().getTime() + retryDelayMs(attempts)));
          failed += 1;
        }
      }
      return { sent, failed };
    } finally {
      this.#running = false;
    }
  }
}
