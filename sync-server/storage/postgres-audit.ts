import type pg from 'pg';
import type { AuditEntry } from './storage.ts';

/** Writes audit rows in one statement, in the transaction of `client` (PostgreSQL). */
export async function writePostgresAudits(client: Pick<pg.PoolClient, 'query'>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <K extends keyof AuditEntry>(key: K) => entries.map((entry) => entry[key] ?? null);
  await client.query(
    `INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes)
     SELECT at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, COALESCE(changes, '{}')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS a(at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes)`,
    [column('at'), column('actorId'), column('onBehalfOfId'), column('structureId'), column('action'), column('collection'), column('documentId'), column('changes')],
  );
}
