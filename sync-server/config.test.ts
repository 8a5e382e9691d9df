import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';

const refused = (env: NodeJS.ProcessEnv, message: RegExp) =>
  assert.throws(() => readConfig(env), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, message);
    return true;
  });

it('selects PostgreSQL with DATABASE_URL, the SQLite file without', () => {
  const postgres = readConfig({ DATABASE_URL: 'postgres://teleservices@db.internal/teleservices' });
  assert.equal(postgres.databaseUrl, 'postgres://teleservices@db.internal/teleservices');
  assert.equal(postgres.databasePoolSize, 10);
  assert.equal(readConfig({ DATABASE_URL: 'postgresql://db.internal/t', DATABASE_POOL_SIZE: '25' }).databasePoolSize, 25);
  const sqlite = readConfig({});
  assert.equal(sqlite.databaseUrl, null);
  assert.match(sqlite.databasePath, /teleservices\.sqlite$/);
});

it('refuses a DATABASE_URL that is not PostgreSQL’s, a pool size that is not a number of connections, and the demo seed on PostgreSQL', () => {
  refused({ DATABASE_URL: 'mysql://db.internal/teleservices' }, /DATABASE_URL must be a PostgreSQL URL/);
  refused({ DATABASE_URL: 'postgres://db.internal/t', DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be a whole number of connections \(1–1000\), not "0"/);
  refused({ DATABASE_URL: 'postgres://db.internal/t', DATABASE_POOL_SIZE: 'many' }, /DATABASE_POOL_SIZE/);
  refused({ DATABASE_URL: 'postgres://db.internal/t', SEED: 'demo' }, /SEED=demo seeds the SQLite file only.*teleservices-sqlite-to-postgres/);
});
