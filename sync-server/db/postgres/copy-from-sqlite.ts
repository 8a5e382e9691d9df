import type pg from 'pg';
import type { SqliteDatabase } from '../database.ts';
import { schemaVersion } from '../migrations.ts';
import { postgresSchemaVersion } from './migrations.ts';

/**
 * Every table of the schema, parents before the tables that reference them: the order rows are
 * copied in. `copy-from-sqlite.test.ts` checks that it names every table of both schemas.
 */
export const TABLES_IN_COPY_ORDER = [
  'structures',
  'directory_professionals',
  'directory_memberships',
  'users',
  'user_structures',
  'account_migrations',
  'delegations',
  'delegation_structures',
  'delegation_transitions',
  'delegation_invitations',
  'sessions',
  'password_resets',
  'email_validations',
  'account_tickets',
  'audit',
  'outbox',
  'change_sequence',
  'fiches',
  'fiche_access',
  'fiche_revocations',
  'ems_threads',
  'ems_messages',
  'insured_people',
  'card_holder_attempts',
  'strong_auth_flows',
  'unknown_identifier_attempts',
  'rate_limit_windows',
] as const;

/** Numbered by an identity column on PostgreSQL (AUTOINCREMENT on SQLite): copied as they are, the identity moved past them. */
const IDENTITY_TABLES = new Set(['audit', 'outbox', 'delegation_transitions']);

const ROWS_PER_STATEMENT = 500;

/**
 * Copies a SQLite database into an empty PostgreSQL one at the same schema version, in one
 * transaction (all or nothing): every row of every table, the change sequence where it stood,
 * the audit and outbox numbers kept. Returns the number of rows copied per table.
 */
export async function copySqliteToPostgres(sqlite: SqliteDatabase, pool: pg.Pool): Promise<Record<string, number>> {
  const [from, to] = [schemaVersion(sqlite), await postgresSchemaVersion(pool)];
  if (from !== to) throw new Error(`The SQLite database is at schema version ${from} and PostgreSQL at ${to}: open both with this server version first.`);
  const client = await pool.connect();
  const copied: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    for (const table of TABLES_IN_COPY_ORDER) {
      if (table === 'change_sequence') continue;
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS filled`);
      if (rows[0].filled) throw new Error(`PostgreSQL's table ${table} is not empty: the copy goes into an empty database.`);
    }
    for (const table of TABLES_IN_COPY_ORDER) {
      const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      const select = sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}`).raw(true);
      if (table === 'change_sequence') {
        for (const [name, value] of select.iterate() as Iterable<[string, number]>) {
          await client.query('UPDATE change_sequence SET value = $2 WHERE name = $1', [name, value]);
        }
        continue;
      }
      const overriding = IDENTITY_TABLES.has(table) ? 'OVERRIDING SYSTEM VALUE' : '';
      let batch: unknown[][] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) ${overriding} VALUES ${values}`, batch.flat());
        count += batch.length;
        batch = [];
      };
      for (const row of select.iterate() as Iterable<unknown[]>) {
        batch.push(row.map((value) => (typeof value === 'bigint' ? Number(value) : value)));
        if (batch.length === ROWS_PER_STATEMENT) await flush();
      }
      await flush();
      if (IDENTITY_TABLES.has(table)) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'seq'), GREATEST((SELECT max(seq) FROM ${table}), 1), (SELECT max(seq) FROM ${table}) IS NOT NULL)`);
      }
      copied[table] = count;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return copied;
}
