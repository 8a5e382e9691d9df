import { getRequestListener } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corsHeaders } from './cors.ts';
import { securityHeaders } from './http-hardening.ts';

const OPTIONS = { allowHeaders: ['authorization', 'content-type', 'accept', 'accept-language'], allowMethods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 };

/** A small API behind a CORS middleware and the security headers, as createApp mounts them. */
const appWith = (middleware: MiddlewareHandler) =>
  new Hono()
    .use('*', ...securityHeaders())
    .use('/api/*', middleware)
    .get('/api/pull', (c) => c.json({ documents: [] }))
    .post('/api/push', (c) => c.body('[]', 200, { 'Content-Type': 'application/json' }));

const REQUESTS: [string, RequestInit][] = [
  ['/api/pull', {}],
  ['/api/pull', { headers: { origin: 'https://logiciel.example.fr' } }],
  ['/api/pull', { headers: { origin: 'https://ailleurs.example.com' } }],
  ['/api/push', { method: 'POST', headers: { origin: 'https://logiciel.example.fr' }, body: '[]' }],
  ['/api/push', { method: 'OPTIONS', headers: { origin: 'https://logiciel.example.fr', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } }],
  ['/api/push', { method: 'OPTIONS', headers: { origin: 'https://ailleurs.example.com', 'access-control-request-method': 'POST' } }],
];

/** Whether node-server can still write the answer as it was built (its lightweight Response), without streaming a rebuilt one. */
const onFastPath = (response: Response) => Object.getOwnPropertySymbols(response).some((symbol) => symbol.description === 'cache');

describe('CORS headers', () => {
  for (const origin of ['*', ['https://logiciel.example.fr']] as const) {
    it(`answers exactly what Hono's cors answers (origin ${JSON.stringify(origin)})`, async () => {
      const ours = appWith(corsHeaders({ origin, ...OPTIONS }));
      const hono = appWith(cors({ origin: origin === '*' ? '*' : [...origin], ...OPTIONS }));
      for (const [path, init] of REQUESTS) {
        const [a, b] = [await ours.request(path, init), await hono.request(path, init)];
        assert.equal(a.status, b.status, `${init.method ?? 'GET'} ${path}`);
        assert.deepEqual([...a.headers].sort(), [...b.headers].sort(), `${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers)}`);
        assert.equal(await a.text(), await b.text());
      }
    });
  }

  it('leaves the answers on node-server’s fast path, where Hono’s cors makes them be rebuilt', async () => {
    getRequestListener(() => new Response(null)); // node-server's Request and Response, as `serve` installs them
    for (const origin of ['*', ['https://logiciel.example.fr']] as const) {
      const request = new Request('http://api.test/api/pull', { headers: { origin: 'https://logiciel.example.fr' } });
      assert.equal(onFastPath(await appWith(corsHeaders({ origin, ...OPTIONS })).fetch(request.clone())), true, 'ours');
      assert.equal(onFastPath(await appWith(cors({ origin: origin === '*' ? '*' : [...origin], ...OPTIONS })).fetch(request.clone())), false, 'Hono’s, the reason for ours');
    }
  });
});
