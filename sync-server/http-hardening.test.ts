import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { insert, patientZero } from '../domain/testing/fiche-fixtures.ts';
import { MAX_ERROR_ROWS } from './middleware/http-hardening.ts';
import { createDemoApp } from './testing/demo-app.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

/**
 * Sends `declared` bytes' worth of Content-Length (or a chunked body when null) over real HTTP,
 * writing slowly, and resolves with the status and how much had been written when it came back.
 */
function sendHuge(url: string, path: string, declared: number | null): Promise<{ status: number; written: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', ...(declared === null ? {} : { 'content-length': String(declared) }) } });
    let written = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      if (answered || written >= 100 * 1024 * 1024) return;
      written += chunk.length;
      req.write(chunk, () => setImmediate(pump));
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (data: Buffer) => (body += data.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, written, body });
      });
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.write('{"identifier":"');
    pump();
  });
}

describe('HTTP hardening', () => {
  let demo: DemoApp;
  let martin: string;
  before(async () => {
    demo = await createDemoApp();
    martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
  });
  after(() => demo.dispose());

  it('puts the security headers on every answer: success, refusal, error, not found', async () => {
    const answers = [
      await demo.request('/api/health'),
      await demo.request('/api/replication/fiches/pull', { token: martin }),
      await demo.request('/api/replication/fiches/pull'),
      await demo.request('/api/auth/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }),
      await demo.request('/nothing-here'),
    ];
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 401, 400, 404]);
    for (const answer of answers) {
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(answer.headers.get('x-frame-options'), 'DENY');
      assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
      assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(answer.headers.get('strict-transport-security') ?? '', /max-age=/);
    }
  });

  it('refuses an oversized body with 413 and a reason in both languages, on public and signed-in routes', async () => {
    const big = JSON.stringify({ identifier: 'x'.repeat(20 * 1024), password: 'y' });
    const publicAnswer = await demo.request('/api/auth/login', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    assert.equal(publicAnswer.status, 413);
    assert.deepEqual(await publicAnswer.json(), { error: 'Requête trop volumineuse (16 Ko au plus).', reason: 'body_too_large' });
    const english = await demo.request('/api/accounts/lookup', { method: 'POST', body: big, headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    assert.equal(english.status, 413);
    assert.equal(((await english.json()) as Json).error, 'Request too large (16 KB at most).');
    const command = await demo.request('/api/delegations', { method: 'POST', token: martin, json: { note: 'x'.repeat(300 * 1024) } });
    assert.equal(command.status, 413);
    // A push keeps its own, larger limit: 1 MB reaches the validation.
    const push = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, json: [insert(patientZero({ commune: 'x'.repeat(1024 * 1024) }))] });
    assert.equal(push.status, 422);
  });

  it('answers 413 over real HTTP before a huge body has arrived, declared or chunked', async () => {
    const server = serve({ fetch: demo.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const declared = await sendHuge(url, '/api/auth/login', 100 * 1024 * 1024);
      assert.equal(declared.status, 413);
      assert.ok(declared.written < 2 * 1024 * 1024, `answered after ${declared.written} bytes`);
      const chunked = await sendHuge(url, '/api/auth/password-reset/request', null);
      assert.equal(chunked.status, 413);
      assert.ok(chunked.written < 2 * 1024 * 1024, `answered after ${chunked.written} bytes`);
      assert.equal(JSON.parse(chunked.body).reason, 'body_too_large');
    } finally {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a deeply nested value with 400 too_deep, on a push and on a public form, never 500', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const fiche = JSON.stringify(insert(patientZero())).replace('"lastName":"Dupont"', `"lastName":${deep}`);
    const push = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, body: `[${fiche}]`, headers: { 'content-type': 'application/json' } });
    assert.equal(push.status, 400);
    assert.deepEqual(await push.json(), { error: 'Les données envoyées sont imbriquées trop profondément (16 niveaux au plus).', reason: 'too_deep' });
    const form = await demo.request('/api/auth/login', { method: 'POST', body: `{"identifier":${'['.repeat(5000)}${']'.repeat(5000)}}`, headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    assert.equal(form.status, 400);
    assert.equal(((await form.json()) as Json).error, 'The data sent is nested too deeply (16 levels at most).');
  });

  it('bounds the lists of a push: a long list in assumedMasterState is a 400, not a 413', async () => {
    const row = { assumedMasterState: { socialSupportNeeds: Array.from({ length: 101 }, () => 'x') }, newDocumentState: patientZero() };
    const response = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, json: [row] });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Json).path, '0.assumedMasterState.socialSupportNeeds');
  });

  it('caps an error answer: an invalid push of a thousand rows names the first fifty, in far less than it sent', async () => {
    const rows = Array.from({ length: 1000 }, () => insert(patientZero({ nir: 'invalide', lastName: '', birthDate: 'hier', postcode: 'x', commune: 'y'.repeat(1500) })));
    const body = JSON.stringify(rows);
    const response = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, body, headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 422);
    const text = await response.text();
    assert.ok(text.length < body.length / 10, `${text.length} bytes answered to ${body.length}`);
    assert.equal((JSON.parse(text) as Json).rows.length, MAX_ERROR_ROWS);
  });
});
