import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { insert, patientZero } from '../domain/testing/fiche-fixtures.ts';
import { seededTemplate } from './testing/demo-app.ts';
import { seededPostgres } from './testing/postgres-stores.ts';
import { startServerProcess, type RunningServer } from './testing/server-process.ts';
import { skipWithoutPostgres } from './testing/test-postgres.ts';

type Json = Record<string, any>;

/**
 * `DATABASE_URL` end to end: the real server process (`npm run sync-server`) on a throwaway
 * PostgreSQL database holding the demo accounts — two of them, as behind a load balancer — signed
 * in to, pushed to and pulled from over HTTP; nothing written to a SQLite file.
 */
describe('the sync server process on PostgreSQL (DATABASE_URL)', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof seededPostgres>>;
  let servers: RunningServer[] = [];
  const sqlitePath = join(mkdtempSync(join(tmpdir(), 'teleservices-pg-process-')), 'never-written.sqlite');
  before(async () => {
    database = await seededPostgres(await seededTemplate());
    // A password in the URL (the test cluster trusts local connections: it is not checked), never printed.
    const env = { DATABASE_URL: database.url.replace('postgres://postgres@', 'postgres://postgres:mot-de-passe-secret@'), DATABASE_POOL_SIZE: '3', DATABASE: sqlitePath, SIMULATED_CPS: '1', OUTBOX_KEY: Buffer.alloc(32, 7).toString('base64') };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  after(async () => {
    for (const server of servers) await server.stop();
    await database?.drop();
  });

  const call = async (server: RunningServer, path: string, init: { token?: string; json?: unknown } = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.json === undefined ? 'GET' : 'POST',
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  it('says where it keeps its data, without the password, and answers its health from PostgreSQL', async () => {
    assert.match(servers[0]!.output(), /listening on http:\/\/127\.0\.0\.1:\d+ — database PostgreSQL localhost\/\w+ \(pool of 3\)/);
    assert.doesNotMatch(servers[0]!.output(), /mot-de-passe-secret/);
    const health = await call(servers[0]!, '/api/health');
    assert.equal(health.status, 200);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT max(version) AS version FROM schema_migrations');
      assert.equal(health.body['schemaVersion'], rows[0].version);
    } finally {
      await client.end();
    }
  });

  it('signs in on one instance, pushes through it, pulls from the other; a session works on both', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const signIn = await call(a, '/api/auth/login', { json: { identifier: 'dr.martin@demo.test', password: 'Medecin#2026' } });
    assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
    const token = signIn.body['token'] as string;
    const fiche = patientZero();
    const pushed = await call(a, '/api/replication/fiches/push', { token, json: [insert(fiche)] });
    assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
    const pulled = await call(b, '/api/replication/fiches/pull?limit=100', { token });
    assert.equal(pulled.status, 200);
    assert.deepEqual(
      pulled.body['documents'].filter((d: Json) => d.id === fiche['id']).map((d: Json) => [d.declarantId, d.lastName]),
      [['u-martin', fiche['lastName']]],
    );
    const signOut = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    assert.equal(signOut.status, 204);
    assert.equal((await call(a, '/api/replication/fiches/pull', { token })).status, 401, 'signed out on one instance, refused on the other');
  });

  it('stops cleanly on SIGTERM, its pool and LISTEN connection closed', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const connections = async () => (await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows[0].n as number;
      assert.ok((await connections()) >= 2, 'each instance listens');
      for (const server of servers) assert.equal(await server.stop('SIGTERM'), 0, server.output());
      assert.match(servers[0]!.output(), /stopped/);
      assert.equal(existsSync(sqlitePath), false, 'no SQLite file written beside PostgreSQL');
      for (let tries = 0; (await connections()) > 0; tries += 1) {
        assert.ok(tries < 200, 'every connection of the instances closed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await client.end();
    }
  });
});
