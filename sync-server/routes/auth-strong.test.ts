import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createApp } from '../app.ts';
import { LOCKOUT_MS } from '../auth/attempt-counter.ts';
import { passwordHashing } from '../auth/passwords.ts';
import { startServerProcess } from '../testing/server-process.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;
const MARTIN_CARD = { rpps: '10001234565', code: '1234' };

describe('strong authentication: the simulated CPS card only where enabled', () => {
  it('is refused with a clear 403 by a server restarted on a demo database without SIMULATED_CPS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teleservices-cps-'));
    const DATABASE = join(dir, 'demo.sqlite');
    const card = (url: string) => fetch(`${url}/api/auth/cps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: MARTIN_CARD }) });
    try {
      const demo = await startServerProcess({ DATABASE, SEED: 'demo', SIMULATED_CPS: '' });
      assert.equal((await card(demo.url)).status, 200, 'SEED=demo implies the simulated card');
      assert.equal(await demo.stop(), 0);

      const production = await startServerProcess({ DATABASE, SEED: '', SIMULATED_CPS: '' });
      const refused = await card(production.url);
      assert.equal(refused.status, 403);
      assert.deepEqual(await json(refused), {
        error: 'La connexion par carte CPS n’est pas activée sur ce serveur : connectez-vous avec votre identifiant et votre mot de passe.',
        reason: 'strong_auth_disabled',
      });
      const creation = await fetch(`${production.url}/api/accounts/cps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: MARTIN_CARD }) });
      assert.equal((await json(creation)).reason, 'strong_auth_disabled');
      assert.equal(await production.stop(), 0);

      const enabled = await startServerProcess({ DATABASE, SEED: '', SIMULATED_CPS: '1' });
      assert.equal((await card(enabled.url)).status, 200);
      assert.equal(await enabled.stop(), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off by default in createApp', async () => {
    const demo = await createDemoApp();
    try {
      const app = createApp({ db: demo.db });
      const response = await app.request('/api/auth/cps', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ card: MARTIN_CARD }) });
      assert.equal(response.status, 403);
      assert.match((await json(response)).error, /not enabled/);
    } finally {
      demo.dispose();
    }
  });
});

for (const backend of TEST_BACKENDS)
  describe(`wrong holder codes and lockouts${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    const cps = (card: unknown) => demo.request('/api/auth/cps', { method: 'POST', json: { card } });
    const login = (identifier: string, password: string) => demo.request('/api/auth/login', { method: 'POST', json: { identifier, password } });

    it('locks the card at the third wrong holder code, even for the right code, until the delay is over', async () => {
      const statuses = [];
      for (const code of ['0000', '1111', '2222']) statuses.push((await cps({ ...MARTIN_CARD, code })).status);
      assert.deepEqual(statuses, [401, 401, 423]);
      const locked = await cps(MARTIN_CARD);
      assert.equal(locked.status, 423);
      const body = await json(locked);
      assert.match(body.error, /Carte CPS bloquée/);
      assert.equal(body.retryAfter, LOCKOUT_MS / 1000);
      demo.advance(LOCKOUT_MS + 1000);
      assert.equal((await cps(MARTIN_CARD)).status, 200);
    });

    it('lets no fourth holder code through when codes arrive in parallel', async () => {
      // Only wrong codes at once: requests sent together reach the database in any order, and a right
      // code checked among them would start the count again, as any right answer does.
      const codes = ['0001', '0002', '0003', '0004', '0005'];
      const statuses = (await Promise.all(codes.map((code) => cps({ ...MARTIN_CARD, code })))).map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 401).length, 2, statuses.join());
      assert.equal(statuses.filter((s) => s === 423).length, 3, statuses.join());
      assert.equal((await cps({ ...MARTIN_CARD, code: '1234' })).status, 423, 'the right code comes too late: the card is locked');
    });

    it('does not lift a password lockout with a wrong holder code; the right card does', async () => {
      for (const attempt of ['a', 'b', 'c']) await login('dr.martin@demo.test', attempt);
      assert.equal((await cps({ ...MARTIN_CARD, code: '9999' })).status, 401);
      assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 423, 'still locked');
      assert.equal((await cps(MARTIN_CARD)).status, 200);
      assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 200);
    });

    it('never counts a right password as a failure, however many arrive at once', async () => {
      // More than the lockout (3) and the rate limits (10 per identifier, 30 per address) allow in flight.
      const statuses = (await Promise.all(Array.from({ length: 40 }, () => login('dr.martin@demo.test', 'Medecin#2026')))).map((r) => r.status);
      assert.deepEqual(new Set(statuses), new Set([200]));
      assert.equal((await login('dr.martin@demo.test', 'bad-1')).status, 401, 'the counter starts from zero');
      assert.equal((await login('dr.martin@demo.test', 'bad-2')).status, 401);
    });

    it('still locks at the third of parallel wrong guesses, and checks no fourth', async () => {
      const checks = mock.method(passwordHashing, 'verify');
      try {
        // Only wrong guesses at once (requests sent together reach the database in any order; a
        // right password checked among them would start the count again, as any right answer does).
        const guesses = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
        const statuses = (await Promise.all(guesses.map((g) => login('dr.martin@demo.test', g)))).map((r) => r.status);
        assert.deepEqual(statuses.toSorted(), [401, 401, 423, 423, 423, 423]);
        // Each locked answer pays a check too (equal time), but its result is never used.
        assert.equal(checks.mock.callCount(), 6);
        assert.equal((await login('dr.martin@demo.test', 'Medecin#2026')).status, 423, 'the right password comes too late: the account is locked');
      } finally {
        checks.mock.restore();
      }
    });

    it('pays the same password check for a locked account as for a locked unknown identifier', async () => {
      for (const attempt of ['a', 'b', 'c']) {
        await login('dr.martin@demo.test', attempt);
        await login('personne@demo.test', attempt);
      }
      const checks = mock.method(passwordHashing, 'verify');
      try {
        const existing = await login('dr.martin@demo.test', 'Medecin#2026');
        assert.equal(checks.mock.callCount(), 1, 'a locked account still runs the hash');
        const unknown = await login('personne@demo.test', 'Medecin#2026');
        assert.equal(checks.mock.callCount(), 2);
        assert.deepEqual([existing.status, unknown.status], [423, 423]);
        assert.deepEqual(await json(existing), await json(unknown));
      } finally {
        checks.mock.restore();
      }
    });
  });
