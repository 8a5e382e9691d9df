import { serve } from '@hono/node-server';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type CollectionStores } from '../sync-server/app.ts';
import { openDatabase, type SqliteDatabase } from '../sync-server/db/database.ts';
import type { FicheScope } from '../sync-server/fiches/fiche-scope.ts';
import type { SqliteFicheStore } from '../sync-server/fiches/sqlite-fiche-store.ts';
import { seededTemplate } from '../sync-server/testing/demo-app.ts';

/**
 * The real sync server for the benchmark: `createApp` on a real temporary SQLite file (WAL),
 * seeded with the demo accounts, reachable in-process (`app.request`) and over HTTP on an
 * ephemeral port (`@hono/node-server`), as clients reach it.
 */
export const BENCH_USER = { identifier: 'dr.martin@demo.test', password: 'Medecin#2026', id: 'u-martin', structureId: 's-cabinet-martin' } as const;

const tempDirs = new Set<string>();

/** A fresh temporary folder, removed by `removeTempDirs()` (called at the end of the run). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `teleservices-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function removeTempDirs(): void {
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

/** A copy of the seeded template at a new path (not opened). */
export async function seededDatabaseFile(prefix: string): Promise<{ dir: string; path: string }> {
  const dir = makeTempDir(prefix);
  const path = join(dir, 'teleservices.sqlite');
  mkdirSync(dir, { recursive: true });
  copyFileSync(await seededTemplate(), path);
  return { dir, path };
}

const openServers = new Set<BenchServer>();

/** Closes every server still open (after an error, so the process can exit). */
export async function closeAllServers(): Promise<void> {
  for (const server of [...openServers]) await server.close();
}

export interface BenchServer {
  readonly db: SqliteDatabase;
  readonly path: string;
  readonly app: ReturnType<typeof createApp>;
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Bearer token of dr.martin's session. */
  readonly token: string;
  /** A request through the real HTTP stack (Node's fetch → node-server → Hono). */
  readonly http: (path: string, init?: RequestInit) => Promise<Response>;
  /** The same request in-process (`app.request`), without sockets. */
  readonly inProcess: (path: string, init?: RequestInit) => Promise<Response>;
  /**
   * Makes sure the next HTTP request finds a live connection. After long synchronous work in this
   * process (a fill, a raw-SQL run) node-server's 5 s keep-alive timer may close the idle socket
   * just as fetch reuses it (ECONNRESET): a cheap request with one retry absorbs that, unmeasured.
   */
  readonly warmHttp: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * Opens the app on `path` (a seeded database, possibly pre-filled), serves it on an ephemeral
 * port and signs dr.martin in through HTTP. `stores`: collections on another back end (PostgreSQL).
 */
export async function startBenchServer(file: { dir: string; path: string }, stores: CollectionStores = {}): Promise<BenchServer> {
  const db = openDatabase(file.path);
  const app = createApp({ db, stores });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: BENCH_USER.identifier, password: BENCH_USER.password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${BENCH_USER.identifier} failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };

  const withAuth = (init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return { ...init, headers };
  };
  const bench: BenchServer = {
    db,
    path: file.path,
    app,
    url,
    token,
    http: (path, init) => fetch(`${url}${path}`, withAuth(init)),
    inProcess: async (path, init) => app.request(path, withAuth(init)),
    warmHttp: async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const response = await fetch(`${url}/api/health`);
          await response.arrayBuffer();
          return;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    },
    close: async () => {
      openServers.delete(bench);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      if (db.open) db.close();
    },
  };
  openServers.add(bench);
  return bench;
}

/** The query string of a pull: `?checkpoint={"sequence":N}&limit=L` (no checkpoint at the start). */
export function pullPath(sequence: number | null, limit: number): string {
  const query = new URLSearchParams();
  if (sequence !== null) query.set('checkpoint', JSON.stringify({ sequence }));
  query.set('limit', String(limit));
  return `/api/replication/fiches/pull?${query}`;
}

export type PullResponse = { documents: { id: string; _deleted: boolean }[]; checkpoint: { sequence: number } };

/** One pull page read the way the server reads it (`SqliteFicheStore.pullRows`, synchronous), each file parsed. */
export function parsedPage(store: SqliteFicheStore, scope: FicheScope, sequence: number, limit: number): { sequence: number; fiche: unknown }[] {
  return store.pullRows(scope, sequence, limit).map((row) => ({ sequence: row.seq, fiche: JSON.parse(row.data.toString('utf8')) }));
}
