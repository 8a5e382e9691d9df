import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;
const codes = (terms: { code: string }[]) => terms.map((term) => term.code);

for (const backend of TEST_BACKENDS)
  describe(`my account (/api/account)${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    let token: string;
    beforeEach(async () => {
      demo = await createDemoApp({ backend: backend.name });
      token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    });
    afterEach(() => demo.dispose());

    const get = (path: string, as = token) => demo.request(path, { token: as });
    const post = (path: string, body: unknown, as = token) => demo.request(path, { method: 'POST', json: body, token: as });

    it('shows the professional information: contract status, approvals, places of practice with their address, phone and insurer office', async () => {
      const profile = await json(await get('/api/account'));
      assert.deepEqual([profile.civility, profile.lastName, profile.rpps, profile.specialty, profile.accountKind], ['Dr', 'Martin', '10001234565', 'Médecine générale', 'liberal']);
      assert.equal(profile.listedProfessional, true);
      assert.deepEqual(profile.contractStatus, { code: 'secteur_1', label: { fr: 'Conventionné secteur 1', en: 'Contracted, sector 1 (agreed fees)' } }, 'each code comes with its labels: the page carries none');
      assert.deepEqual(profile.approvals, [{ code: 'radio', label: { fr: 'Agrément radio', en: 'Radiology approval' } }]);
      assert.deepEqual(profile.structures, [
        {
          id: 's-cabinet-martin',
          kind: 'cabinet',
          name: 'Cabinet Martin',
          number: '631994977',
          street: '24 avenue Daumesnil',
          postcode: '75012',
          commune: 'Paris',
          phone: '01 43 07 12 34',
          approvals: [],
          insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
        },
      ]);
      assert.equal((await get('/api/account', 'x'.repeat(43))).status, 401);
    });

    it('shows each place of a doctor with two practices with its own insurer office, and a pharmacy’s authorisations', async () => {
      const leroy = await json(await get('/api/account', await demo.signIn('931012348', 'Medecin#2026')));
      assert.deepEqual([leroy.contractStatus.code, codes(leroy.approvals)], ['secteur_1', ['mammographie']]);
      assert.deepEqual(
        leroy.structures.map((s: Record<string, any>) => [s.number, s.phone, s.insurerOffice.label, s.insurerOffice.phone]),
        [
          ['752012344', '01 43 66 52 10', '751 - CPAM de Paris', '3608'],
          ['931012348', '01 48 58 33 27', '931 - CPAM de la Seine-Saint-Denis', '01 48 95 40 00'],
        ],
      );
      const pharmacy = await json(await get('/api/account', await demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026')));
      assert.deepEqual([pharmacy.contractStatus.code, pharmacy.approvals], ['conventionne', []]);
      assert.deepEqual(pharmacy.structures.map((s: Record<string, any>) => [s.number, s.phone, codes(s.approvals)]), [['750043218', '01 42 72 03 18', ['vaccination', 'tests_antigeniques']]]);
      assert.equal(pharmacy.structures[0].approvals[0].label.fr, 'Autorisation de vacciner à l’officine');
    });

    it('has no contract status for an account that is no professional of the directory (a health-centre director), and shows the centre’s', async () => {
      const director = await json(await get('/api/account', await demo.signIn('cds.daumesnil@demo.test', 'Centre#2026')));
      assert.deepEqual([director.listedProfessional, director.contractStatus, director.approvals], [false, null, []]);
      assert.deepEqual(director.structures.map((s: Record<string, any>) => [s.number, s.phone, codes(s.approvals)]), [['750054322', '01 44 75 60 60', ['accord_national_cds']]]);
    });

    it('reads what the directory holds, not a copy: a corrected phone or contract status shows at the next load; a code without labels reads as itself', async () => {
      await demo.storeRows("UPDATE structures SET phone = '01 40 00 00 00', approvals = '[\"agrement_futur\"]' WHERE id = 's-cabinet-martin'");
      await demo.storeRows("UPDATE directory_professionals SET contract_status = 'secteur_2', approvals = 'not json' WHERE id = 'p-martin'");
      const profile = await json(await get('/api/account'));
      assert.deepEqual([profile.contractStatus.label.fr, profile.approvals, profile.structures[0].phone], ['Conventionné honoraires libres (secteur 2)', [], '01 40 00 00 00']);
      assert.deepEqual(profile.structures[0].approvals, [{ code: 'agrement_futur', label: { fr: 'agrement_futur', en: 'agrement_futur' } }]);
      await demo.storeRows("UPDATE directory_professionals SET contract_status = '' WHERE id = 'p-martin'");
      const none = await json(await get('/api/account'));
      assert.deepEqual([none.listedProfessional, none.contractStatus], [true, null], 'a professional with nothing on file');
    });

    it('lists the latest events newest first: CPS and password sign-ins, reset, e-mail and password changes', async () => {
      demo.advance(60_000);
      await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps: '10001234565', code: '1234' } } });
      demo.advance(60_000);
      await post('/api/account/password', { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027' });
      demo.advance(60_000);
      await post('/api/account/email', { email: 'claire.martin@exemple.fr', emailConfirmation: 'claire.martin@exemple.fr', consent: true });
      await demo.request('/api/accounts/email-validation', { method: 'POST', json: { token: linkToken((await demo.outbox()).at(-1)!.body) } });
      demo.advance(60_000);
      await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'claire.martin@exemple.fr' } });
      await demo.request('/api/auth/password-reset/confirm', { method: 'POST', json: { token: linkToken((await demo.outbox()).at(-1)!.body), password: 'Reinit#2028' } });
      const fresh = await demo.signIn('claire.martin@exemple.fr', 'Reinit#2028');
      const { events } = await json(await get('/api/account/events', fresh));
      assert.deepEqual(
        events.map((e: { action: string }) => e.action),
        ['sign_in_password', 'password_reset', 'email_change', 'password_change', 'sign_in_cps', 'sign_in_password'],
      );
      assert.ok(events.every((e: { at: string }) => /^\d{4}-\d{2}-\d{2}T/.test(e.at)));
    });

    describe('changing the e-mail', () => {
      it('keeps the old address until the new one is validated by its link, then tells the old address', async () => {
        const asked = await post('/api/account/email', { email: 'claire.martin@exemple.fr', emailConfirmation: 'claire.martin@exemple.fr', consent: true });
        assert.equal(asked.status, 202);
        assert.match((await json(asked)).message, /claire\.martin@exemple\.fr/);
        assert.equal((await json(await get('/api/account'))).pendingEmail, 'claire.martin@exemple.fr');
        assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'claire.martin@exemple.fr', password: 'Medecin#2026' } })).status, 401);

        const mail = (await demo.outbox()).at(-1)!;
        assert.deepEqual([mail.recipient, mail.subject], ['claire.martin@exemple.fr', 'Validez votre nouvelle adresse e-mail']);
        assert.equal((await demo.request('/api/accounts/email-validation', { method: 'POST', json: { token: linkToken(mail.body) } })).status, 200);

        const profile = await json(await get('/api/account'));
        assert.deepEqual([profile.email, profile.pendingEmail], ['claire.martin@exemple.fr', null]);
        assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'claire.martin@exemple.fr', password: 'Medecin#2026' } })).status, 200);
        assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'dr.martin@demo.test', password: 'Medecin#2026' } })).status, 401);
        const notice = (await demo.outbox()).at(-1)!;
        assert.equal(notice.recipient, 'dr.martin@demo.test');
        assert.doesNotMatch(notice.body, /claire\.martin/, 'the old address is not told the new one');
      });

      it('refuses a mistyped confirmation, an unticked box, the same address, another account’s address', async () => {
        const mismatch = await json(await post('/api/account/email', { email: 'a@exemple.fr', emailConfirmation: 'b@exemple.fr', consent: false }));
        assert.equal(mismatch.fields.emailConfirmation, 'Les deux adresses e-mail ne sont pas identiques.');
        assert.ok(mismatch.fields.consent);
        assert.equal((await post('/api/account/email', { email: 'DR.MARTIN@demo.test', emailConfirmation: 'dr.martin@demo.test', consent: true })).status, 422);
        const taken = await post('/api/account/email', { email: 'dr.durand@demo.test', emailConfirmation: 'dr.durand@demo.test', consent: true });
        assert.equal(taken.status, 409);
        assert.equal((await demo.outbox()).length, 0);
      });
    });

    describe('changing the password', () => {
      const change = (body: Record<string, unknown>, as = token) => post('/api/account/password', { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027', ...body }, as);

      it('asks the current password and the new one twice, then ends the other sessions but not this one', async () => {
        const other = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
        const wrong = await change({ currentPassword: 'Mauvais#1' });
        assert.equal(wrong.status, 422);
        assert.equal((await json(wrong)).fields.currentPassword, 'Le mot de passe actuel est incorrect.');
        assert.equal((await json(await change({ passwordConfirmation: 'Nouveau#2028' }))).fields.passwordConfirmation, 'Les deux mots de passe ne sont pas identiques.');
        assert.match((await json(await change({ password: 'court', passwordConfirmation: 'court' }))).fields.password, /8 caractères/);
        assert.equal((await change({ password: 'Medecin#2026', passwordConfirmation: 'Medecin#2026' })).status, 422, 'not the same password again');

        assert.equal((await change({})).status, 200);
        assert.equal((await get('/api/auth/session')).status, 200, 'this session stays');
        assert.equal((await get('/api/auth/session', other)).status, 401, 'the others end');
        assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'dr.martin@demo.test', password: 'Nouveau#2027' } })).status, 200);
      });

      it('limits attempts at guessing the current password through a session', async () => {
        for (let i = 0; i < 5; i++) assert.equal((await change({ currentPassword: `Mauvais#${i}` })).status, 422);
        assert.equal((await change({})).status, 429);
      });
    });

    it('keeps the preferences, refusing an unknown language', async () => {
      assert.deepEqual((await json(await get('/api/account'))).preferences, { locale: 'fr', emailCommunications: true });
      assert.equal((await post('/api/account/preferences', { locale: 'de', emailCommunications: true })).status, 422);
      assert.equal((await post('/api/account/preferences', { locale: 'en', emailCommunications: false })).status, 200);
      assert.deepEqual((await json(await get('/api/account'))).preferences, { locale: 'en', emailCommunications: false });
    });

    it('shows the welcome once: firstSignIn until the dialog is closed', async () => {
      const ticket = (await json(await demo.request('/api/accounts/cps', { method: 'POST', json: { card: { rpps: '10007890121', code: '1234' } } }))).ticket;
      const created = await json(
        await demo.request('/api/accounts', {
          method: 'POST',
          json: { ticket, civility: 'Dr', email: 'j.lambert@exemple.fr', emailConfirmation: 'j.lambert@exemple.fr', password: 'Lambert#2026', passwordConfirmation: 'Lambert#2026', consent: true },
        }),
      );
      assert.equal(created.user.firstSignIn, true);
      assert.equal((await post('/api/account/welcome', {}, created.token)).status, 204);
      assert.equal((await json(await get('/api/auth/session', created.token))).user.firstSignIn, false);
      assert.equal((await json(await get('/api/auth/session'))).user.firstSignIn, false, 'the demo accounts are past their first sign-in');
    });

    it('asks a doctor whose e-mail is shared (two practices, a group practice) for an address of their own until it is validated by its link', async () => {
      const leroy = await demo.signIn('752012344', 'Medecin#2026');
      const session = async (as: string) => (await json(await get('/api/auth/session', as))).user;
      assert.equal((await session(leroy)).ownEmailRequired, true);
      assert.deepEqual((await session(leroy)).structures.map((s: { amNumber: string }) => s.amNumber).sort(), ['752012344', '931012348'], 'one account for both practices');
      assert.equal((await session(token)).ownEmailRequired, false, 'Dr Martin’s address is her own');
      const taken = await post('/api/account/email', { email: 'dr.martin@demo.test', emailConfirmation: 'dr.martin@demo.test', consent: true }, leroy);
      assert.equal(taken.status, 409, 'another account’s address is refused');
      const asked = await post('/api/account/email', { email: 'thomas.leroy@exemple.fr', emailConfirmation: 'thomas.leroy@exemple.fr', consent: true }, leroy);
      assert.equal(asked.status, 202);
      assert.equal((await session(leroy)).ownEmailRequired, true, 'still asked until the link is followed');
      const mail = (await demo.outbox()).at(-1)!;
      assert.equal(mail.recipient, 'thomas.leroy@exemple.fr');
      assert.equal((await demo.request('/api/accounts/email-validation', { method: 'POST', json: { token: linkToken(mail.body) } })).status, 200);
      assert.equal((await session(leroy)).ownEmailRequired, false);
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'thomas.leroy@exemple.fr', password: 'Medecin#2026' } })).status, 200);
      const colin = await demo.signIn('secretariat.tilleuls@demo.test', 'Medecin#2026');
      assert.equal((await session(colin)).lastName, 'Colin', 'the address left to Dr Colin alone becomes her identifier');
      assert.equal((await session(colin)).ownEmailRequired, false);
    });

    it('sends the validation link again while the address is not validated', async () => {
      assert.equal((await post('/api/account/email/resend-validation', {})).status, 409, 'the demo account’s address is validated');
    });
  });
