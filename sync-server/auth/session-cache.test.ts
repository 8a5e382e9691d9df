import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';
import { hashToken, SESSION_CACHE_TTL_MS } from './sessions.ts';

type Json = Record<string, any>;

/**
 * Sessions are looked up once per token and kept in a cache: a session that ends is refused on
 * the very next request, whatever ended it, while the others carry on.
 */
for (const backend of TEST_BACKENDS)
  describe(`the session cache${backend.label}`, { skip: backend.skip }, () => {
    let demo: Awaited<ReturnType<typeof createDemoApp>>;
    beforeEach(async () => {
      demo = await createDemoApp({ backend: backend.name });
    });
    afterEach(() => demo.dispose());

    const pull = (token: string) => demo.request('/api/replication/fiches/pull', { token });
    const refusedAsEnded = async (token: string, message: string) => {
      const response = await pull(token);
      assert.equal(response.status, 401, message);
      assert.equal(((await response.json()) as Json).reason, 'session_expired');
    };
    const cps = async (rpps: string) => ((await (await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code: '1234' } } })).json()) as Json).token as string;

    it('refuses a signed-out session at the next request, and only that one', async () => {
      const ended = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const other = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      assert.equal((await pull(ended)).status, 200, 'looked up, now cached');
      assert.equal((await pull(other)).status, 200);
      assert.equal((await demo.request('/api/auth/logout', { method: 'POST', token: ended })).status, 204);
      await refusedAsEnded(ended, 'the signed-out token is refused at once');
      assert.equal((await pull(other)).status, 200, 'the other session goes on');
    });

    it('refuses the other sessions of an account whose password changed, at once; the one that changed it goes on', async () => {
      const changing = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const other = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      assert.equal((await pull(other)).status, 200);
      const changed = await demo.request('/api/account/password', { method: 'POST', token: changing, json: { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027' } });
      assert.equal(changed.status, 200);
      await refusedAsEnded(other, 'the other session ends with the old password');
      assert.equal((await pull(changing)).status, 200);
    });

    it('refuses every session of an account whose password was reset, at once', async () => {
      const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      assert.equal((await pull(token)).status, 200);
      await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.martin@demo.test' } });
      const reset = await demo.request('/api/auth/password-reset/confirm', { method: 'POST', json: { token: linkToken((await demo.outbox()).at(-1)!.body), password: 'Reinit#2028' } });
      assert.equal(reset.status, 200);
      await refusedAsEnded(token, 'a reset ends the sessions opened with the old password');
    });

    it('refuses a délégué’s session at once when the délégant deletes the delegation', async () => {
      const martin = await cps('10001234565');
      const created = await demo.request('/api/delegations', {
        method: 'POST',
        token: martin,
        json: { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] },
      });
      const { id } = (await created.json()) as Json;
      await demo.request('/api/delegations/invitation/answer', { method: 'POST', json: { token: linkToken((await demo.outbox()).filter((m) => m.recipient === 'remplacant@demo.test').at(-1)!.body), action: 'accept' } });
      const own = await cps('10006789019');
      const acting = ((await (await demo.request(`/api/delegations/${id}/act`, { method: 'POST', token: own, json: {} })).json()) as Json).token as string;
      assert.equal((await pull(acting)).status, 200, 'the délégué works for the délégant');
      assert.equal((await demo.request(`/api/delegations/${id}/delete`, { method: 'POST', token: martin, json: {} })).status, 200);
      assert.notEqual((await pull(acting)).status, 200, 'the délégué’s session no longer reaches the délégant’s files');
      assert.equal((await pull(martin)).status, 200);
    });

    it('refuses a session revoked straight in the database once the cached row is too old to trust', async () => {
      const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      assert.equal((await pull(token)).status, 200);
      await demo.storeRows(`UPDATE sessions SET revoked_at = '${demo.clock.now.toISOString()}' WHERE token_hash = '${hashToken(token)}'`);
      demo.clock.now = new Date(demo.clock.now.getTime() + SESSION_CACHE_TTL_MS);
      await refusedAsEnded(token, 'read again from the database');
    });

    it('refuses a session past its expiry even while its row is cached', async () => {
      const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      assert.equal((await pull(token)).status, 200);
      const { expiresAt } = (await (await demo.request('/api/auth/session', { token })).json()) as Json;
      demo.clock.now = new Date(new Date(expiresAt).getTime());
      await refusedAsEnded(token, 'expired');
    });
  });
