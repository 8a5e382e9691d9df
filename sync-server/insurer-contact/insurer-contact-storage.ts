import type { SqliteDatabase } from '../db/database.ts';
import { queueMessage, type OutgoingMessage } from '../outbox/outbox.ts';
import { writeAudit } from '../storage/sqlite-audit.ts';
import type { AuditEntry } from '../storage/storage.ts';

/** What « Contacter l'Assurance Maladie » needs of a database (the contract: `storage/storage.ts`). */
export interface InsurerContactStorage {
  /** One transaction: the e-mail to the office in the outbox, and its audit row. */
  send(mail: OutgoingMessage, audit: AuditEntry): Promise<void>;
}

export class SqliteInsurerContactStore implements InsurerContactStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async send(mail: OutgoingMessage, audit: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      queueMessage(this.db, mail, new Date(audit.at));
      writeAudit(this.db, audit);
    })();
  }
}
