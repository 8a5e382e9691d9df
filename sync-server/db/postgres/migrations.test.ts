import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MIGRATIONS, migrate } from '../migrations.ts';
import { createTestDatabase, skipWithoutPostgres } from '../../testing/test-postgres.ts';
import { POSTGRES_MIGRATIONS, migratePostgres, postgresSchemaVersion } from './migrations.ts';
import { openPostgres } from './postgres-database.ts';

type Column = { table: string; column: string; notNull: boolean };

function sqliteColumns(): Column[] {
  const db = new Database(':memory:');
  migrate(db);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  const columns = tables.flatMap((table) =>
    (db.prepare(`SELECT name, "notnull", pk FROM pragma_table_info(?)`).all(table) as { name: string; notnull: number; pk: number }[]).map((c) => ({
      table,
      column: c.name,
      // SQLite lets a TEXT primary key be NULL; PostgreSQL does not: a key is never null in either's data.
      notNull: c.notnull === 1 || c.pk > 0,
    })),
  );
  db.close();
  return columns;
}

async function postgresColumns(pool: pg.Pool): Promise<Column[]> {
  const { rows } = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
    "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'",
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, notNull: r.is_nullable === 'NO' }));
}

const sorted = (columns: Column[]) => columns.map((c) => `${c.table}.${c.column}${c.notNull ? ' NOT NULL' : ''}`).sort();

describe('PostgreSQL schema and migrations', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const pools: pg.Pool[] = [];
  const open = async () => {
    const pool = await openPostgres(database.url, { max: 2 });
    pools.push(pool);
    return pool;
  };
  const plain = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    pools.push(pool);
    return pool;
  };

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  it('reaches the same version as SQLite, with the same tables, columns and required columns', async () => {
    const pool = await open();
    assert.equal(await postgresSchemaVersion(pool), MIGRATIONS.at(-1)!.version);
    assert.equal(POSTGRES_MIGRATIONS.at(-1)!.version, MIGRATIONS.at(-1)!.version, 'a migration added to SQLite must be added to PostgreSQL too');
    assert.deepEqual(sorted(await postgresColumns(pool)), sorted(sqliteColumns()));
  });

  it('applies nothing twice when reopened, and keeps the data', async () => {
    const pool = await open();
    await pool.query("INSERT INTO structures (id, kind, name) VALUES ('s1', 'cabinet', 'Cabinet')");
    assert.deepEqual(await migratePostgres(pool), []);
    const again = await open();
    assert.equal((await again.query<{ n: number }>('SELECT count(*) AS n FROM structures')).rows[0]!.n, 1);
  });

  it('rolls a failing migration back entirely and leaves the version unchanged', async () => {
    const pool = await open();
    const broken = [...POSTGRES_MIGRATIONS, { version: 99, description: 'broken', up: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    await assert.rejects(migratePostgres(pool, broken), /nowhere/);
    assert.equal(await postgresSchemaVersion(pool), POSTGRES_MIGRATIONS.at(-1)!.version);
    assert.equal((await pool.query("SELECT to_regclass('half') AS t")).rows[0]!.t, null);
  });

  it('refuses a database written by a newer server', async () => {
    const pool = await open();
    await pool.query("INSERT INTO schema_migrations (version, description) VALUES (999, 'from the future')");
    try {
      await assert.rejects(openPostgres(database.url), /newer than this server/);
    } finally {
      await pool.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('instances starting at once on an empty database migrate it once', async () => {
    const fresh = await createTestDatabase();
    try {
      const [a, b, c] = [0, 1, 2].map(() => new pg.Pool({ connectionString: fresh.url, max: 1 }));
      const applied = await Promise.all([a!, b!, c!].map((pool) => migratePostgres(pool)));
      assert.deepEqual(applied.map((versions) => versions.length).sort(), [0, 0, POSTGRES_MIGRATIONS.length]);
      assert.equal(await postgresSchemaVersion(a!), MIGRATIONS.at(-1)!.version);
      await Promise.all([a!, b!, c!].map((pool) => pool.end()));
    } finally {
      await fresh.drop();
    }
  });

  it('reads sequence numbers as numbers', async () => {
    const pool = await open();
    assert.equal((await pool.query("SELECT value FROM change_sequence WHERE name = 'changes'")).rows[0]!.value, 0);
    assert.equal(typeof (await plain().query("SELECT value FROM change_sequence WHERE name = 'changes'")).rows[0]!.value, 'string', 'only this pool parses them');
  });
});
