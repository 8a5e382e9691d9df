import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqliteDatabase } from '../database.ts';
import { createTempDatabase } from '../../testing/temp-database.ts';
import { seededTemplate } from '../../testing/demo-app.ts';
import { createTestDatabase, skipWithoutPostgres } from '../../testing/test-postgres.ts';
import { TABLES_IN_COPY_ORDER, copySqliteToPostgres } from './copy-from-sqlite.ts';
import { openPostgres } from './postgres-database.ts';

const rowsOf = (table: string) => `SELECT * FROM ${table} ORDER BY 1, 2`;

describe('copying a SQLite database into PostgreSQL', { skip: skipWithoutPostgres }, () => {
  let temp: ReturnType<typeof createTempDatabase>;
  let sqlite: SqliteDatabase;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;

  before(async () => {
    // The demo's accounts and files, and a row in the tables the demo seed leaves empty.
    const seeded = await seededTemplate({ fiches: true });
    temp = createTempDatabase((path) => {
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(seeded, path);
    });
    sqlite = temp.db;
    const [user, fiche] = [(sqlite.prepare('SELECT id FROM users LIMIT 1').get() as { id: string }).id, (sqlite.prepare('SELECT id FROM fiches LIMIT 1').get() as { id: string }).id];
    sqlite.exec(`
      INSERT INTO audit (at, actor_id, action, collection, document_id, changes) VALUES ('2026-12-01T10:00:00.000Z', '${user}', 'create', 'fiches', '${fiche}', '{"a":1}'), ('2026-12-01T10:01:00.000Z', '${user}', 'open', 'fiches', '${fiche}', '{}');
      INSERT INTO outbox (created_at, channel, recipient, subject, body, attempts, last_error) VALUES ('2026-12-01T10:00:00.000Z', 'email', 'a@b.test', 'Objet', 'corps', 2, 'refused');
      INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at) VALUES ('hash', '${user}', 1, '2026-12-01T10:00:00.000Z', '2026-12-02T10:00:00.000Z');
      INSERT INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) VALUES ('${user}', '${fiche}', '2026-12-01T10:00:00.000Z', 'search', 3);
      INSERT INTO fiche_revocations (seq, user_id, fiche_id) VALUES (90, '${user}', '${fiche}');
      UPDATE change_sequence SET value = 90;
      INSERT INTO account_migrations (user_id, structure_id, situation, sign_in, account_kind, migrated_at, acknowledged_at) VALUES ('u-labo-coteaux', 's-labo-coteaux', 2, 'password', 'administratif', '2026-12-01T10:00:00.000Z', '2026-12-01T10:01:00.000Z');
    `);
    database = await createTestDatabase();
    pool = await openPostgres(database.url, { max: 2 });
  });
  after(async () => {
    temp?.dispose();
    await pool?.end();
    await database?.drop();
  });

  it('names every table of the schema, parents first', () => {
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    assert.deepEqual([...TABLES_IN_COPY_ORDER].sort(), tables.sort());
  });

  it('copies every row of every table as it is, the change sequence where it stood, and numbers go on from there', async () => {
    const copied = await copySqliteToPostgres(sqlite, pool);
    for (const table of ['users', 'structures', 'fiches', 'fiche_access', 'fiche_revocations', 'audit', 'outbox', 'sessions', 'insured_people', 'account_migrations']) {
      assert.ok(copied[table]! > 0, `${table}: ${JSON.stringify(copied)}`);
    }
    const professionalInformation = "SELECT p.contract_status, p.approvals, s.phone, s.approvals AS place_approvals FROM directory_professionals p JOIN directory_memberships m ON m.professional_id = p.id JOIN structures s ON s.id = m.structure_id WHERE p.id = 'p-martin'";
    assert.deepEqual((await pool.query(professionalInformation)).rows, [{ contract_status: 'secteur_1', approvals: '["radio"]', phone: '01 43 07 12 34', place_approvals: '[]' }], 'the professional information is copied');
    for (const table of TABLES_IN_COPY_ORDER) {
      const expected = sqlite.prepare(rowsOf(table)).all();
      const actual = (await pool.query(rowsOf(table))).rows;
      assert.deepEqual(actual.map((row) => ({ ...row })), expected, table);
    }
    const lastAudit = (sqlite.prepare('SELECT max(seq) AS seq FROM audit').get() as { seq: number }).seq;
    const next = await pool.query<{ seq: number }>("INSERT INTO audit (at, action) VALUES ('2026-12-07T00:00:00.000Z', 'copied') RETURNING seq");
    assert.equal(next.rows[0]!.seq, lastAudit + 1);
  });

  it('refuses to copy into a database that holds data, and leaves it as it was', async () => {
    const before = (await pool.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]!.n;
    await assert.rejects(copySqliteToPostgres(sqlite, pool), /not empty/);
    assert.equal((await pool.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]!.n, before);
  });
});
