import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { AuthStores } from './auth/auth-storage.ts';
import { simulatedCpsAuthenticator } from './auth/cps.ts';
import { proSanteConnectAuthenticator } from './auth/pro-sante-connect.ts';
import { sqliteAuthStores } from './auth/sqlite-auth-store.ts';
import type { StrongAuthenticator } from './auth/strong-auth.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { seedDemo } from './db/seed-demo.ts';
import { OutboxDispatcher, smtpTransport, sqliteOutboxQueue } from './outbox/outbox-dispatcher.ts';
import { useOutboxKey } from './outbox/outbox-key.ts';

export { ConfigError, readConfig, type ServerConfig } from './config.ts';
export type { SmtpSettings } from './outbox/outbox-dispatcher.ts';

export interface StartSyncServerOptions {
  /**
   * Settings; what is missing is read from `env` as the command line does (PORT, HOST, DATABASE,
   * SEED, SIMULATED_CPS, ALLOWED_ORIGINS, APP_URL, TRUST_PROXY, OUTBOX_KEY, DELEGATION_PURGE_DAYS, SMTP_*, DEMO_MAILBOX).
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
   * database. Connections still open after `timeoutMs` (5 s) are dropped and the database closed
   * anyway.
   */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the sync server in this process: opens (and migrates) the SQLite database, seeds the
 * demo accounts with `SEED=demo`, sends the outbox's e-mails when SMTP is configured, and listens.
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
  const db = openDatabase(config.databasePath);
  try {
    useOutboxKey(db, config.outboxKey);
    if (config.seed === 'demo' && (await seedDemo(db))) log('[sync-server] demo accounts seeded');
  } catch (error) {
    db.close();
    throw error;
  }

  const authStores = sqliteAuthStores(db);
  const app = createApp({ db, allowedOrigins: config.allowedOrigins, appUrl: config.appUrl, trustProxy: config.trustProxy, demoMailbox: config.demoMailbox, delegationPurgeDays: config.delegationPurgeDays, outboxKey: config.outboxKey, authStores, strongAuthenticator: strongAuthenticatorOf(authStores, config) });
  if (!config.outboxKey) log('[sync-server] OUTBOX_KEY not set: the outbox is encrypted with a random key of this process (e-mails and letters not sent before a restart will be unreadable)');
  if (config.simulatedCps) log('[sync-server] simulated CPS card enabled (SIMULATED_CPS / SEED=demo): never in production');
  if (config.proSanteConnect) log(`[sync-server] strong authentication by Pro Santé Connect (${config.proSanteConnect.issuer})`);
  // With SMTP settings, e-mails leave the outbox every few seconds; without, the outbox is the record.
  const dispatcher = config.smtp ? new OutboxDispatcher(sqliteOutboxQueue(db), smtpTransport(config.smtp)) : null;
  const sending = dispatcher ? setInterval(() => void dispatcher.dispatch().catch((error: unknown) => console.error('[sync-server] outbox:', error)), 5000) : null;
  if (config.smtp) log(`[sync-server] e-mails sent through ${config.smtp.host}:${config.smtp.port}`);

  let server: ReturnType<typeof serve>;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => resolve(info.port));
    server.once('error', (error) => {
      if (sending) clearInterval(sending);
      db.close();
      reject(error);
    });
  });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log(`[sync-server] listening on ${url} — database ${config.databasePath}`);

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
          db.close();
          resolve();
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

/** The strong authenticator on the stores the app uses (its flows, its cards' lockouts). */
function strongAuthenticatorOf(stores: AuthStores, config: ServerConfig): StrongAuthenticator | null {
  if (config.proSanteConnect) return proSanteConnectAuthenticator(stores.strongAuthFlows, config.proSanteConnect);
  return config.simulatedCps ? simulatedCpsAuthenticator(stores.lockouts) : null;
}
