import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { passwordHashing } from '../auth/passwords.ts';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { readServerSentEvents } from '../testing/sse-reader.ts';
import { skipWithoutPostgres } from '../testing/test-postgres.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

/**
 * Two instances of the server on one PostgreSQL database, as behind a load balancer that sends
 * each request anywhere: sessions, lockouts, single-use links and rate limits are decided in the
 * database, so the two behave as one server.
 */
describe('accounts and sessions on two instances of one PostgreSQL database', { skip: skipWithoutPostgres }, () => {
  let a: DemoApp;
  let b: DemoApp;
  beforeEach(async () => {
    a = await createDemoApp({ backend: 'postgres' });
    b = await createDemoApp({ backend: 'postgres', sharedPostgres: a.postgresUrl });
  });
  afterEach(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  const login = (instance: DemoApp, password: string, identifier = 'dr.martin@demo.test') => instance.request('/api/auth/login', { method: 'POST', json: { identifier, password } });

  it('counts wrong passwords on either instance towards one lockout', async () => {
    assert.equal((await login(a, 'faux-1')).status, 401);
    assert.equal((await login(b, 'faux-2')).status, 401);
    const third = await login(a, 'faux-3');
    assert.equal(third.status, 423);
    const locked = await login(b, 'Medecin#2026');
    assert.equal(locked.status, 423, 'the other instance knows the account is locked');
    assert.equal(((await locked.json()) as Json).reason, 'locked');
  });

  it('checks no fourth of parallel wrong guesses spread over both instances', async () => {
    const checks = mock.method(passwordHashing, 'verify');
    try {
      const guesses = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
      const statuses = (await Promise.all(guesses.map((guess, i) => login(i % 2 === 0 ? a : b, guess)))).map((r) => r.status);
      assert.deepEqual(statuses.toSorted(), [401, 401, 423, 423, 423, 423]);
      // Every answer pays one check (equal time); only three were counted as guesses.
      assert.equal(checks.mock.callCount(), 6);
    } finally {
      checks.mock.restore();
    }
  });

  it('lets a reset link used on both instances at once through once', async () => {
    assert.equal((await a.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.martin@demo.test' } })).status, 202);
    const token = linkToken((await a.outbox()).at(-1)!.body);
    const confirm = (instance: DemoApp, password: string) => instance.request('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password } });
    const [onA, onB] = await Promise.all([confirm(a, 'Premier#2027'), confirm(b, 'Second#2027')]);
    assert.deepEqual([onA.status, onB.status].toSorted(), [200, 400]);
    const chosen = onA.status === 200 ? 'Premier#2027' : 'Second#2027';
    const refused = onA.status === 200 ? 'Second#2027' : 'Premier#2027';
    assert.equal((await login(b, chosen)).status, 200, 'the password the link set signs in on either instance');
    assert.equal((await login(a, refused)).status, 401);
  });

  it('refuses on one instance, at once, a session signed out on the other', async () => {
    const token = await a.signIn('dr.martin@demo.test', 'Medecin#2026');
    const other = await a.signIn('dr.martin@demo.test', 'Medecin#2026');
    assert.equal((await b.request('/api/auth/session', { token })).status, 200, 'a session opened on one instance works on the other');
    assert.equal((await a.request('/api/auth/logout', { method: 'POST', token })).status, 204);
    const refused = await b.request('/api/auth/session', { token });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as Json).reason, 'session_expired');
    assert.equal((await b.request('/api/auth/session', { token: other })).status, 200, 'the other session goes on');
  });

  it('ends the live streams the other instance holds of a session signed out here, without waiting for their re-check', async () => {
    const token = await a.signIn('dr.martin@demo.test', 'Medecin#2026');
    const other = await a.signIn('dr.martin@demo.test', 'Medecin#2026');
    const ended = readServerSentEvents(await b.request('/api/replication/fiches/pull-stream', { token }));
    const goesOn = readServerSentEvents(await b.request('/api/replication/fiches/pull-stream', { token: other }));
    assert.equal((await a.request('/api/auth/logout', { method: 'POST', token })).status, 204);
    // The periodic re-check comes every 15 s: closed within 5 s, the stream was told.
    const outcome = await Promise.race([ended.closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5000).unref())]);
    assert.equal(outcome, 'closed');
    assert.equal(ended.events.at(-1), 'RESYNC', 'the client is told its session ended');
    const stillOpen = await Promise.race([goesOn.closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 500).unref())]);
    assert.equal(stillOpen, 'still open', 'the other session’s stream goes on');
    await goesOn.close();
  });

  it('ends on the other instance, at once, the sessions a password change ends', async () => {
    const changer = await a.signIn('dr.martin@demo.test', 'Medecin#2026');
    const elsewhere = await b.signIn('dr.martin@demo.test', 'Medecin#2026');
    assert.equal((await b.request('/api/account', { token: elsewhere })).status, 200);
    const changed = await a.request('/api/account/password', { method: 'POST', token: changer, json: { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027' } });
    assert.equal(changed.status, 200, await changed.clone().text());
    assert.equal((await b.request('/api/account', { token: elsewhere })).status, 401);
    assert.equal((await b.request('/api/account', { token: changer })).status, 200, 'the session that changed it goes on, on either instance');
  });

  it('counts a rate limit on both instances in one window', async () => {
    const request = (instance: DemoApp) => instance.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.durand@demo.test' } });
    const statuses = [];
    for (const instance of [a, b, a, b]) statuses.push((await request(instance)).status);
    assert.deepEqual(statuses, [202, 202, 202, 429], 'three reset requests an hour per identifier, whichever instance takes them');
    assert.equal((await a.outbox()).length, 3, 'no fourth e-mail');
  });
});
