#!/usr/bin/env node
import { ConfigError } from './config.ts';
import { startSyncServer, type RunningSyncServer } from './server.ts';

/**
 * The sync server's command line (`npm run sync-server`, `npx teleservices-sync-server`): starts
 * it from the environment (README: PORT, HOST, DATABASE, SEED, SMTP_*…) and stops it cleanly on
 * SIGTERM / SIGINT.
 */
async function main() {
  // The handlers are in place before the server starts: a signal that arrives while it starts (or
  // right after it says it listens) closes it instead of killing the process with the database open.
  let server: RunningSyncServer | null = null;
  let stopRequested: string | null = null;
  const stop = (signal: string) => {
    if (stopRequested) return;
    stopRequested = signal;
    console.log(`[sync-server] ${signal} received, closing`);
    if (server) void closeAndExit(server);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  server = await startSyncServer();
  if (stopRequested) await closeAndExit(server);
}

async function closeAndExit(server: RunningSyncServer): Promise<void> {
  await server.close();
  console.log('[sync-server] stopped');
  process.exit(0);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`[sync-server] ${error.message}`);
  } else {
    console.error('[sync-server] could not start:', error);
  }
  process.exit(1);
});
