import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

const LAMBERT = { rpps: '10007890121', am: '940123409', nir: '286059402812325', iban: '0147' };
const ROUX_AM = '940234503';
const PHARMACIE_MARCHE = '750078909';
const CDS_LILAS = '930045604';
const form = (ticket: string, overrides: Record<string, unknown> = {}) => ({
  ticket,
  civility: 'Dr',
  email: 'julie.lambert@exemple.fr',
  emailConfirmation: 'julie.lambert@exemple.fr',
  password: 'Lambert#2026',
  passwordConfirmation: 'Lambert#2026',
  consent: true,
  ...overrides,
});

for (const backend of TEST_BACKENDS)
  describe(`account creation${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    const post = (path: string, body: unknown, token?: string) => demo.request(path, { method: 'POST', json: body, ...(token ? { token } : {}) });
    const login = (identifier: string, password: string) => post('/api/auth/login', { identifier, password });
    const cpsTicket = async (rpps: string) => {
      const response = await post('/api/accounts/cps', { card: { rpps, code: '1234' } });
      assert.equal(response.status, 200, await response.clone().text());
      return json(response);
    };

    describe('what a number allows', () => {
      it('offers a liberal practitioner the security key or the letter, and a pharmacy or a health centre only the letter, without a word of a key', async () => {
        const cabinet = await json(await post('/api/accounts/lookup', { number: LAMBERT.am }));
        assert.deepEqual([cabinet.accountKind, cabinet.paths, cabinet.structure.name], ['liberal', ['security_key', 'post'], 'Cabinet Lambert']);
        const pharmacy = await json(await post('/api/accounts/lookup', { number: PHARMACIE_MARCHE }));
        assert.deepEqual([pharmacy.accountKind, pharmacy.paths], ['administratif', ['post']]);
        const centre = await json(await post('/api/accounts/lookup', { number: CDS_LILAS }));
        assert.deepEqual([centre.accountKind, centre.paths], ['directeur', ['post']]);
        assert.doesNotMatch(JSON.stringify([pharmacy, centre]), /clé de sécurité|security/i, 'a structure never has a security key: none is mentioned');
      });

      it('says when a number is unknown, malformed, or already has its account', async () => {
        const unknown = await post('/api/accounts/lookup', { number: '940000007' });
        assert.equal(unknown.status, 404);
        assert.match((await json(unknown)).error, /pas connu des référentiels/);
        assert.equal((await post('/api/accounts/lookup', { number: '12' })).status, 404);
        const martin = await post('/api/accounts/lookup', { number: '631994977' });
        assert.equal(martin.status, 409);
        assert.equal((await json(martin)).reason, 'account_exists');
      });
    });

    describe('strong, with the CPS card', () => {
      it('creates the account at once, opens a strong session, and makes the e-mail an identifier only once validated', async () => {
        const { ticket, identity } = await cpsTicket(LAMBERT.rpps);
        assert.deepEqual([identity.firstName, identity.lastName, identity.accountKind], ['Julie', 'Lambert', 'liberal']);
        assert.deepEqual(identity.structures, [{ name: 'Cabinet Lambert', number: LAMBERT.am, kind: 'cabinet' }]);

        const created = await post('/api/accounts', form(ticket));
        assert.equal(created.status, 201);
        const body = await json(created);
        assert.equal(body.user.strongAuth, true);
        assert.equal(body.user.firstSignIn, true);
        assert.equal(body.user.emailVerified, false);
        assert.deepEqual(body.user.structures.map((s: { name: string }) => s.name), ['Cabinet Lambert']);
        assert.equal((await demo.request('/api/auth/session', { token: body.token })).status, 200);

        assert.equal((await login('julie.lambert@exemple.fr', 'Lambert#2026')).status, 401, 'not an identifier before validation');
        assert.equal((await login(LAMBERT.am, 'Lambert#2026')).status, 200, 'the AM number signs in at once');
        assert.equal((await post('/api/auth/cps', { card: { rpps: LAMBERT.rpps, code: '1234' } })).status, 200);

        const mail = (await demo.outbox()).at(-1)!;
        assert.deepEqual([mail.channel, mail.recipient, mail.subject], ['email', 'julie.lambert@exemple.fr', 'Validez votre adresse e-mail']);
        const token = linkToken(mail.body);
        assert.equal(JSON.stringify(await demo.storeRows('SELECT * FROM email_validations')).includes(token), false, 'stored hashed');
        const validated = await post('/api/accounts/email-validation', { token });
        assert.equal(validated.status, 200);
        assert.match((await json(validated)).message, /julie\.lambert@exemple\.fr est validée/);
        assert.equal((await login('julie.lambert@exemple.fr', 'Lambert#2026')).status, 200);

        const reused = await post('/api/accounts/email-validation', { token });
        assert.equal(reused.status, 400);
        assert.match((await json(reused)).error, /n’est plus valable/);
        assert.equal((await post('/api/accounts', form(ticket, { email: 'autre@exemple.fr', emailConfirmation: 'autre@exemple.fr' }))).status, 400, 'a ticket serves once');
        assert.equal((await post('/api/accounts/cps', { card: { rpps: LAMBERT.rpps, code: '1234' } })).status, 409, 'one account per card');
      });

      it('refuses the form field by field with the shared schema’s messages, and writes nothing', async () => {
        const { ticket } = await cpsTicket(LAMBERT.rpps);
        const refused = await post('/api/accounts', form(ticket, { emailConfirmation: 'julie@exemple.fr', password: 'faible', passwordConfirmation: 'faible', consent: false }));
        assert.equal(refused.status, 422);
        const { fields } = await json(refused);
        assert.equal(fields.emailConfirmation, 'Les deux adresses e-mail ne sont pas identiques.');
        assert.match(fields.password, /majuscule/);
        assert.match(fields.consent, /conditions d’utilisation/);
        assert.equal((await post('/api/accounts', form(ticket, { passwordConfirmation: 'Lambert#2027' }))).status, 422);
        const taken = await post('/api/accounts', form(ticket, { email: 'dr.martin@demo.test', emailConfirmation: 'dr.martin@demo.test' }));
        assert.equal(taken.status, 409);
        assert.equal((await json(taken)).reason, 'email_taken');
        assert.equal((await post('/api/accounts', form(ticket))).status, 201, 'the refusals did not use the ticket');
      });

      it('expires a ticket after 30 minutes', async () => {
        const { ticket } = await cpsTicket(LAMBERT.rpps);
        demo.advance(30 * 60 * 1000 + 1);
        assert.equal((await post('/api/accounts', form(ticket))).status, 400);
      });

      it('makes a pharmacist’s card a structure-manager account and a health-centre employee’s a salaried one', async () => {
        const haddad = await cpsTicket('10009012344');
        assert.equal(haddad.identity.accountKind, 'responsable');
        const created = await json(await post('/api/accounts', form(haddad.ticket, { civility: 'Mme', email: 'n.haddad@exemple.fr', emailConfirmation: 'n.haddad@exemple.fr' })));
        assert.deepEqual([created.user.role, created.user.accountKind, created.user.structures[0].name], ['pharmacien', 'responsable', 'Pharmacie du Marché']);
        const fontaine = await cpsTicket('10010123452');
        assert.deepEqual([fontaine.identity.accountKind, fontaine.identity.structures[0].name], ['salarie', 'Centre de santé des Lilas']);
      });

      it('refuses a card the directory does not know, and a wrong holder code', async () => {
        assert.equal((await post('/api/accounts/cps', { card: { rpps: '10000000009', code: '1234' } })).status, 404);
        assert.equal((await post('/api/accounts/cps', { card: { rpps: LAMBERT.rpps, code: '0000' } })).status, 401);
      });
    });

    describe('strong, with the security key', () => {
      const key = (overrides: Record<string, unknown> = {}) => post('/api/accounts/security-key', { number: LAMBERT.am, nir: LAMBERT.nir, ibanLast4: LAMBERT.iban, ...overrides });

      it('opens the account form with the NIR and the last 4 IBAN characters; the session is not a CPS one', async () => {
        const answer = await key({ nir: '2 86 05 94 028 123 25', ibanLast4: '0147' });
        assert.equal(answer.status, 200);
        const { ticket, identity } = await json(answer);
        assert.equal(identity.lastName, 'Lambert');
        const created = await json(await post('/api/accounts', form(ticket)));
        assert.equal(created.user.strongAuth, false);
        const audit = (await demo.storeRows("SELECT changes FROM audit WHERE action = 'account_created'"))[0] as { changes: string };
        assert.equal(JSON.parse(audit.changes).method, 'security_key');
      });

      it('is refused to structures with the seed’s explanation', async () => {
        const refused = await key({ number: PHARMACIE_MARCHE });
        assert.equal(refused.status, 403);
        assert.match((await json(refused)).error, /la clé de sécurité n’est pas disponible : recevez un mot de passe provisoire par courrier postal/);
      });

      it('locks after the third wrong key, and four parallel guesses never check a fourth', async () => {
        const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => key({ ibanLast4: `000${i}` })));
        const statuses = answers.map((a) => a.status).sort();
        assert.deepEqual(statuses, [401, 401, 423, 423, 423]);
        const locked = await key();
        assert.equal(locked.status, 423, 'even the right key waits for the delay');
        assert.match((await json(locked)).error, /Réessayez dans 15 minutes/);
        demo.advance(15 * 60 * 1000 + 1);
        assert.equal((await key()).status, 200);
      });

      it('checks the NIR’s format before anything else', async () => {
        const refused = await key({ nir: '286059402812399' });
        assert.equal(refused.status, 422);
        assert.ok((await json(refused)).fields.nir);
      });
    });

    describe('weak, with a temporary password sent by post', () => {
      const byPost = (number: string, email: string, extra: Record<string, unknown> = {}) => post('/api/accounts/by-post', { number, email, emailConfirmation: email, consent: true, ...extra });
      const temporary = (letter: string) => /Mot de passe provisoire : (\S+)/.exec(letter)![1]!;

      it('posts the temporary password to the practice’s address, which the confirmation shows', async () => {
        const created = await byPost(ROUX_AM, 'hugo.roux@exemple.fr');
        assert.equal(created.status, 201);
        assert.match((await json(created)).message, /courrier postal à l’adresse : 17 rue de Fontenay, 94300 Vincennes/);
        const [validation, letter] = [(await demo.outbox()).find((m) => m.channel === 'email')!, (await demo.outbox()).find((m) => m.channel === 'post')!];
        assert.equal(letter.recipient, 'Dr Hugo Roux\n17 rue de Fontenay\n94300 VINCENNES');
        assert.match(letter.body, /Identifiant : 940234503/);
        assert.equal(validation.recipient, 'hugo.roux@exemple.fr');
        assert.doesNotMatch(validation.body, new RegExp(temporary(letter.body).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the password travels only by post');
        const again = await byPost(ROUX_AM, 'autre@exemple.fr');
        assert.equal(again.status, 409);
        assert.equal((await json(again)).reason, 'account_pending');
      });

      it('requires a new password at the first sign-in, and refuses everything else until then', async () => {
        await byPost(ROUX_AM, 'hugo.roux@exemple.fr');
        const password = temporary((await demo.outbox()).find((m) => m.channel === 'post')!.body);
        const signedIn = await login(ROUX_AM, password);
        assert.equal(signedIn.status, 200);
        const { token, user } = await json(signedIn);
        assert.equal(user.passwordChangeRequired, true);
        const blocked = await demo.request('/api/replication/fiches/pull?checkpoint=&limit=10', { token });
        assert.equal(blocked.status, 403);
        assert.equal((await json(blocked)).reason, 'password_change_required');
        const changed = await post('/api/account/password', { password: 'Roux#Perso2026', passwordConfirmation: 'Roux#Perso2026' }, token);
        assert.equal(changed.status, 200);
        assert.equal((await demo.request('/api/replication/fiches/pull?checkpoint=&limit=10', { token })).status, 200);
        assert.equal((await login(ROUX_AM, password)).status, 401, 'the temporary password is gone');
        assert.equal((await login(ROUX_AM, 'Roux#Perso2026')).status, 200);
      });

      it('sends no reset link while the letter is on its way: a reset must not skip the postal proof', async () => {
        await byPost(ROUX_AM, 'pirate@exemple.fr');
        await post('/api/accounts/email-validation', { token: linkToken((await demo.outbox()).find((m) => m.channel === 'email')!.body) });
        const before = (await demo.outbox()).length;
        assert.equal((await post('/api/auth/password-reset/request', { identifier: 'pirate@exemple.fr' })).status, 202);
        assert.equal((await post('/api/auth/password-reset/request', { identifier: ROUX_AM })).status, 202);
        assert.equal((await demo.outbox()).length, before);
      });

      it('lets an expired temporary password be asked for again', async () => {
        await byPost(ROUX_AM, 'hugo.roux@exemple.fr');
        const password = temporary((await demo.outbox()).find((m) => m.channel === 'post')!.body);
        demo.advance(46 * 24 * 60 * 60 * 1000);
        const late = await login(ROUX_AM, password);
        assert.equal(late.status, 403);
        assert.equal((await json(late)).reason, 'temporary_password_expired');
        assert.equal((await byPost(ROUX_AM, 'hugo.roux@exemple.fr')).status, 201);
        assert.equal((await demo.outbox()).filter((m) => m.channel === 'post').length, 2);
      });

      it('creates a pharmacy’s administrative account under the structure’s name, once', async () => {
        assert.equal((await byPost(PHARMACIE_MARCHE, 'contact@pharmacie-marche.fr')).status, 201);
        const letter = (await demo.outbox()).find((m) => m.channel === 'post')!;
        assert.equal(letter.recipient, 'Pharmacie du Marché\n40 boulevard Voltaire\n75011 PARIS');
        const { token } = await json(await login(PHARMACIE_MARCHE, temporary(letter.body)));
        const profile = await json(await demo.request('/api/account', { token }));
        assert.deepEqual([profile.accountKind, profile.role, profile.lastName], ['administratif', 'pharmacien', 'Pharmacie du Marché']);
        const second = await byPost(PHARMACIE_MARCHE, 'autre@pharmacie-marche.fr');
        assert.equal(second.status, 409);
      });

      it('creates a health-centre director’s account by FINESS with the name typed', async () => {
        assert.equal((await byPost(CDS_LILAS, 'direction@cds-lilas.fr', { name: 'Mme Aline Perrin' })).status, 201);
        const letter = (await demo.outbox()).find((m) => m.channel === 'post')!;
        const { user } = await json(await login(CDS_LILAS, temporary(letter.body)));
        assert.deepEqual([user.role, user.accountKind, user.lastName], ['directeur_cds', 'directeur', 'Mme Aline Perrin']);
      });

      it('refuses a missing consent or a mistyped confirmation with field messages', async () => {
        const refused = await post('/api/accounts/by-post', { number: ROUX_AM, email: 'hugo.roux@exemple.fr', emailConfirmation: 'hugo.rou@exemple.fr', consent: false });
        assert.equal(refused.status, 422);
        const { fields } = await json(refused);
        assert.ok(fields.emailConfirmation && fields.consent);
        assert.equal((await demo.outbox()).length, 0);
      });
    });

    describe('validation links and rate limits', () => {
      it('refuses an expired validation link', async () => {
        const { ticket } = await cpsTicket(LAMBERT.rpps);
        await post('/api/accounts', form(ticket));
        demo.advance(48 * 60 * 60 * 1000 + 1);
        assert.equal((await post('/api/accounts/email-validation', { token: linkToken((await demo.outbox()).at(-1)!.body) })).status, 400);
        assert.equal((await post('/api/accounts/email-validation', { token: 'x' })).status, 400);
      });

      it('limits creation attempts per number (429 with retryAfter)', async () => {
        for (let i = 0; i < 10; i++) assert.equal((await post('/api/accounts/lookup', { number: LAMBERT.am })).status, 200);
        const limited = await post('/api/accounts/lookup', { number: LAMBERT.am });
        assert.equal(limited.status, 429);
        assert.ok((await json(limited)).retryAfter > 0);
      });
    });
  });
