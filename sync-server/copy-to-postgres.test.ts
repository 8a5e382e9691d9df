import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import pg from 'pg';
import { seededTemplate } from './testing/demo-app.ts';
import { createTempDatabase } from './testing/temp-database.ts';
import { createTestDatabase, skipWithoutPostgres } from './testing/test-postgres.ts';

const ENTRY = fileURLToPath(new URL('./copy-to-postgres.ts', import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('teleservices-sqlite-to-postgres: moving a SQLite database to PostgreSQL', { skip: skipWithoutPostgres }, () => {
  it('copies the SQLite file into the empty PostgreSQL database and says what it copied', async () => {
    const seeded = await seededTemplate({ fiches: true });
    const temp = createTempDatabase((path) => {
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(seeded, path);
    });
    const database = await createTestDatabase();
    try {
      const fiches = (temp.db.prepare('SELECT count(*) AS n FROM fiches').get() as { n: number }).n;
      // A former pharmacy account already migrated (situation 1), the two others still to migrate.
      temp.db.exec(`UPDATE users SET account_kind = 'responsable' WHERE id = 'u-pharmacie-halles';
        INSERT INTO account_migrations (user_id, structure_id, situation, sign_in, account_kind, migrated_at) VALUES ('u-pharmacie-halles', 's-pharmacie-halles', 1, 'cps', 'responsable', '2026-12-01T10:00:00.000Z')`);
      temp.db.close();
      const { code, output } = await run({ DATABASE: temp.path, DATABASE_URL: database.url });
      assert.equal(code, 0, output);
      assert.match(output, new RegExp(`fiches: ${fiches}\\n`));
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query("SELECT email FROM users WHERE id = 'u-martin'");
      const professional = await client.query("SELECT contract_status, approvals FROM directory_professionals WHERE id = 'p-martin'");
      const place = await client.query("SELECT phone, approvals FROM structures WHERE id = 's-pharmacie-centrale'");
      const former = await client.query("SELECT id, account_kind AS kind FROM users WHERE id IN ('u-pharmacie-halles', 'u-labo-coteaux', 'u-pharmacie-gare') ORDER BY id");
      const migrations = await client.query('SELECT user_id, situation, sign_in, account_kind, migrated_at, acknowledged_at FROM account_migrations');
      await client.end();
      assert.deepEqual(rows, [{ email: 'dr.martin@demo.test' }]);
      assert.deepEqual(professional.rows, [{ contract_status: 'secteur_1', approvals: '["radio"]' }], 'the professional information comes along');
      assert.deepEqual(place.rows, [{ phone: '01 42 72 03 18', approvals: '["vaccination","tests_antigeniques"]' }]);
      assert.match(output, /account_migrations: 1\n/);
      assert.deepEqual(former.rows, [
        { id: 'u-labo-coteaux', kind: 'ancien' },
        { id: 'u-pharmacie-gare', kind: 'ancien' },
        { id: 'u-pharmacie-halles', kind: 'responsable' },
      ]);
      assert.deepEqual(migrations.rows, [{ user_id: 'u-pharmacie-halles', situation: 1, sign_in: 'cps', account_kind: 'responsable', migrated_at: '2026-12-01T10:00:00.000Z', acknowledged_at: null }]);

      const again = await run({ DATABASE: temp.path, DATABASE_URL: database.url });
      assert.equal(again.code, 1);
      assert.match(again.output, /not empty/);
    } finally {
      temp.dispose();
      await database.drop();
    }
  });

  it('says how to call it, and refuses a SQLite file that does not exist (rather than copy an empty one)', async () => {
    const usage = await run({ DATABASE: '', DATABASE_URL: '' });
    assert.equal(usage.code, 2);
    assert.match(usage.output, /Usage: DATABASE=.* DATABASE_URL=postgres:/);
    const missing = await run({ DATABASE: '/nonexistent/teleservices.sqlite', DATABASE_URL: 'postgres://nobody@localhost/none' });
    assert.equal(missing.code, 1);
    assert.match(missing.output, /no SQLite database at \/nonexistent\/teleservices.sqlite/);
  });
});
