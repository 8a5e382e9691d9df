import type pg from 'pg';
import { transaction } from '../db/postgres/sequenced-transaction.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import { queuePostgresMessages } from '../outbox/postgres-outbox.ts';
import { writePostgresAudits } from '../storage/postgres-audit.ts';
import type { AuditEntry } from '../storage/storage.ts';
import type { InsurerContactStorage } from './insurer-contact-storage.ts';

/** `InsurerContactStorage` on PostgreSQL: the e-mail and its audit row in one transaction. */
export class PostgresInsurerContactStore implements InsurerContactStorage {
  constructor(private readonly pool: pg.Pool) {}

  async send(mail: OutgoingMessage, audit: AuditEntry): Promise<void> {
    await transaction(this.pool, async (client) => {
      await queuePostgresMessages(client, this.pool, [mail], audit.at);
      await writePostgresAudits(client, [audit]);
    });
  }
}
