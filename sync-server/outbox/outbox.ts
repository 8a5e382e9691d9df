import type { SqliteDatabase } from '../db/database.ts';

/**
 * The outbox: every e-mail and postal letter the server sends, written in the same transaction
 * as the change that causes it, with its rendered French text. A transport (SMTP, the postal
 * service's API) would read and mark it; in this repository it is read by the demo and tests.
 */
export interface OutgoingMessage {
  readonly channel: 'email' | 'post';
  /** An e-mail address, or the postal address (one line per line of the envelope). */
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
}

export function queueMessage(db: SqliteDatabase, message: OutgoingMessage, now: Date): void {
  db.prepare('INSERT INTO outbox (created_at, channel, recipient, subject, body) VALUES (?, ?, ?, ?, ?)').run(
    now.toISOString(),
    message.channel,
    message.recipient,
    message.subject,
    message.body,
  );
}

/** A link into the host page (`APP_URL`) that the page routes by its hash, e.g. `#valider-adresse-email?token=…`. */
export function appLink(appUrl: string, route: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/#${route}?token=${token}`;
}

export const SIGNATURE = '\n\nL’Assurance Maladie';

/** The latest messages, newest first (the demo's mailbox). */
export function readOutbox(db: SqliteDatabase, limit = 100): (OutgoingMessage & { seq: number; createdAt: string })[] {
  return db.prepare('SELECT seq, created_at AS createdAt, channel, recipient, subject, body FROM outbox ORDER BY seq DESC LIMIT ?').all(limit) as (OutgoingMessage & {
    seq: number;
    createdAt: string;
  })[];
}
