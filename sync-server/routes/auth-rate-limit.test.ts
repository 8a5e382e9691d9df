import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS)
  describe(`rate limits on sign-in and password reset${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    const login = (identifier: string, headers: Record<string, string> = {}, app = demo.app) =>
      app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ identifier, password: 'x' }) });

    it('slows down the attempts on one identifier, whatever the answers were', async () => {
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await login('personne@demo.test')).status);
      assert.deepEqual(statuses, [401, 401, 423, 423, 423, 423, 423, 423, 423, 423, 429]);
      const body = await json(await login('personne@demo.test'));
      assert.match(body.error, /Trop de tentatives/);
      assert.ok(body.retryAfter > 0 && body.retryAfter <= 15 * 60);
    });

    it('slows down one address trying many identifiers, per client behind a trusted proxy', async () => {
      const behindProxy = createApp({ ...demo.dependencies, trustProxy: true });
      const statuses = [];
      for (let i = 0; i < 31; i++) statuses.push((await login(`user${i}@demo.test`, { 'x-forwarded-for': '203.0.113.7' }, behindProxy)).status);
      assert.equal(statuses.at(-1), 429);
      assert.equal(statuses.filter((s) => s === 429).length, 1);
      assert.equal((await login('other@demo.test', { 'x-forwarded-for': '198.51.100.2' }, behindProxy)).status, 401, 'another client is not slowed');
    });

    it('does not count successful sign-ins: a vendor back end signing a whole practice in from one address is not slowed', async () => {
      const behindProxy = createApp({ ...demo.dependencies, trustProxy: true });
      const signIn = () =>
        behindProxy.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ identifier: 'dr.martin@demo.test', password: 'Medecin#2026' }),
        });
      const statuses = [];
      for (let i = 0; i < 40; i++) statuses.push((await signIn()).status);
      assert.deepEqual([...new Set(statuses)], [200]);
      // Failures from that address still count, whatever succeeded before.
      const failures = [];
      for (let i = 0; i < 31; i++) failures.push((await login(`user${i}@demo.test`, { 'x-forwarded-for': '203.0.113.9' }, behindProxy)).status);
      assert.equal(failures.at(-1), 429);
    });

    it('limits reset requests per identifier to three an hour, then lets them again', async () => {
      const request = () => demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.martin@demo.test' } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await request()).status);
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      assert.equal((await demo.outbox()).length, 3, 'no flood of mails');
      demo.advance(60 * 60 * 1000 + 1);
      assert.equal((await request()).status, 202);
    });
  });
