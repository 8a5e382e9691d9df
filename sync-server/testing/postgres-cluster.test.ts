import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { findPostgresBinaries, postgresUnavailableReason, removeLeftoverClusters, startPostgresCluster } from './postgres-cluster.ts';

const skip = findPostgresBinaries() === null ? 'PostgreSQL binaries not found' : false;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('throwaway PostgreSQL cluster', { skip }, () => {
  test('starts in a temporary folder, hands out fresh databases, and leaves nothing once stopped', async () => {
    const cluster = startPostgresCluster();
    try {
      const first = await cluster.createDatabase();
      const second = await cluster.createDatabase();
      assert.notEqual(first.name, second.name);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      assert.equal(rows[0]!.db, first.name);
      await client.end();
      await first.drop();
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      const names = (await admin.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname);
      await admin.end();
      assert.ok(!names.includes(first.name) && names.includes(second.name));
    } finally {
      cluster.stop();
    }
    assert.equal(existsSync(cluster.dir), false);
  });

  test('a cluster left running by a killed run is stopped and removed by the next start', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', "const { startPostgresCluster } = await import('./sync-server/testing/postgres-cluster.ts'); console.log(startPostgresCluster().dir); setInterval(() => {}, 1000);"],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const dir = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting a cluster`)));
    });
    const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.ok(isAlive(postmaster), 'the killed run left its server running');

    assert.ok(removeLeftoverClusters().includes(dir));
    assert.equal(existsSync(dir), false);
    assert.equal(isAlive(postmaster), false);
  });
});

test('without the binaries, the PostgreSQL suites say why they are skipped and a cluster refuses to start with the reason', () => {
  const saved = { bin: process.env['PG_BIN'], shared: process.env['TELESERVICES_TEST_POSTGRES'] };
  process.env['PG_BIN'] = '/nonexistent/postgresql/bin';
  delete process.env['TELESERVICES_TEST_POSTGRES'];
  try {
    assert.match(postgresUnavailableReason() ?? '', /PostgreSQL binaries not found.*postgresql package.*PG_BIN/);
    assert.throws(() => startPostgresCluster(), /PostgreSQL binaries not found/);
  } finally {
    for (const [name, value] of [['PG_BIN', saved.bin], ['TELESERVICES_TEST_POSTGRES', saved.shared]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});
