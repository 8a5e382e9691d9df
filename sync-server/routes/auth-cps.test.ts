import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { luhnKeyFor } from '../../domain/index.ts';
import { createDemoApp } from '../testing/demo-app.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

describe('POST /api/auth/cps (simulated CPS card)', () => {
  let demo: DemoApp;
  beforeEach(async () => (demo = await createDemoApp()));
  afterEach(() => demo.dispose());

  const cps = (card: unknown) => demo.request('/api/auth/cps', { method: 'POST', json: { card } });

  it('signs the card’s holder in with strong authentication', async () => {
    const response = await cps({ rpps: '10001234565', code: '1234' });
    assert.equal(response.status, 200);
    const body = await json(response);
    assert.equal(body.user.email, 'dr.martin@demo.test');
    assert.equal(body.user.strongAuth, true);
    const session = await json(await demo.request('/api/auth/session', { token: body.token }));
    assert.equal(session.user.strongAuth, true);
    const audit = demo.db.prepare("SELECT actor_id FROM audit WHERE action = 'sign_in_cps'").all();
    assert.deepEqual(audit, [{ actor_id: 'u-martin' }]);
  });

  it('unlocks an account blocked by wrong passwords at once', async () => {
    const login = (password: string) => demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'dr.martin@demo.test', password } });
    for (const attempt of ['a', 'b', 'c']) await login(attempt);
    assert.equal((await login('Medecin#2026')).status, 423);
    assert.equal((await cps({ rpps: '10001234565', code: '1234' })).status, 200);
    assert.equal((await login('Medecin#2026')).status, 200, 'the password works again right after the card');
  });

  it('refuses a wrong holder code, a malformed number and an unknown card with reasons, never 500', async () => {
    const wrongCode = await cps({ rpps: '10001234565', code: '0000' });
    assert.equal(wrongCode.status, 401);
    assert.match((await json(wrongCode)).error, /Code porteur/);
    const malformed = await cps({ rpps: '123', code: '1234' });
    assert.equal(malformed.status, 400);
    assert.match((await json(malformed)).error, /RPPS/);
    const unknownRpps = '1099999999' + luhnKeyFor('1099999999');
    const unknown = await cps({ rpps: unknownRpps, code: '1234' });
    assert.equal(unknown.status, 401);
    assert.match((await json(unknown)).error, /Aucun compte/);
    assert.equal((await cps(undefined)).status, 400);
    assert.equal((await demo.request('/api/auth/cps', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })).status, 400);
  });
});
