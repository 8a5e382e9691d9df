import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppDependencies } from '../app.ts';
import { readOutbox } from '../outbox/outbox.ts';
import { readPostgresOutbox } from '../outbox/postgres-outbox.ts';
import { simulatedCpsAuthenticator } from '../auth/cps.ts';
import type { AuthStores } from '../auth/auth-storage.ts';
import { sqliteAuthStores } from '../auth/sqlite-auth-store.ts';
import type { StrongAuthenticator } from '../auth/strong-auth.ts';
import { SqliteAccountStore } from '../accounts/sqlite-account-store.ts';
import { openDatabase } from '../db/database.ts';
import { seedDemo } from '../db/seed-demo.ts';
import { postgresInstance, seededPostgres, type TestBackend } from './postgres-stores.ts';
import { createTempDatabase } from './temp-database.ts';

/**
 * One seeded database per process and kind (hashing six passwords takes time), to copy for each
 * test or benchmark database: the demo accounts and insured people, with the demo's Contact
 * COVID files or (by default, for the server's tests) without.
 */
const templates = new Map<boolean, Promise<string>>();
export function seededTemplate({ fiches = false } = {}): Promise<string> {
  let template = templates.get(fiches);
  if (template) return template;
  template = (async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'teleservices-template-')), 'seeded.sqlite');
    const db = openDatabase(path);
    await seedDemo(db, new Date(), { fiches });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return path;
  })();
  templates.set(fiches, template);
  return template;
}

/**
 * The app on a real temporary SQLite file with the demo accounts (and with `fiches: true` the
 * demo's files), the simulated CPS card (as `SEED=demo` starts it), and a clock tests can move.
 *
 * `backend: 'postgres'`: the collections (fiches, delegations, EMS, insurer contact), the accounts and sessions are on
 * a fresh PostgreSQL database seeded with the same rows (`TEST_BACKENDS`), or the one at
 * `sharedPostgres` (the `postgresUrl` of another demo app: a second instance on its database);
 * `storeRows(sql)` reads (or writes: an UPDATE) the database those stores use, whichever it is.
 */
export async function createDemoApp({
  fiches = false,
  backend = 'sqlite' as TestBackend,
  sharedPostgres = null as string | null,
  /** Where the clock starts (a fixed morning by default; a provider's real tokens need the real time). */
  startAt = new Date('2026-11-22T09:00:00.000Z'),
  appUrl = undefined as string | undefined,
  /** The strong authenticator on the app's stores: the simulated card by default. */
  strongAuthenticator = (stores: AuthStores): StrongAuthenticator | null => simulatedCpsAuthenticator(stores.lockouts),
} = {}) {
  const seeded = await seededTemplate({ fiches });
  const temp = createTempDatabase((path) => {
    mkdirSync(join(path, '..'), { recursive: true });
    copyFileSync(seeded, path);
  });
  const postgres = backend === 'postgres' && sharedPostgres === null ? await seededPostgres(seeded) : null;
  const postgresUrl = sharedPostgres ?? postgres?.url ?? null;
  const instance = postgresUrl ? await postgresInstance(postgresUrl) : null;
  const clock = { now: startAt };
  const authStores = instance?.authStores ?? sqliteAuthStores(temp.db);
  /** What this app was built with: another app on them (`createApp({ ...dependencies, trustProxy: true })`) shares its database and clock. */
  const dependencies = {
    db: temp.db,
    now: () => clock.now,
    authStores,
    accountStore: instance?.accountStore ?? new SqliteAccountStore(temp.db),
    strongAuthenticator: strongAuthenticator(authStores),
    stores: instance?.stores ?? {},
    ...(appUrl === undefined ? {} : { appUrl }),
    otherInstances: instance?.otherInstances,
  } satisfies AppDependencies;
  const app = createApp(dependencies);
  const request = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    return app.request(path, { ...init, headers, body });
  };
  const signIn = async (identifier: string, password: string) => {
    const response = await request('/api/auth/login', { method: 'POST', json: { identifier, password } });
    if (response.status !== 200) throw new Error(`sign-in of ${identifier} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  /** What the server sent (e-mails and letters), oldest first, from the outbox of the back end. */
  const outbox = async () =>
    (instance ? await readPostgresOutbox(instance.pool, 10_000) : readOutbox(temp.db, 10_000)).reverse().map(({ channel, recipient, subject, body }) => ({ channel, recipient, subject, body }));
  const storeRows = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (instance) return (await instance.pool.query(sql)).rows;
    const statement = temp.db.prepare(sql);
    if (statement.reader) return statement.all() as Record<string, unknown>[];
    statement.run();
    return [];
  };
  /** Removes the databases; once (an `afterEach` may dispose an app a test already disposed). */
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    temp.dispose();
    await instance?.close();
    await postgres?.drop();
  };
  return { ...temp, dispose, app, dependencies, clock, request, signIn, outbox, storeRows, postgresUrl, postgresListener: instance?.listener ?? null, advance: (ms: number) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

/** The token of the link in a message's body (`…?token=…`). */
export function linkToken(body: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(body);
  if (!match) throw new Error(`no link in: ${body}`);
  return match[1]!;
}
