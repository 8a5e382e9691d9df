import type { SqliteDatabase } from '../db/database.ts';
import { openBody, sealBody } from './outbox-key.ts';

/**
 * The outbox: every e-mail and postal letter the server sends, written in the same transaction
 * as the change that causes it, with its rendered French text — encrypted (`outbox-key.ts`: it
 * may hold a link or a temporary password) and erased once sent. A transport (SMTP, the postal
 * service's API) reads and marks it; in this repository it is read by the demo and tests.
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
    sealBody(db, message.body),
  );
}

/** A link into the host page (`APP_URL`) that the page routes by its hash, e.g. `#valider-adresse-email?token=…`. */
export function appLink(appUrl: string, route: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/#${route}?token=${token}`;
}

export const SIGNATURE = '\n\nL’Assurance Maladie';

/** What a body sealed with another key reads as (the key changed: a restart without `OUTBOX_KEY`). */
export const UNREADABLE_BODY = '(illisible : chiffré avec une autre clé OUTBOX_KEY)';

/** The latest messages, newest first, in clear (the demo's mailbox; an erased body reads ''). */
export function readOutbox(db: SqliteDatabase, limit = 100): (OutgoingMessage & { seq: number; createdAt: string })[] {
  const rows = db.prepare('SELECT seq, created_at AS createdAt, channel, recipient, subject, body FROM outbox ORDER BY seq DESC LIMIT ?').all(limit) as (OutgoingMessage & {
    seq: number;
    createdAt: string;
  })[];
  return rows.map((row) => ({ ...row, body: openBody(db, row.body) ?? UNREADABLE_BODY }));
}
