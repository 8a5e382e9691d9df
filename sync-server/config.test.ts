import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';

it('refuses to start on DATABASE_URL while PostgreSQL does not hold every store, rather than quietly use SQLite', () => {
  assert.throws(() => readConfig({ DATABASE_URL: 'postgres://teleservices@db.internal/teleservices' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /does not run on PostgreSQL yet.*Unset DATABASE_URL/);
    return true;
  });
  assert.match(readConfig({}).databasePath, /teleservices\.sqlite$/);
});
