import Database from 'better-sqlite3';
import type { AccountStorage } from '../accounts/account-storage.ts';
import { PostgresAccountStore } from '../accounts/postgres-account-store.ts';
import type { CollectionStores } from '../app.ts';
import type { AuthStores } from '../auth/auth-storage.ts';
import { postgresAuthStores } from '../auth/postgres-auth-store.ts';
import { ChangeNoticeListener } from '../db/postgres/change-notices.ts';
import { shareSessionEnds } from '../db/postgres/shared-session-ends.ts';
import type { SessionEvents } from '../session-events.ts';
import { copySqliteToPostgres } from '../db/postgres/copy-from-sqlite.ts';
import { openPostgres, type PostgresPool } from '../db/postgres/postgres-database.ts';
import { PostgresEmsStore } from '../ems/postgres-ems-store.ts';
import { PostgresDelegationStore } from '../delegations/postgres-delegation-store.ts';
import { PostgresFicheStore } from '../fiches/postgres-fiche-store.ts';
import { PostgresInsurerContactStore } from '../insurer-contact/postgres-insurer-contact-store.ts';
import { createTestDatabase, skipWithoutPostgres } from './test-postgres.ts';

/**
 * The back ends the server's suites run on: SQLite, and PostgreSQL where its binaries are
 * installed (skipped with the reason otherwise). A suite runs once per back end:
 * `for (const backend of TEST_BACKENDS) describe(`…${backend.label}`, { skip: backend.skip }, …)`.
 */
export const TEST_BACKENDS = [
  { name: 'sqlite', label: '', skip: false },
  { name: 'postgres', label: ' (PostgreSQL)', skip: skipWithoutPostgres },
] as const satisfies readonly { name: string; label: string; skip: string | false }[];

export type TestBackend = (typeof TEST_BACKENDS)[number]['name'];

/** One PostgreSQL database per process and seeded SQLite template, holding the same rows, cloned for each test. */
const templates = new Map<string, Promise<string>>();
function postgresTemplate(seededPath: string): Promise<string> {
  let template = templates.get(seededPath);
  if (!template) {
    template = (async () => {
      const seeded = new Database(seededPath, { readonly: true });
      const database = await createTestDatabase();
      const pool = await openPostgres(database.url, { max: 1 });
      try {
        await copySqliteToPostgres(seeded, pool);
      } finally {
        seeded.close();
        await pool.end();
      }
      return database.name;
    })();
    templates.set(seededPath, template);
  }
  return template;
}

/** A server instance's stores on a PostgreSQL database, with its LISTEN connection for the other instances' changes. */
export async function postgresInstance(url: string): Promise<{
  pool: PostgresPool;
  listener: ChangeNoticeListener;
  stores: CollectionStores;
  authStores: AuthStores;
  accountStore: AccountStorage;
  otherInstances: { onReconnect(handler: () => void): void; shareSessionEnds(events: SessionEvents): void };
  close(): Promise<void>;
}> {
  const pool = await openPostgres(url, { max: 4 });
  const listener = new ChangeNoticeListener(url);
  await listener.start();
  return {
    pool,
    listener,
    otherInstances: { onReconnect: (handler) => listener.onReconnect(handler), shareSessionEnds: (events) => shareSessionEnds(events, pool, listener) },
    stores: {
      fiches: new PostgresFicheStore(pool, listener),
      delegations: new PostgresDelegationStore(pool, listener),
      ems: new PostgresEmsStore(pool, listener),
      'insurer-contact': new PostgresInsurerContactStore(pool),
    },
    authStores: postgresAuthStores(pool),
    accountStore: new PostgresAccountStore(pool),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/** A fresh PostgreSQL database holding what the seeded SQLite file `seededPath` holds (`seededTemplate`). */
export async function seededPostgres(seededPath: string) {
  return createTestDatabase(await postgresTemplate(seededPath));
}
