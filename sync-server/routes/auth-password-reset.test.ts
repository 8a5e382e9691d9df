import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS)
  describe(`password reset by e-mailed link${backend.label}`, { skip: backend.skip }, () => {
    let demo: DemoApp;
    beforeEach(async () => (demo = await createDemoApp({ backend: backend.name })));
    afterEach(() => demo.dispose());

    const request = (identifier: unknown) => demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier } });
    const confirm = (token: unknown, password: unknown) => demo.request('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password } });
    const outbox = () => demo.outbox();
    const linkToken = (body: string) => /token=([A-Za-z0-9_-]+)/.exec(body)![1]!;

    it('never reveals whether an account exists', async () => {
      const known = await request('dr.martin@demo.test');
      const unknown = await request('personne@demo.test');
      assert.equal(known.status, 202);
      assert.equal(unknown.status, 202);
      const knownBody = await json(known);
      assert.equal(JSON.stringify(knownBody).replace('dr.martin@demo.test', 'X'), JSON.stringify(await json(unknown)).replace('personne@demo.test', 'X'));
      assert.match(knownBody.message, /dr\.martin@demo\.test/, 'the e-mail typed is shown in clear');
      assert.equal((await outbox()).length, 1, 'a mail goes only to a real account');
    });

    it('asked with the AM number, does not show the address, and mails the account', async () => {
      const answer = await json(await request('631994977'));
      assert.doesNotMatch(answer.message, /@/);
      assert.deepEqual((await outbox()).map((m) => m.recipient), ['dr.martin@demo.test']);
    });

    it('sends nothing to an e-mail shared by several accounts and asks for the AM / FINESS number instead, which mails the one account it names', async () => {
      const shared = await request('Secretariat.Tilleuls@demo.test');
      assert.equal(shared.status, 409);
      const body = await json(shared);
      assert.equal(body.reason, 'shared_email');
      assert.match(body.error, /n’est pas unique : saisissez votre N° d’Assurance Maladie ou FINESS/);
      assert.doesNotMatch(JSON.stringify(body), /Leroy|Colin|752012344|752056788/, 'names no account');
      assert.deepEqual(await outbox(), [], 'nothing sent');
      assert.equal((await request('752056788')).status, 202);
      const mails = await outbox();
      assert.deepEqual(mails.map((m) => m.recipient), ['secretariat.tilleuls@demo.test']);
      const token = linkToken(mails[0]!.body);
      assert.equal((await confirm(token, 'Nouveau#2027')).status, 200);
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: '752056788', password: 'Nouveau#2027' } })).status, 200, 'Dr Colin’s password changed');
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: '752012344', password: 'Medecin#2026' } })).status, 200, 'Dr Leroy’s did not');
    });

    it('stores only a hash of the link, which works once and sets a new password that signs in', async () => {
      await request('dr.martin@demo.test');
      const token = linkToken((await outbox())[0]!.body);
      const stored = (await demo.storeRows('SELECT token_hash FROM password_resets')) as { token_hash: string }[];
      assert.equal(JSON.stringify(stored).includes(token), false);
      assert.equal((await confirm(token, 'Nouveau#2027')).status, 200);
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'dr.martin@demo.test', password: 'Nouveau#2027' } })).status, 200);
      const reused = await confirm(token, 'Encore#2028');
      assert.equal(reused.status, 400);
      assert.match((await json(reused)).error, /n’est plus valable/);
    });

    it('refuses an expired link and a weak password, and ends the open sessions', async () => {
      const session = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      await request('dr.martin@demo.test');
      const token = linkToken((await outbox())[0]!.body);
      const weak = await confirm(token, 'faible');
      assert.equal(weak.status, 422);
      assert.match((await json(weak)).error, /majuscule/);
      assert.equal((await confirm(token, 'Nouveau#2027')).status, 200);
      assert.equal((await demo.request('/api/auth/session', { token: session })).status, 401, 'the sessions opened with the old password end');

      await request('dr.durand@demo.test');
      const late = linkToken((await outbox())[1]!.body);
      demo.advance(60 * 60 * 1000 + 1);
      assert.equal((await confirm(late, 'Nouveau#2027')).status, 400);
    });

    it('lets one of two parallel uses of a link through, not both', async () => {
      await request('dr.martin@demo.test');
      const token = linkToken((await outbox())[0]!.body);
      const statuses = (await Promise.all([confirm(token, 'Premier#2027'), confirm(token, 'Second#2027')])).map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 400]);
    });

    it('keeps only the latest link alive: a newer request, a reset and a password change end the others', async () => {
      await request('dr.martin@demo.test');
      const first = linkToken((await outbox())[0]!.body);
      await request('dr.martin@demo.test');
      const second = linkToken((await outbox())[1]!.body);
      assert.equal((await confirm(first, 'Nouveau#2027')).status, 400, 'a newer request ends the older link');
      assert.equal((await confirm(second, 'Nouveau#2027')).status, 200);

      // A link asked before a password change dies with the change.
      await request('dr.martin@demo.test');
      const beforeChange = linkToken((await outbox())[2]!.body);
      const session = await demo.signIn('dr.martin@demo.test', 'Nouveau#2027');
      const change = await demo.request('/api/account/password', { method: 'POST', token: session, json: { currentPassword: 'Nouveau#2027', password: 'Change#2028', passwordConfirmation: 'Change#2028' } });
      assert.equal(change.status, 200, await change.clone().text());
      assert.equal((await confirm(beforeChange, 'Pirate#2029')).status, 400, 'a password change ends the links');
      assert.equal((await demo.request('/api/auth/login', { method: 'POST', json: { identifier: 'dr.martin@demo.test', password: 'Change#2028' } })).status, 200);
    });

    it('ends every link of the account when a reset is done', async () => {
      await request('dr.martin@demo.test');
      const token = linkToken((await outbox())[0]!.body);
      // A link issued in the same instant by a second server route (what a race would leave alive).
      await demo.storeRows("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ('h-other', 'u-martin', '2026-11-22T09:00:00.000Z', '2026-11-22T10:00:00.000Z')");
      assert.equal((await confirm(token, 'Nouveau#2027')).status, 200);
      assert.deepEqual(await demo.storeRows("SELECT token_hash FROM password_resets WHERE user_id = 'u-martin' AND used_at IS NULL"), []);
    });

    it('answers bad input with 400 and a reason', async () => {
      assert.equal((await request('pas un identifiant')).status, 400);
      assert.equal((await request(42)).status, 400);
      assert.equal((await confirm(undefined, 'x')).status, 400);
      assert.equal((await confirm('nope', 'Nouveau#2027')).status, 400);
    });
  });
