import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/database.ts';
import type { AuditEntry } from './storage.ts';

const insertAudit = new WeakMap<SqliteDatabase, Statement>();

/** Writes one audit row (in the caller's transaction, when there is one). */
export function writeAudit(db: SqliteDatabase, entry: AuditEntry): void {
  let statement = insertAudit.get(db);
  if (!statement) {
    statement = db.prepare('INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insertAudit.set(db, statement);
  }
  statement.run(entry.at, entry.actorId, entry.onBehalfOfId ?? null, entry.structureId ?? null, entry.action, entry.collection ?? null, entry.documentId ?? null, entry.changes ?? '{}');
}
