import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster in a temporary folder, for the tests and the bench: `initdb`,
 * a server listening on a Unix socket in that folder only (no TCP port to collide with), one
 * fresh database per test, and the folder removed when it stops — also when the process exits
 * without stopping it. A cluster left behind by a killed run (its owner process is gone) is
 * stopped and removed by the next start.
 *
 * The binaries are Debian's `postgresql` package (`/usr/lib/postgresql/<version>/bin`), or
 * the folder named by `PG_BIN`. The server refuses to run as root: as root, the cluster runs as
 * the `postgres` system user (which the Debian package creates).
 */
export interface PostgresCluster {
  /** The cluster's folder (data, socket, log). */
  readonly dir: string;
  /** A connection URL to one database of the cluster (`postgres` by default). */
  url(database?: string): string;
  /** Creates a database with a fresh name, empty or a copy of `template`; `drop()` removes it. */
  createDatabase(template?: string): Promise<{ readonly url: string; readonly name: string; drop(): Promise<void> }>;
  /** Stops the server at once and removes the folder. */
  stop(): void;
}

const PREFIX = 'teleservices-pg-';
const OWNER_FILE = 'owner.pid';
/** A folder without its owner's pid is being created; past this age it is a leftover. */
const CREATION_GRACE_MS = 10 * 60 * 1000;

/** The folder holding `initdb` and `pg_ctl`, or null when PostgreSQL is not installed. */
export function findPostgresBinaries(): string | null {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return existsSync(join(fromEnv, 'pg_ctl')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0]!, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  return onPath ? join(onPath, '..') : null;
}

/** Why the PostgreSQL suites cannot run here (null when they can). */
export function postgresUnavailableReason(): string | null {
  if (process.env['TELESERVICES_TEST_POSTGRES']) return null;
  if (findPostgresBinaries() !== null) return null;
  return 'PostgreSQL binaries not found (install Debian\'s postgresql package, or set PG_BIN to the folder holding pg_ctl): the PostgreSQL suites are skipped';
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary as a user the server accepts; throws with its output when it fails. */
function runBinary(bin: string, args: readonly string[]): void {
  const command = join(bin, args[0]!);
  const result = isRoot()
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args.slice(1)], { encoding: 'utf8' })
    : spawnSync(command, args.slice(1), { encoding: 'utf8' });
  if (result.error) throw new Error(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${args[0]} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').split('\n')[0]);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Stops a cluster's server at once (SIGQUIT: immediate shutdown) and removes its folder. */
function destroy(dir: string): void {
  const postmaster = readPid(join(dir, 'data', 'postmaster.pid'));
  if (postmaster !== null && isAlive(postmaster)) {
    try {
      process.kill(postmaster, 'SIGQUIT');
    } catch {
      // Already gone.
    }
    const deadline = Date.now() + 5000;
    while (isAlive(postmaster) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Stops and removes the clusters of runs that were killed before they could (their owner is gone). */
export function removeLeftoverClusters(): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = readPid(join(dir, OWNER_FILE));
    let leftover: boolean;
    if (owner !== null) leftover = !isAlive(owner);
    else {
      try {
        leftover = Date.now() - statSync(dir).mtimeMs > CREATION_GRACE_MS;
      } catch {
        continue;
      }
    }
    if (leftover) {
      destroy(dir);
      removed.push(dir);
    }
  }
  return removed;
}

let databaseCount = 0;

/**
 * Starts a cluster (about a second). `durable: false` (the tests) turns fsync off: a crash of
 * the machine may lose it, which does not matter for a throwaway cluster; the bench keeps it on.
 */
export function startPostgresCluster({ durable = false }: { durable?: boolean } = {}): PostgresCluster {
  const bin = findPostgresBinaries();
  if (bin === null) throw new Error(postgresUnavailableReason() ?? 'PostgreSQL binaries not found');
  removeLeftoverClusters();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
  const stop = () => {
    process.off('exit', stop);
    destroy(dir);
  };
  process.on('exit', stop);
  try {
    if (isRoot()) {
      const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      if (postgres.status !== 0) throw new Error('PostgreSQL refuses to run as root, and there is no `postgres` user to run it as (Debian\'s postgresql package creates it)');
      chownSync(dir, Number(postgres.stdout.trim()), -1);
    }
    const data = join(dir, 'data');
    runBinary(bin, ['initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', ...(durable ? [] : ['--no-sync'])]);
    const options = [`-p 5432`, `-k ${dir}`, `-c listen_addresses=''`, '-c max_connections=200', ...(durable ? [] : ['-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=off'])];
    runBinary(bin, ['pg_ctl', '-D', data, '-o', options.join(' '), '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  const url = (database = 'postgres') => `postgres://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return {
    dir,
    url,
    createDatabase: (template) => createDatabase(url(), template),
    stop,
  };
}

/**
 * Creates a database with a fresh name next to the one `adminUrl` points to: empty, or a copy of
 * the database `template` (which nobody may be connected to).
 */
export async function createDatabase(adminUrl: string, template?: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `test_${process.pid}_${++databaseCount}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
