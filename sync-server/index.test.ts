import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startServerProcess } from './testing/server-process.ts';

describe('sync server process (npm run sync-server)', () => {
  it('creates DATABASE with its folder, seeds the demo, serves HTTP and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teleservices-process-'));
    const databasePath = join(dir, 'deep', 'folder', 'demo.sqlite');
    try {
      const server = await startServerProcess({ DATABASE: databasePath, SEED: 'demo' });
      const response = await fetch(`${server.url}/api/health`);
      assert.equal(response.status, 200);
      assert.match(server.output(), /demo accounts seeded/);
      assert.equal(await server.stop('SIGTERM'), 0, server.output());
      assert.match(server.output(), /stopped/);
      assert.equal(existsSync(databasePath), true);
      const db = new Database(databasePath, { readonly: true });
      assert.equal((db.prepare("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@demo.test'").get() as { n: number }).n, 15, 'six accounts, a director, two délégués, the group practice’s two doctors, three former pharmacy and laboratory accounts and one administrative account');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops cleanly on SIGINT too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teleservices-process-'));
    try {
      const server = await startServerProcess({ DATABASE: join(dir, 'x.sqlite') });
      assert.equal(await server.stop('SIGINT'), 0, server.output());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad PORT with a one-line message and exit code 1', async () => {
    await assert.rejects(startServerProcess({ PORT: 'eighty', DATABASE: ':memory:' }), (error: Error) => {
      assert.match(error.message, /exited with 1/);
      assert.match(error.message, /PORT must be a TCP port number/);
      assert.doesNotMatch(error.message, /at .*\.ts:\d+/);
      return true;
    });
  });
});
