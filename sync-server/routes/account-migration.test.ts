import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

/** The demo's former accounts (`db/seed-demo-former-accounts.ts`), one per situation of the pharmacists' guide. */
const HALLES = { email: 'pharmacie.halles@demo.test', finess: '750012346', rpps: '10013456784', password: 'Pharma#2026' };
const COTEAUX = { email: 'labo.coteaux@demo.test', finess: '330123456', rpps: '10014567894', password: 'Biolog#2026' };
const GARE = { email: 'pharmacie.gare@demo.test', finess: '690045679', rpps: '10015678906', password: 'Pharma#2026', administrative: 'officine.gare@demo.test' };

for (const backend of TEST_BACKENDS)
  describe(`migration of former pharmacy and laboratory accounts${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => {
      demo = await createDemoApp({ backend: backend.name });
    });
    afterEach(() => demo.dispose());

    const get = (path: string, token: string) => demo.request(path, { token });
    const post = (path: string, body: unknown, token: string) => demo.request(path, { method: 'POST', json: body, token });
    const login = (identifier: string, password: string) => demo.request('/api/auth/login', { method: 'POST', json: { identifier, password } });
    const card = (rpps: string, code = '1234') => demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code } } });
    const user = async (token: string) => (await json(await get('/api/auth/session', token))).user;
    const kindOf = async (id: string) => (await demo.storeRows(`SELECT account_kind AS kind FROM users WHERE id = '${id}'`))[0]!['kind'];

    it('situation 1: a CPS card sign-in makes the former account a structure manager’s at once, tells it once, and the FINESS number no longer signs in', async () => {
      const signedIn = await json(await card(HALLES.rpps));
      assert.equal(signedIn.user.accountKind, 'responsable');
      assert.deepEqual(signedIn.user.accountMigration, { status: 'migrated', situation: 1, accountKind: 'responsable' });
      assert.equal(signedIn.user.id, 'u-pharmacie-halles', 'the same account: its files, delegations and history are kept');
      assert.deepEqual(signedIn.user.structures.map((s: { finess: string }) => s.finess), [HALLES.finess]);

      const mail = (await demo.outbox()).at(-1)!;
      assert.equal(mail.recipient, HALLES.email);
      assert.equal(mail.subject, 'Votre compte devient un compte responsable de structure');
      assert.match(mail.body, /Vous vous êtes connecté avec votre carte CPS/);
      assert.match(mail.body, /vous ne pouvez plus vous connecter avec le numéro 750012346/);
      const audit = await demo.storeRows("SELECT action, structure_id AS structure, changes FROM audit WHERE actor_id = 'u-pharmacie-halles' AND action = 'account_migrated'");
      assert.deepEqual(audit.map((row) => [row['structure'], JSON.parse(String(row['changes']))]), [['s-pharmacie-halles', { situation: 1, signIn: 'cps', accountKind: ['ancien', 'responsable'] }]]);

      assert.equal((await login(HALLES.finess, HALLES.password)).status, 401, 'no longer by the FINESS number');
      const byEmail = await json(await login(HALLES.email, HALLES.password));
      assert.deepEqual(byEmail.user.accountMigration, { status: 'migrated', situation: 1, accountKind: 'responsable' }, 'told until acknowledged');
      assert.equal((await get('/api/replication/fiches/pull', byEmail.token)).status, 200, 'every service is open');
      const events = (await json(await get('/api/account/events', byEmail.token))).events.map((e: { action: string }) => e.action);
      assert.ok(events.includes('account_migrated'), events.join());

      assert.equal((await post('/api/account/migration/acknowledge', {}, byEmail.token)).status, 204);
      assert.equal((await user(byEmail.token)).accountMigration, null);
      assert.equal((await post('/api/account/migration/acknowledge', {}, byEmail.token)).status, 204, 'acknowledging again changes nothing');
      assert.equal((await (await card(HALLES.rpps)).json()).user.accountMigration, null, 'not told again at the next sign-in');

      const lookup = await json(await demo.request('/api/accounts/lookup', { method: 'POST', json: { number: HALLES.finess } }));
      assert.deepEqual([lookup.accountKind, lookup.paths], ['administratif', ['post']], 'an administrative account may still be created for the pharmacy');
    });

    it('situation 1: a wrong holder code signs nobody in and migrates nothing', async () => {
      const refused = await card(HALLES.rpps, '0000');
      assert.equal(refused.status, 401);
      assert.equal(await kindOf('u-pharmacie-halles'), 'ancien');
      assert.equal((await demo.outbox()).filter((m) => m.recipient === HALLES.email).length, 0);
    });

    it('situation 2: a password sign-in without an administrative account asks for the choice, and nothing else is served until then', async () => {
      const signedIn = await json(await login(COTEAUX.finess, COTEAUX.password));
      assert.equal(signedIn.user.accountKind, 'ancien');
      assert.deepEqual(signedIn.user.accountMigration, { status: 'choice_required' });
      const token = signedIn.token as string;
      const blocked = await get('/api/replication/fiches/pull', token);
      assert.equal(blocked.status, 403);
      assert.equal((await json(blocked)).reason, 'account_migration_required');
      assert.equal((await post('/api/account/email', { email: 'x@y.fr', emailConfirmation: 'x@y.fr', consent: true }, token)).status, 403);
      assert.equal((await get('/api/account', token)).status, 200, 'the account page is readable');
      assert.equal((await demo.outbox()).filter((m) => m.recipient === COTEAUX.email).length, 0, 'nothing migrated, nothing sent');
    });

    it('situation 2: refuses a choice without a kind, a malformed address, another account’s address — each next to its field', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      const none = await post('/api/account/migration', {}, token);
      assert.equal(none.status, 422);
      assert.match((await json(none)).fields.accountKind, /Choisissez le type de votre compte/);
      const english = await demo.request('/api/account/migration', { method: 'POST', json: { accountKind: 'directeur' }, token, headers: { 'accept-language': 'en' } });
      assert.match((await json(english)).fields.accountKind, /Choose the kind of your account/);
      const malformed = await post('/api/account/migration', { accountKind: 'administratif', email: 'pas-une-adresse' }, token);
      assert.equal(malformed.status, 422);
      assert.ok((await json(malformed)).fields.email);
      const taken = await post('/api/account/migration', { accountKind: 'administratif', email: 'dr.martin@demo.test' }, token);
      assert.equal(taken.status, 409);
      assert.deepEqual([(await json(taken)).reason], ['email_taken']);
      assert.equal(await kindOf('u-labo-coteaux'), 'ancien', 'nothing changed');
    });

    it('situation 2, administrative account: the structure’s name, no more CPS card, the FINESS number signs in, a new address by its link; the professional may then create their own account with the card', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      const chosen = await post('/api/account/migration', { accountKind: 'administratif', email: 'secretariat@labo-coteaux.fr' }, token);
      assert.equal(chosen.status, 200);
      const answer = await json(chosen);
      assert.deepEqual(answer.accountMigration, { status: 'migrated', situation: 2, accountKind: 'administratif' });
      assert.match(answer.message, /secretariat@labo-coteaux\.fr/);
      const now = await user(token);
      assert.deepEqual([now.accountKind, now.civility, now.firstName, now.lastName], ['administratif', '', '', 'Laboratoire des Coteaux']);
      assert.equal((await get('/api/replication/fiches/pull', token)).status, 200, 'the services open');

      const mails = await demo.outbox();
      const notice = mails.find((m) => m.recipient === COTEAUX.email)!;
      assert.equal(notice.subject, 'Votre compte devient le compte administratif de la structure');
      assert.match(notice.body, /vous ne pouvez plus vous connecter avec votre carte CPS/);
      const link = mails.find((m) => m.recipient === 'secretariat@labo-coteaux.fr')!;
      assert.equal(link.subject, 'Validez votre nouvelle adresse e-mail');

      const again = await post('/api/account/migration', { accountKind: 'responsable' }, token);
      assert.equal(again.status, 409);
      assert.equal((await json(again)).reason, 'already_migrated');

      const byCard = await card(COTEAUX.rpps);
      assert.equal(byCard.status, 401, 'the card no longer signs the administrative account in');
      assert.equal((await json(byCard)).reason, 'unknown_card');
      assert.equal((await login(COTEAUX.finess, COTEAUX.password)).status, 200, 'the FINESS number does');
      const creation = await demo.request('/api/accounts/cps', { method: 'POST', json: { card: { rpps: COTEAUX.rpps, code: '1234' } } });
      assert.equal(creation.status, 200, 'M. Faure may create his structure-manager account with his card');
      assert.equal((await json(creation)).identity.accountKind, 'responsable');

      assert.equal((await demo.request('/api/accounts/email-validation', { method: 'POST', json: { token: linkToken(link.body) } })).status, 200);
      assert.equal((await login('secretariat@labo-coteaux.fr', COTEAUX.password)).status, 200, 'the new address is the identifier once validated');
    });

    it('situation 2, structure manager: the card signs in, the FINESS number no longer does; the address is kept when none is given', async () => {
      const token = await demo.signIn(COTEAUX.finess, COTEAUX.password);
      const chosen = await json(await post('/api/account/migration', { accountKind: 'responsable', email: '' }, token));
      assert.deepEqual(chosen.accountMigration, { status: 'migrated', situation: 2, accountKind: 'responsable' });
      assert.equal((await demo.outbox()).filter((m) => m.subject.startsWith('Validez')).length, 0, 'no address to validate');
      assert.equal((await login(COTEAUX.finess, COTEAUX.password)).status, 401);
      const byCard = await json(await card(COTEAUX.rpps));
      assert.deepEqual([byCard.user.id, byCard.user.lastName], ['u-labo-coteaux', 'Faure']);
    });

    it('situation 2: an administrative account created meanwhile refuses the administrative choice, next to the choice', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      const byPost = await demo.request('/api/accounts/by-post', { method: 'POST', json: { number: COTEAUX.finess, email: 'accueil@labo-coteaux.fr', emailConfirmation: 'accueil@labo-coteaux.fr', consent: true } });
      assert.equal(byPost.status, 201, await byPost.clone().text());
      const refused = await post('/api/account/migration', { accountKind: 'administratif' }, token);
      assert.equal(refused.status, 409);
      const body = await json(refused);
      assert.equal(body.reason, 'administrative_account_exists');
      assert.match(body.fields.accountKind, /choisissez le compte responsable de structure/);
      assert.equal((await post('/api/account/migration', { accountKind: 'responsable' }, token)).status, 200);
    });

    it('situation 2: two choices sent at once migrate the account once', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      const answers = await Promise.all([post('/api/account/migration', { accountKind: 'administratif' }, token), post('/api/account/migration', { accountKind: 'responsable' }, token)]);
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409]);
      assert.equal((await demo.storeRows("SELECT count(*) AS n FROM account_migrations WHERE user_id = 'u-labo-coteaux'"))[0]!['n'], 1);
      assert.equal((await demo.outbox()).filter((m) => m.recipient === COTEAUX.email).length, 1, 'one notice');
    });

    it('situation 2: the choices are rate-limited (a refusal tells whether an address is taken)', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      for (let i = 0; i < 10; i += 1) assert.equal((await post('/api/account/migration', { accountKind: 'administratif', email: `pris${i}@` }, token)).status, 422);
      const limited = await post('/api/account/migration', { accountKind: 'administratif' }, token);
      assert.equal(limited.status, 429);
      assert.ok((await json(limited)).retryAfter > 0);
      assert.equal(await kindOf('u-labo-coteaux'), 'ancien');
    });

    it('situation 2: a new address’s link that expired leaves the account’s address as it was', async () => {
      const token = await demo.signIn(COTEAUX.email, COTEAUX.password);
      await post('/api/account/migration', { accountKind: 'administratif', email: 'secretariat@labo-coteaux.fr' }, token);
      const link = (await demo.outbox()).find((m) => m.recipient === 'secretariat@labo-coteaux.fr')!;
      demo.advance(49 * 60 * 60 * 1000);
      const expired = await demo.request('/api/accounts/email-validation', { method: 'POST', json: { token: linkToken(link.body) } });
      assert.equal(expired.status, 400);
      assert.equal((await json(expired)).reason, 'invalid_link');
      assert.equal((await login(COTEAUX.email, COTEAUX.password)).status, 200);
    });

    it('situation 3: a password sign-in when the structure has an administrative account migrates to a structure manager’s at once; the FINESS number then names the administrative account alone', async () => {
      const shared = await login(GARE.finess, GARE.password);
      assert.equal(shared.status, 409, 'before the migration, the number names two accounts');
      assert.equal((await json(shared)).reason, 'shared_number');

      const reset = await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: GARE.finess } });
      assert.equal(reset.status, 409, 'a reset by the number would not know whose link to send');
      assert.equal((await json(reset)).reason, 'shared_number');
      assert.equal((await demo.outbox()).length, 0, 'and sends nothing');

      const signedIn = await json(await login(GARE.email, GARE.password));
      assert.equal(signedIn.user.accountKind, 'responsable');
      assert.deepEqual(signedIn.user.accountMigration, { status: 'migrated', situation: 3, accountKind: 'responsable' });
      const mail = (await demo.outbox()).at(-1)!;
      assert.equal(mail.recipient, GARE.email);
      assert.match(mail.body, /Un compte administratif existe déjà pour votre structure/);
      const choice = await post('/api/account/migration', { accountKind: 'administratif' }, signedIn.token);
      assert.equal(choice.status, 409);
      assert.equal((await json(choice)).reason, 'already_migrated');

      assert.equal((await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: GARE.finess } })).status, 202);
      assert.equal((await demo.outbox()).at(-1)!.recipient, GARE.administrative, 'the number’s reset link goes to the administrative account');
      const byNumber = await json(await login(GARE.finess, GARE.password));
      assert.equal(byNumber.user.email, GARE.administrative, 'the FINESS number signs the administrative account in');
      assert.equal(byNumber.user.accountMigration, null);
      assert.equal((await card(GARE.rpps)).status, 200, 'M. Leclerc’s card signs his account in');
    });

    it('refuses a choice or an acknowledgement from an account that has no migration', async () => {
      const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const choice = await post('/api/account/migration', { accountKind: 'responsable' }, token);
      assert.equal(choice.status, 409);
      assert.equal((await json(choice)).reason, 'no_migration');
      const acknowledged = await post('/api/account/migration/acknowledge', {}, token);
      assert.equal(acknowledged.status, 409);
      assert.equal((await json(acknowledged)).reason, 'no_migration');
      assert.equal((await user(token)).accountMigration, null);
    });
  });
