import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { seedDemo } from './db/seed-demo.ts';
import { OutboxDispatcher, smtpTransport } from './outbox/outbox-dispatcher.ts';

/** Starts the sync server from the environment (README: PORT, HOST, DATABASE, SEED, SMTP_*…). */
async function main() {
  const config = readConfig();
  const db = openDatabase(config.databasePath);
  if (config.seed === 'demo' && (await seedDemo(db))) console.log('[sync-server] demo accounts seeded');

  const app = createApp({ db, allowedOrigins: config.allowedOrigins, appUrl: config.appUrl, trustProxy: config.trustProxy, demoMailbox: config.demoMailbox, delegationPurgeDays: config.delegationPurgeDays });
  // With SMTP settings, e-mails leave the outbox every few seconds; without, the outbox is the record.
  const dispatcher = config.smtp ? new OutboxDispatcher(db, smtpTransport(config.smtp)) : null;
  const sending = dispatcher ? setInterval(() => void dispatcher.dispatch().catch((error: unknown) => console.error('[sync-server] outbox:', error)), 5000) : null;
  if (config.smtp) console.log(`[sync-server] e-mails sent through ${config.smtp.host}:${config.smtp.port}`);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`[sync-server] listening on http://${config.host}:${info.port} — database ${config.databasePath}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (sending) clearInterval(sending);
    console.log(`[sync-server] ${signal} received, closing`);
    const force = setTimeout(() => {
      console.error('[sync-server] connections still open after 5 s, closing anyway');
      db.close();
      process.exit(0);
    }, 5000);
    force.unref();
    server.close(() => {
      db.close();
      console.log('[sync-server] stopped');
      process.exit(0);
    });
    if ('closeAllConnections' in server) server.closeAllConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`[sync-server] ${error.message}`);
  } else {
    console.error('[sync-server] could not start:', error);
  }
  process.exit(1);
});
