import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../db/database.ts';

/**
 * The outbox's bodies carry secrets until they are sent — reset, validation and invitation
 * links, a letter's temporary password — so they are stored encrypted (AES-256-GCM) with a key
 * that never touches the database: `OUTBOX_KEY` (32 bytes, base64 or hex). Without it, each
 * process draws a random key: what was queued before a restart can then no longer be read nor
 * sent (the links in it are lost; the user asks again). Once an e-mail is sent, its body is erased.
 */
export const OUTBOX_KEY_BYTES = 32;
const SEALED = 'sealed:v1:';

const processKey = randomBytes(OUTBOX_KEY_BYTES);
/** The key of each outbox: a SQLite database, or a PostgreSQL pool (`db/postgres/postgres-outbox.ts`). */
const keys = new WeakMap<object, Buffer>();

/** Reads `OUTBOX_KEY`: 32 bytes written in base64 (44 characters) or hex (64); null when unset. */
export function parseOutboxKey(text: string | undefined): Buffer | null {
  if (!text) return null;
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === OUTBOX_KEY_BYTES ? key : null;
}

/** The key of the outbox that `owner` (a PostgreSQL pool) holds, from now on (`OUTBOX_KEY`); without one, this process's random key. */
export function setOutboxKey(owner: object, key: Buffer | null): void {
  if (key) keys.set(owner, key);
}

/**
 * The key of `db`'s outbox from now on (`OUTBOX_KEY`); without one, this process's random key.
 * Bodies written in clear by an older version are sealed, and the bodies of sent e-mails erased.
 */
export function useOutboxKey(db: SqliteDatabase, key: Buffer | null): void {
  if (key) keys.set(db, key);
  db.transaction(() => {
    const plain = db.prepare(`SELECT seq, body FROM outbox WHERE sent_at IS NULL AND body <> '' AND body NOT LIKE '${SEALED}%'`).all() as { seq: number; body: string }[];
    const seal = db.prepare('UPDATE outbox SET body = ? WHERE seq = ?');
    for (const row of plain) seal.run(sealBody(db, row.body), row.seq);
    db.prepare("UPDATE outbox SET body = '' WHERE sent_at IS NOT NULL AND body <> ''").run();
  })();
}

const keyOf = (owner: object) => keys.get(owner) ?? processKey;

/** `owner`: the outbox's database (SQLite) or pool (PostgreSQL), whose key seals it. */
export function sealBody(owner: object, body: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(owner), iv);
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return `${SEALED}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The body in clear, or null when it was sealed with another key (a restart without `OUTBOX_KEY`). */
export function openBody(owner: object, stored: string): string | null {
  if (!stored.startsWith(SEALED)) return stored;
  const [iv, tag, sealed] = stored.slice(SEALED.length).split('.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(owner), Buffer.from(iv ?? '', 'base64url'));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
