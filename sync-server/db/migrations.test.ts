import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createTempDatabase } from '../testing/temp-database.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS, migrate, schemaVersion } from './migrations.ts';

describe('database and migrations', () => {
  it('creates the file and its folder, in WAL mode, at the latest schema version', () => {
    const temp = createTempDatabase();
    try {
      assert.equal(existsSync(temp.path), true);
      assert.equal(temp.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(schemaVersion(temp.db), MIGRATIONS.at(-1)!.version);
      const tables = (temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      for (const table of ['structures', 'users', 'sessions', 'audit', 'outbox']) assert.ok(tables.includes(table), table);
    } finally {
      temp.dispose();
    }
  });

  it('applies nothing twice when the file is reopened, and keeps the data', () => {
    const temp = createTempDatabase();
    try {
      temp.db.prepare("INSERT INTO structures (id, kind, name) VALUES ('s1', 'cabinet', 'Cabinet')").run();
      temp.db.close();
      const reopened = openDatabase(temp.path);
      assert.deepEqual(migrate(reopened), []);
      assert.equal((reopened.prepare('SELECT COUNT(*) AS n FROM structures').get() as { n: number }).n, 1);
      reopened.close();
    } finally {
      temp.dispose();
    }
  });

  it('rolls a failing migration back entirely and leaves the version unchanged', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: 99, description: 'broken', up: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    migrate(db);
    assert.throws(() => migrate(db, broken));
    assert.equal(schemaVersion(db), MIGRATIONS.at(-1)!.version);
    const half = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get() as { n: number };
    assert.equal(half.n, 0);
    db.close();
  });

  it('refuses to open a database written by a newer server', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    assert.throws(() => migrate(db), /newer than this server/);
    db.close();
  });
});
