import { serve } from '@hono/node-server';
import { createApp, type AppDependencies } from './app.ts';
import type { AuthStores } from './auth/auth-storage.ts';
import { simulatedCpsAuthenticator } from './auth/cps.ts';
import { proSanteConnectAuthenticator } from './auth/pro-sante-connect.ts';
import { sqliteAuthStores } from './auth/sqlite-auth-store.ts';
import type { StrongAuthenticator } from './auth/strong-auth.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { seedDemo } from './db/seed-demo.ts';
import { openPostgresBackend } from './db/postgres/postgres-backend.ts';
import { OutboxDispatcher, smtpTransport, sqliteOutboxQueue, type OutboxQueue } from './outbox/outbox-dispatcher.ts';
import { useOutboxKey } from './outbox/outbox-key.ts';

export { ConfigError, readConfig, type ServerConfig } from './config.ts';
export type { SmtpSettings } from './outbox/outbox-dispatcher.ts';

export interface StartSyncServerOptions {
  /**
   * Settings; what is missing is read from `env` as the command line does (PORT, HOST, DATABASE,
   * DATABASE_URL, DATABASE_POOL_SIZE, SEED, SIMULATED_CPS, ALLOWED_ORIGINS, APP_URL, TRUST_PROXY, OUTBOX_KEY, DELEGATION_PURGE_DAYS, SMTP_*, DEMO_MAILBOX).
   */
  readonly config?: Partial<ServerConfig>;
  /** The environment to read settings from (`process.env` by default). */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the server's one-line messages go (`console.log` by default). */
  readonly log?: (message: string) => void;
}

export interface RunningSyncServer {
  /** `http://host:port`, with the port actually taken (`PORT=0` picks a free one). */
  readonly url: string;
  readonly port: number;
  readonly config: ServerConfig;
  /**
   * Stops accepting connections, ends the open ones (live streams included) and closes the
   * database (PostgreSQL: its LISTEN connection, then its pool). Connections still open after `timeoutMs` (5 s) are dropped and the database closed
   * anyway.
   */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the sync server in this process: opens (and migrates) the SQLite database — or, with
 * `DATABASE_URL`, PostgreSQL (a pool, a LISTEN connection: one instance of several, maybe) —,
 * seeds the demo accounts with `SEED=demo` (SQLite), sends the outbox's e-mails when SMTP is
 * configured, and listens.
 * `npx teleservices-sync-server` is this plus SIGTERM / SIGINT handling.
 *
 * ```js
 * import { startSyncServer } from 'teleservices-sync-server';
 * const server = await startSyncServer({ config: { port: 0, databasePath: '/var/lib/teleservices/db.sqlite' } });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startSyncServer(options: StartSyncServerOptions = {}): Promise<RunningSyncServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const config: ServerConfig = { ...readConfig(options.env ?? process.env), ...options.config };
  const store = config.databaseUrl ? await openPostgresStore(config) : await openSqliteStore(config, log);
  const app = createApp({
    ...store.dependencies,
    allowedOrigins: config.allowedOrigins,
    appUrl: config.appUrl,
    trustProxy: config.trustProxy,
    demoMailbox: config.demoMailbox,
    delegationPurgeDays: config.delegationPurgeDays,
    outboxKey: config.outboxKey,
    strongAuthenticator: strongAuthenticatorOf(store.authStores, config),
  });
  if (!config.outboxKey) log('[sync-server] OUTBOX_KEY not set: the outbox is encrypted with a random key of this process (e-mails and letters not sent before a restart will be unreadable)');
  if (config.simulatedCps) log('[sync-server] simulated CPS card enabled (SIMULATED_CPS / SEED=demo): never in production');
  if (config.proSanteConnect) log(`[sync-server] strong authentication by Pro Santé Connect (${config.proSanteConnect.issuer})`);
  // With SMTP settings, e-mails leave the outbox every few seconds; without, the outbox is the record.
  // On PostgreSQL, every instance dispatches: each e-mail is claimed by one (`PostgresOutboxQueue`).
  const dispatcher = config.smtp ? new OutboxDispatcher(store.outboxQueue, smtpTransport(config.smtp)) : null;
  const sending = dispatcher ? setInterval(() => void dispatcher.dispatch().catch((error: unknown) => console.error('[sync-server] outbox:', error)), 5000) : null;
  if (config.smtp) log(`[sync-server] e-mails sent through ${config.smtp.host}:${config.smtp.port}`);

  let server: ReturnType<typeof serve>;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => resolve(info.port));
    server.once('error', (error) => {
      if (sending) clearInterval(sending);
      void store.close().finally(() => reject(error));
    });
  });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log(`[sync-server] listening on ${url} — database ${store.name}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    config,
    close(timeoutMs = 5000) {
      closing ??= new Promise<void>((resolve) => {
        if (sending) clearInterval(sending);
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          // The database last: the SQLite file, or PostgreSQL's LISTEN connection and pool.
          store.close().then(resolve, (error: unknown) => {
            console.error('[sync-server] closing the database:', error);
            resolve();
          });
        };
        const force = setTimeout(() => {
          console.error(`[sync-server] connections still open after ${timeoutMs / 1000} s, closing anyway`);
          finish();
        }, timeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          finish();
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Where the server keeps its data: the app's dependencies on it, its outbox, how to close it. */
interface OpenedStore {
  /** What the start message names: the SQLite file, or PostgreSQL's host and database (never the password). */
  readonly name: string;
  readonly dependencies: Pick<AppDependencies, 'db' | 'backend' | 'authStores'>;
  readonly authStores: AuthStores;
  readonly outboxQueue: OutboxQueue;
  close(): Promise<void>;
}

/** The SQLite file `DATABASE` (created, migrated; the demo seeded with `SEED=demo`). */
async function openSqliteStore(config: ServerConfig, log: (message: string) => void): Promise<OpenedStore> {
  const db = openDatabase(config.databasePath);
  try {
    useOutboxKey(db, config.outboxKey);
    if (config.seed === 'demo' && (await seedDemo(db))) log('[sync-server] demo accounts seeded');
  } catch (error) {
    db.close();
    throw error;
  }
  const authStores = sqliteAuthStores(db);
  return {
    name: config.databasePath,
    dependencies: { db, authStores },
    authStores,
    outboxQueue: sqliteOutboxQueue(db),
    close: async () => {
      db.close();
    },
  };
}

/** PostgreSQL at `DATABASE_URL` (migrated; this instance one of several, maybe). */
async function openPostgresStore(config: ServerConfig): Promise<OpenedStore> {
  const backend = await openPostgresBackend(config.databaseUrl!, { poolSize: config.databasePoolSize, outboxKey: config.outboxKey });
  const url = new URL(config.databaseUrl!);
  return {
    name: `PostgreSQL ${url.host}${url.pathname} (pool of ${config.databasePoolSize})`,
    dependencies: { backend },
    authStores: backend.authStores,
    outboxQueue: backend.outboxQueue,
    close: () => backend.close(),
  };
}

/** The strong authenticator on the stores the app uses (its flows, its cards' lockouts). */
function strongAuthenticatorOf(stores: AuthStores, config: ServerConfig): StrongAuthenticator | null {
  if (config.proSanteConnect) return proSanteConnectAuthenticator(stores.strongAuthFlows, config.proSanteConnect);
  return config.simulatedCps ? simulatedCpsAuthenticator(stores.lockouts) : null;
}
