import { PostgresAccountStore } from '../../accounts/postgres-account-store.ts';
import type { ServerBackend } from '../../app.ts';
import { postgresAuthStores } from '../../auth/postgres-auth-store.ts';
import { PostgresDelegationStore } from '../../delegations/postgres-delegation-store.ts';
import { PostgresEmsStore } from '../../ems/postgres-ems-store.ts';
import { PostgresFicheStore } from '../../fiches/postgres-fiche-store.ts';
import { PostgresInsurerContactStore } from '../../insurer-contact/postgres-insurer-contact-store.ts';
import { PostgresOutboxQueue } from '../../outbox/outbox-dispatcher.ts';
import { setOutboxKey } from '../../outbox/outbox-key.ts';
import { readPostgresOutbox } from '../../outbox/postgres-outbox.ts';
import { ChangeNoticeListener } from './change-notices.ts';
import { postgresSchemaVersion } from './migrations.ts';
import { openPostgres, type PostgresPool } from './postgres-database.ts';
import { shareSessionEnds } from './shared-session-ends.ts';

/** One instance of the server on PostgreSQL: every store on its pool, its LISTEN connection, its outbox's queue. */
export interface PostgresBackend extends ServerBackend {
  readonly pool: PostgresPool;
  /** The LISTEN connection (named `teleservices-listen-…` in `pg_stat_activity`). */
  readonly listener: ChangeNoticeListener;
  readonly outboxQueue: PostgresOutboxQueue;
  /** Closes the LISTEN connection, then the pool. */
  close(): Promise<void>;
}

/**
 * Opens an instance on `DATABASE_URL`: a pool of `poolSize` connections (the schema migrated),
 * the LISTEN connection that tells it the other instances' writes and session ends, and every
 * store on them. The outbox's bodies are sealed with `outboxKey` (`OUTBOX_KEY`; the same on every
 * instance, or they cannot send what another queued).
 */
export async function openPostgresBackend(url: string, { poolSize, outboxKey }: { poolSize: number; outboxKey: Buffer | null }): Promise<PostgresBackend> {
  const pool = await openPostgres(url, { max: poolSize });
  setOutboxKey(pool, outboxKey);
  const listener = new ChangeNoticeListener(url);
  try {
    await listener.start();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    pool,
    listener,
    database: { schemaVersion: () => postgresSchemaVersion(pool), readOutbox: (limit) => readPostgresOutbox(pool, limit) },
    stores: {
      fiches: new PostgresFicheStore(pool, listener),
      delegations: new PostgresDelegationStore(pool, listener),
      ems: new PostgresEmsStore(pool, listener),
      'insurer-contact': new PostgresInsurerContactStore(pool),
    },
    authStores: postgresAuthStores(pool),
    accountStore: new PostgresAccountStore(pool),
    otherInstances: { onReconnect: (handler) => listener.onReconnect(handler), shareSessionEnds: (events) => shareSessionEnds(events, pool, listener) },
    outboxQueue: new PostgresOutboxQueue(pool),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}
