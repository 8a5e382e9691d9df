import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

/**
 * Serves an app (`createApp`, e.g. the demo app with its movable clock) over real HTTP on an
 * ephemeral port of 127.0.0.1, for tests that need real sockets (live streams).
 */
export async function serveOverHttp(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
