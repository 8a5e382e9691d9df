import Database from 'better-sqlite3';
import { copySqliteToPostgres } from '../db/postgres/copy-from-sqlite.ts';
import { openPostgresBackend, type PostgresBackend } from '../db/postgres/postgres-backend.ts';
import { openPostgres } from '../db/postgres/postgres-database.ts';
import { createTestDatabase, skipWithoutPostgres } from './test-postgres.ts';

/**
 * The back ends the server's suites run on: SQLite, and PostgreSQL where its binaries are
 * installed (skipped with the reason otherwise). A suite runs once per back end:
 * `for (const backend of TEST_BACKENDS) describe(`…${backend.label}`, { skip: backend.skip }, …)`.
 */
export const TEST_BACKENDS = [
  { name: 'sqlite', label: '', skip: false },
  { name: 'postgres', label: ' (PostgreSQL)', skip: skipWithoutPostgres },
] as const satisfies readonly { name: string; label: string; skip: string | false }[];

export type TestBackend = (typeof TEST_BACKENDS)[number]['name'];

/** One PostgreSQL database per process and seeded SQLite template, holding the same rows, cloned for each test. */
const templates = new Map<string, Promise<string>>();
function postgresTemplate(seededPath: string): Promise<string> {
  let template = templates.get(seededPath);
  if (!template) {
    template = (async () => {
      const seeded = new Database(seededPath, { readonly: true });
      const database = await createTestDatabase();
      const pool = await openPostgres(database.url, { max: 1 });
      try {
        await copySqliteToPostgres(seeded, pool);
      } finally {
        seeded.close();
        await pool.end();
      }
      return database.name;
    })();
    templates.set(seededPath, template);
  }
  return template;
}

/** A server instance on a PostgreSQL database, as `DATABASE_URL` opens it (a small pool). */
export function postgresInstance(url: string): Promise<PostgresBackend> {
  return openPostgresBackend(url, { poolSize: 4, outboxKey: null });
}

/** A fresh PostgreSQL database holding what the seeded SQLite file `seededPath` holds (`seededTemplate`). */
export async function seededPostgres(seededPath: string) {
  return createTestDatabase(await postgresTemplate(seededPath));
}
