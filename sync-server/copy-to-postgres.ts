#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from './db/database.ts';
import { copySqliteToPostgres } from './db/postgres/copy-from-sqlite.ts';
import { isPostgresUrl, openPostgres } from './db/postgres/postgres-database.ts';

/**
 * `teleservices-sqlite-to-postgres` (`npx teleservices-sqlite-to-postgres`): moves an existing
 * SQLite database to PostgreSQL. Reads the SQLite file `DATABASE` (the server's setting) and
 * copies it into the empty database `DATABASE_URL`, both brought to this version's schema first,
 * in one transaction. Stop the server first: what it writes during the copy would not be copied.
 */
async function main(): Promise<number> {
  const source = process.env['DATABASE'];
  const target = process.env['DATABASE_URL'];
  if (!source || !isPostgresUrl(target)) {
    console.error('Usage: DATABASE=./data/teleservices.sqlite DATABASE_URL=postgres://user@host/db teleservices-sqlite-to-postgres');
    return 2;
  }
  const path = resolve(source);
  if (!existsSync(path)) {
    console.error(`[copy] no SQLite database at ${path}`);
    return 1;
  }
  const sqlite = openDatabase(path);
  const pool = await openPostgres(target, { max: 1 });
  try {
    const copied = await copySqliteToPostgres(sqlite, pool);
    for (const [table, rows] of Object.entries(copied)) console.log(`[copy] ${table}: ${rows}`);
    console.log(`[copy] done: ${Object.values(copied).reduce((a, b) => a + b, 0)} rows from ${path}`);
    return 0;
  } finally {
    sqlite.close();
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[copy] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
