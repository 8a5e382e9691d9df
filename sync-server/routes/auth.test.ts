import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOCKOUT_MS } from '../auth/sign-in.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS)
  describe(`POST /api/auth/login${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    const login = (identifier: unknown, password: unknown) =>
      demo.request('/api/auth/login', { method: 'POST', json: { identifier, password } });

    it('signs Dr Martin in by e-mail and returns a token and who she is', async () => {
      const response = await login('dr.martin@demo.test', 'Medecin#2026');
      assert.equal(response.status, 200);
      const body = await json(response);
      assert.match(body.token, /^[A-Za-z0-9_-]{40,}$/);
      assert.equal(body.user.email, 'dr.martin@demo.test');
      assert.equal(body.user.role, 'medecin');
      assert.deepEqual(body.user.structures.map((s: { name: string; amNumber: string }) => [s.name, s.amNumber]), [['Cabinet Martin', '631994977']]);
      assert.equal('passwordHash' in body.user || 'password_hash' in body.user, false);
    });

    it('accepts the e-mail in any case and the practice’s AM number as identifier', async () => {
      assert.equal((await login('DR.Martin@Demo.test', 'Medecin#2026')).status, 200);
      const byAm = await login('631 994 977', 'Medecin#2026');
      assert.equal(byAm.status, 200);
      assert.equal((await json(byAm)).user.email, 'dr.martin@demo.test');
    });

    it('answers a wrong password and an unknown identifier alike, with 401', async () => {
      const wrong = await login('dr.martin@demo.test', 'Medecin#2025');
      const unknown = await login('nobody@demo.test', 'Medecin#2025');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(await json(wrong), await json(unknown));
    });

    it('locks the account on the third wrong password in a row, with retryAfter, even for the right one', async () => {
      assert.equal((await login('dr.martin@demo.test', 'bad-1')).status, 401);
      assert.equal((await login('dr.martin@demo.test', 'bad-2')).status, 401);
      const third = await login('dr.martin@demo.test', 'bad-3');
      assert.equal(third.status, 423);
      const body = await json(third);
      assert.equal(body.retryAfter, LOCKOUT_MS / 1000);
      assert.match(body.error, /bloqué/);
      assert.match(body.error, /15 minutes/);
      const right = await login('dr.martin@demo.test', 'Medecin#2026');
      assert.equal(right.status, 423);
      demo.advance(60_000);
      assert.equal((await json(await login('dr.martin@demo.test', 'Medecin#2026'))).retryAfter, LOCKOUT_MS / 1000 - 60);
    });

    it('lets the account in again once the delay is over', async () => {
      for (const attempt of ['a', 'b', 'c']) await login('dr.martin@demo.test', attempt);
      demo.advance(LOCKOUT_MS + 1000);
      assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 200);
    });

    it('counts only wrong passwords in a row: a success resets the counter', async () => {
      await login('dr.martin@demo.test', 'bad-1');
      await login('dr.martin@demo.test', 'bad-2');
      assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 200);
      assert.equal((await login('dr.martin@demo.test', 'bad-3')).status, 401);
      assert.equal((await login('dr.martin@demo.test', 'bad-4')).status, 401);
    });

    it('lets no fourth guess through when guesses arrive in parallel', async () => {
      // Only wrong guesses at once: requests sent together reach the database in any order, and a
      // right password checked among them would start the count again, as any right answer does.
      const guesses = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
      const statuses = (await Promise.all(guesses.map((g) => login('dr.martin@demo.test', g)))).map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 401).length, 2, statuses.join());
      assert.equal(statuses.filter((s) => s === 423).length, 4, statuses.join());
      assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 423, 'the right password comes too late: the account is locked');
    });

    it('answers an unknown identifier exactly like a real one, lockout included', async () => {
      const real = [];
      const unknown = [];
      for (const attempt of ['a', 'b', 'c', 'd']) {
        real.push((await login('dr.martin@demo.test', attempt)).status);
        unknown.push((await login('personne@demo.test', attempt)).status);
      }
      assert.deepEqual(real, [401, 401, 423, 423]);
      assert.deepEqual(unknown, real);
    });

    it('locks one account without touching another', async () => {
      for (const attempt of ['a', 'b', 'c']) await login('dr.martin@demo.test', attempt);
      assert.equal((await login('dr.durand@demo.test', 'Medecin#2026')).status, 200);
    });

    it('answers bad bodies with 400 and a reason, never 500', async () => {
      const notJson = await demo.request('/api/auth/login', { method: 'POST', body: '{"identifier":', headers: { 'content-type': 'application/json' } });
      assert.equal(notJson.status, 400);
      assert.match((await json(notJson)).error, /JSON/);
      assert.equal((await login('', 'x')).status, 400);
      assert.equal((await login('dr.martin@demo.test', 42)).status, 400);
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: [1, 2] })).status, 400);
    });
  });

for (const backend of TEST_BACKENDS)
  describe(`sessions${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    it('refuses every other /api route without a valid Bearer token', async () => {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }, { authorization: `Bearer ${'x'.repeat(43)}` }];
      for (const headers of attempts) {
        const response = await demo.app.request('/api/auth/session', { headers });
        assert.equal(response.status, 401, JSON.stringify(headers));
        assert.match((await json(response)).error, /Connexion requise|reconnectez-vous/);
      }
      assert.equal((await demo.app.request('/api/anything')).status, 401);
    });

    it('opens the session with the token, and sign-out revokes it', async () => {
      const token = await demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
      const session = await demo.request('/api/auth/session', { token });
      assert.equal(session.status, 200);
      assert.equal((await json(session)).user.role, 'pharmacien');
      assert.equal((await demo.request('/api/auth/logout', { method: 'POST', token })).status, 204);
      assert.equal((await demo.request('/api/auth/session', { token })).status, 401);
    });

    it('expires a session after its lifetime', async () => {
      const token = await demo.signIn('labo.bio@demo.test', 'Biolog#2026');
      demo.advance(12 * 60 * 60 * 1000 + 1);
      assert.equal((await demo.request('/api/auth/session', { token })).status, 401);
    });

    it('stores only a hash of the token', async () => {
      const token = await demo.signIn('conseil@demo.test', 'Conseil#2026');
      const stored = (await demo.storeRows('SELECT token_hash FROM sessions')) as { token_hash: string }[];
      assert.equal(stored.length, 1);
      assert.notEqual(stored[0]!.token_hash, token);
      assert.equal(JSON.stringify(stored).includes(token), false);
    });

    it('answers an unknown route with a JSON 404 once signed in', async () => {
      const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const response = await demo.request('/api/nothing-here', { token });
      assert.equal(response.status, 404);
      assert.match((await json(response)).error, /n’existe pas/);
    });
  });
