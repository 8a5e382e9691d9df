import { serve } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../sync-server/app.ts';
import { openDatabase, type SqliteDatabase } from '../sync-server/db/database.ts';
import { referenceHandler } from './reference-server.ts';

/**
 * A server of the benchmark in its own process, so that its CPU time is measured apart from the
 * client's: `teleservices` (createApp behind @hono/node-server, as `npm run server` serves it) or
 * `reference` (bench/reference-server.ts). Driven by the parent over IPC:
 *   {open: path}  → serve that database from now on (the process and its JIT stay warm)
 *   {cpu: true}   → this process's CPU time so far (process.cpuUsage, µs)
 */
type Handler = { db: SqliteDatabase; fetch?: (request: Request) => Response | Promise<Response>; node?: ReturnType<typeof referenceHandler> };

const kind = process.argv[2];
if (kind !== 'teleservices' && kind !== 'reference') throw new Error(`unknown server kind ${kind}`);
let current: Handler | null = null;

const open = (path: string): Handler => {
  const db = openDatabase(path);
  return kind === 'teleservices' ? { db, fetch: createApp({ db }).fetch } : { db, node: referenceHandler(db) };
};

const listening =
  kind === 'teleservices'
    ? serve({ fetch: (request) => current!.fetch!(request), hostname: '127.0.0.1', port: 0 })
    : createServer((request, response) => current!.node!(request, response)).listen(0, '127.0.0.1');
listening.once('listening', () => process.send!({ port: (listening.address() as AddressInfo).port }));

process.on('message', (message: { open?: string; cpu?: true }) => {
  if (message.open) {
    current?.db.close();
    current = open(message.open);
    process.send!({ opened: message.open });
  } else if (message.cpu) {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMs: (user + system) / 1000 });
  }
});
process.on('disconnect', () => {
  current?.db.close();
  process.exit(0);
});
