import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { luhnKeyFor } from '../../domain/index.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS)
  describe(`POST /api/auth/cps (simulated CPS card)${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
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
      const audit = await demo.storeRows("SELECT actor_id FROM audit WHERE action = 'sign_in_cps'");
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

    describe('an establishment director’s card (the FINESS of the health centre)', () => {
      it('signs the centre’s director in strongly, who may then delegate (seed 003: « un directeur d’établissement »)', async () => {
        const response = await cps({ finess: '750054322', code: '1234' });
        assert.equal(response.status, 200);
        const body = await json(response);
        assert.deepEqual([body.user.email, body.user.accountKind, body.user.strongAuth], ['cds.daumesnil@demo.test', 'directeur', true]);
        const created = await demo.request('/api/delegations', {
          method: 'POST',
          token: body.token,
          json: { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cds-daumesnil'] },
        });
        assert.equal(created.status, 201);
        assert.equal((await json(created)).delegantName, 'M. Karim Benali');
        const password = await demo.signIn('cds.daumesnil@demo.test', 'Centre#2026');
        const weak = await demo.request('/api/delegations', { method: 'POST', token: password, json: { delegateEmail: 'autre@exemple.fr', profile: 'comptable', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cds-daumesnil'] } });
        assert.equal((await json(weak)).reason, 'strong_auth_required', 'the password alone does not delegate');
      });

      it('refuses a centre without a director’s account, a malformed FINESS and wrong holder codes (locked at the third), with reasons', async () => {
        const lilas = await cps({ finess: '930045604', code: '1234' });
        assert.equal(lilas.status, 401);
        assert.match((await json(lilas)).error, /Aucun compte de directeur de centre de santé/);
        const malformed = await cps({ finess: '75005432', code: '1234' });
        assert.equal(malformed.status, 400);
        assert.match((await json(malformed)).error, /FINESS/);
        for (const code of ['0000', '1111']) assert.equal((await cps({ finess: '750054322', code })).status, 401);
        const third = await cps({ finess: '750054322', code: '2222' });
        assert.equal(third.status, 423);
        assert.equal((await cps({ finess: '750054322', code: '1234' })).status, 423, 'locked, even with the right code');
        assert.equal((await cps({ rpps: '10001234565', code: '1234' })).status, 200, 'another card is not locked');
      });
    });

    describe('a CPE card (a medical assistant’s, as her delegation names it)', () => {
      it('signs the délégué in strongly; acting for the délégant keeps the strong session', async () => {
        const response = await cps({ cpe: 'CPE-2026-0042', code: '1234' });
        assert.equal(response.status, 200);
        const body = await json(response);
        assert.deepEqual([body.user.email, body.user.role, body.user.strongAuth], ['assistante.medicale@demo.test', 'delegue', true]);
        // The seed's delegation starts on the seed's day; the test clock is earlier: its window is moved to include it.
        await demo.storeRows("UPDATE delegations SET valid_from = '2026-11-01' WHERE id = 'd-demo-assistante'");
        const acting = await demo.request('/api/delegations/d-demo-assistante/act', { method: 'POST', token: body.token });
        assert.equal(acting.status, 200);
        const session = await json(await demo.request('/api/auth/session', { token: (await json(acting)).token }));
        assert.deepEqual([session.user.id, session.actor.id, session.delegation.profile, session.user.strongAuth], ['u-martin', 'u-assistante', 'assistant_medical', true]);
      });

      it('refuses a CPE no validated delegation names (unknown, or its delegation deleted), a malformed one, and account creation with it', async () => {
        const unknown = await cps({ cpe: 'CPE-2026-9999', code: '1234' });
        assert.equal(unknown.status, 401);
        assert.match((await json(unknown)).error, /Aucune délégation validée d’assistant médical ne mentionne cette carte CPE/);
        assert.equal((await cps({ cpe: 'cpe-2026-0042', code: '1234' })).status, 401, 'every character counts, case included');
        const spaced = await cps({ cpe: 'CPE 2026 0042', code: '1234' });
        assert.equal(spaced.status, 400);
        assert.match((await json(spaced)).error, /sans les espaces/);
        const creation = await demo.request('/api/accounts/cps', { method: 'POST', json: { card: { cpe: 'CPE-2026-0042', code: '1234' } } });
        assert.equal(creation.status, 400);
        assert.equal((await json(creation)).reason, 'card_cannot_create');
        const martin = (await json(await cps({ rpps: '10001234565', code: '1234' }))).token;
        assert.equal((await demo.request('/api/delegations/d-demo-assistante/delete', { method: 'POST', token: martin })).status, 200);
        assert.equal((await cps({ cpe: 'CPE-2026-0042', code: '1234' })).status, 401, 'the delegation deleted, the card no longer signs in');
      });
    });
  });
