import nodemailer from 'nodemailer';
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

interface PendingMail extends OutgoingMessage {
  readonly seq: number;
  readonly attempts: number;
}

/** After a failure, the next try waits longer: 1, 2, 4… minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
export const MAX_SEND_ATTEMPTS = 10;

/**
 * Sends the outbox's e-mails through a transport, oldest first, and marks each sent (its body
 * erased); a body sealed with another key is given up at once (`last_error` says so); a failure
 * is recorded (attempts, error, next try) and retried later, so a mail server that is down
 * loses nothing. One pass per call: the server calls it on a timer.
 */
export class OutboxDispatcher {
  #running = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly transport: MailTransport,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async dispatch(batch = 20): Promise<{ sent: number; failed: number }> {
    if (this.#running) return { sent: 0, failed: 0 };
    this.#running = true;
    try {
      const at = this.now().toISOString();
      const pending = this.db
        .prepare(
          `SELECT seq, channel, recipient, subject, body, attempts FROM outbox
            WHERE channel = 'email' AND sent_at IS NULL AND attempts < ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
            ORDER BY seq LIMIT ?`,
        )
        .all(MAX_SEND_ATTEMPTS, at, batch) as PendingMail[];
      let sent = 0;
      let failed = 0;
      for (const mail of pending) {
        const body = openBody(this.db, mail.body);
        if (body === null) {
          this.db.prepare('UPDATE outbox SET attempts = ?, last_error = ? WHERE seq = ?').run(MAX_SEND_ATTEMPTS, 'sealed with another OUTBOX_KEY: cannot be read', mail.seq);
          failed += 1;
          continue;
        }
        try {
          await this.transport.send({ ...mail, body });
          // The record of a sent e-mail keeps no secret: its body (a link, maybe) is erased.
          this.db.prepare("UPDATE outbox SET sent_at = ?, last_error = NULL, body = '' WHERE seq = ?").run(this.now().toISOString(), mail.seq);
          sent += 1;
        } catch (error) {
          const attempts = mail.attempts + 1;
          this.db
            .prepare('UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE seq = ?')
            .run(attempts, String((error as Error).message ?? error).slice(0, 500), new Date(this.now().getTime() + retryDelayMs(attempts)).toISOString(), mail.seq);
          failed += 1;
        }
      }
      return { sent, failed };
    } finally {
      this.#running = false;
    }
  }
}
