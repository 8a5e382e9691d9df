import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { insert, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS) describe(`delegations${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  let martinCps: string;
  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    martinCps = await cps('10001234565');
  });
  afterEach(() => demo.dispose());

  async function cps(rpps: string): Promise<string> {
    const response = await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code: '1234' } } });
    assert.equal(response.status, 200);
    return (await json(response)).token;
  }
  const post = (path: string, body: unknown, token?: string) => demo.request(path, { method: 'POST', json: body, ...(token ? { token } : {}) });
  const create = (overrides: Record<string, unknown> = {}, token = martinCps) =>
    post('/api/delegations', { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'], ...overrides }, token);
  const mails = async (recipient: string) => (await demo.outbox()).filter((m) => m.recipient === recipient);
  const invitationToken = async (recipient: string) => linkToken((await mails(recipient)).at(-1)!.body);
  // The rows of the back end under test (the ids are the server's UUIDs).
  const transitions = async (id: string) =>
    (await demo.storeRows(`SELECT actor_id AS actor, action, from_status AS "from", to_status AS "to" FROM delegation_transitions WHERE delegation_id = '${id}' ORDER BY seq`)) as Record<string, string | null>[];
  const status = async (id: string) => (await demo.storeRows(`SELECT status FROM delegations WHERE id = '${id}'`))[0]!['status'];

  describe('creation', () => {
    it('keeps Remplaçant to exclusive substitutes and Assistant médical to doctors with an assistant contract (seed 003), next to the profile', async () => {
      const practising = await create({ delegateEmail: 'dr.durand@demo.test' });
      assert.equal(practising.status, 422);
      const body = await json(practising);
      assert.equal(body.reason, 'delegation_not_eligible');
      assert.match(body.fields.profile, /Seuls les remplaçants exclusifs, sans activité libérale par ailleurs/);
      assert.equal((await create({ delegateEmail: 'dr.durand@demo.test', profile: 'comptable' })).status, 201, 'another profile is fine');

      const durand = await cps('10002345675');
      const noContract = await create({ delegateEmail: 'assistante@exemple.fr', profile: 'assistant_medical', cpeCardId: 'CPE-0001', structureIds: ['s-cabinet-durand'] }, durand);
      assert.equal(noContract.status, 422);
      assert.match((await json(noContract)).fields.profile, /réservé aux médecins signataires d’un contrat assistant médical/);
      assert.equal((await create({ delegateEmail: 'assistante@exemple.fr', profile: 'assistant_medical', cpeCardId: 'CPE-0001' })).status, 201, 'Dr Martin has the contract');
      assert.deepEqual((await mails('assistante@exemple.fr')).length, 1, 'nothing sent for the refusals');
    });

    it('needs the CPS card and a liberal practice', async () => {
      const password = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const refused = await create({}, password);
      assert.equal(refused.status, 403);
      assert.match((await json(refused)).error, /carte CPS/);
      const pharmacist = await cps('10003456786');
      assert.equal((await json(await create({}, pharmacist))).reason, 'not_a_delegant');
    });

    it('shows who an e-mail belongs to ("Cet utilisateur correspond-il à votre délégué ?")', async () => {
      assert.deepEqual(await json(await post('/api/delegations/lookup', { email: 'remplacant@demo.test' }, martinCps)), {
        exists: true,
        firstName: 'Lucas',
        lastName: 'Garnier',
        email: 'remplacant@demo.test',
      });
      assert.deepEqual(await json(await post('/api/delegations/lookup', { email: 'inconnu@exemple.fr' }, martinCps)), { exists: false });
    });

    it('creates an "En cours" delegation, mails the confirmation and the invitation, and refuses a second one', async () => {
      const created = await create();
      assert.equal(created.status, 201);
      const delegation = await json(created);
      assert.deepEqual([delegation.status, delegation.delegateLastName, delegation.structures[0].name], ['en_cours', 'Garnier', 'Cabinet Martin']);
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /Vous venez d’attribuer à Dr Lucas Garnier une nouvelle délégation[\s\S]*profil Remplaçant[\s\S]*du 22\/11\/2026 au 31\/12\/2026/);
      const invitation = (await mails('remplacant@demo.test')).at(-1)!;
      assert.match(invitation.body, /Dr Claire Martin vient de vous attribuer[\s\S]*J’accepte la délégation/);
      assert.match(invitation.body, /#delegation\?token=/);
      assert.deepEqual(await transitions(delegation.id), [{ actor: 'u-martin', action: 'create', from: null, to: 'en_cours' }]);
      assert.equal((await create()).status, 409);
    });

    it('checks the form with the shared rules: dates, CPE card for a medical assistant, every structure for a substitute', async () => {
      const dates = await json(await create({ validFrom: '2026-12-31', validUntil: '2026-12-01' }));
      assert.equal(dates.fields.validUntil, 'La date de fin ne peut pas précéder la date de début.');
      const assistant = await json(await create({ profile: 'assistant_medical' }));
      assert.match(assistant.fields.cpeCardId, /carte CPE/);
      assert.equal((await create({ profile: 'assistant_medical', cpeCardId: 'CPE-12345678' })).status, 201);
      const none = await json(await create({ delegateEmail: 'autre@exemple.fr', structureIds: [] }));
      assert.ok(none.fields.structureIds);
      const foreign = await json(await create({ delegateEmail: 'autre@exemple.fr', structureIds: ['s-cabinet-durand'] }));
      assert.match(foreign.fields.structureIds, /n’est pas la vôtre/);
    });
  });

  describe('the délégué’s answers', () => {
    it('with an account: accepts by the link (Validée), the link then dies', async () => {
      const { id } = await json(await create());
      const token = await invitationToken('remplacant@demo.test');
      const view = await json(await post('/api/delegations/invitation', { token }));
      assert.deepEqual([view.delegateHasAccount, view.delegation.delegantName, view.delegantSpecialty], [true, 'Dr Claire Martin', 'Médecine générale']);
      assert.deepEqual(await json(await post('/api/delegations/invitation/answer', { token, action: 'accept' })), { status: 'validee' });
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /a accepté la délégation/);
      assert.equal((await post('/api/delegations/invitation/answer', { token, action: 'refuse' })).status, 400);
      assert.deepEqual((await transitions(id)).at(-1), { actor: 'u-remplacant', action: 'accept', from: 'en_cours', to: 'validee' });
    });

    it('refuses (Refusée), says not concerned (Non aboutie), or already has an account (Non aboutie, both told)', async () => {
      const refused = await json(await create());
      await post('/api/delegations/invitation/answer', { token: await invitationToken('remplacant@demo.test'), action: 'refuse' });
      assert.equal(await status(refused.id), 'refusee');
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /cette personne a refusé cette demande/);

      const notConcerned = await json(await create({ delegateEmail: 'secretaire@exemple.fr' }));
      assert.match((await mails('secretaire@exemple.fr')).at(-1)!.body, /Je crée un compte/);
      await post('/api/delegations/invitation/answer', { token: await invitationToken('secretaire@exemple.fr'), action: 'not_concerned' });
      assert.equal(await status(notConcerned.id), 'non_aboutie');
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /ne pas être concernée/);

      const hasAccount = await json(await create({ delegateEmail: 'compta@exemple.fr', profile: 'comptable' }));
      await post('/api/delegations/invitation/answer', { token: await invitationToken('compta@exemple.fr'), action: 'has_account' });
      assert.equal(await status(hasAccount.id), 'non_aboutie');
      assert.match((await mails('compta@exemple.fr')).at(-1)!.body, /vous possédez déjà un compte/);
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /possède déjà un compte rattaché à une autre adresse/);
      assert.equal((await post('/api/delegations/invitation/answer', { token: 'x'.repeat(43), action: 'accept' })).status, 400);
    });

    it('creates one account from one invitation link, however many creations arrive at once', async () => {
      await create({ delegateEmail: 'assistante@exemple.fr', profile: 'assistant_medical', cpeCardId: 'CPE-0001' });
      const token = await invitationToken('assistante@exemple.fr');
      const form = { token, civility: 'Mme', lastName: 'Roussel', firstName: 'Inès', practitionerNumber: '', password: 'Assist#2026', passwordConfirmation: 'Assist#2026', consent: true };
      const statuses = (await Promise.all(Array.from({ length: 5 }, () => post('/api/delegations/invitation/account', form)))).map((r) => r.status);
      assert.deepEqual(statuses.filter((s) => s === 201), [201], statuses.join());
      assert.ok(statuses.every((s) => s === 201 || (s >= 400 && s < 500)), statuses.join());
      assert.deepEqual(await demo.storeRows("SELECT COUNT(*) AS n FROM users WHERE email = 'assistante@exemple.fr'"), [{ n: 1 }]);
    });

    it('without an account: creates it from the link (À valider), cannot sign in until the délégant validates', async () => {
      const { id } = await json(await create({ delegateEmail: 'assistante@exemple.fr', profile: 'assistant_medical', cpeCardId: 'CPE-0001' }));
      const token = await invitationToken('assistante@exemple.fr');
      assert.equal((await json(await post('/api/delegations/invitation', { token }))).delegateHasAccount, false);
      assert.equal((await post('/api/delegations/invitation/answer', { token, action: 'accept' })).status, 409, 'accepting needs an account');
      const bad = await json(await post('/api/delegations/invitation/account', { token, civility: 'Mme', lastName: '', firstName: 'Inès', password: 'faible', passwordConfirmation: 'faible', consent: true }));
      assert.ok(bad.fields.lastName && bad.fields.password);
      const created = await post('/api/delegations/invitation/account', {
        token,
        civility: 'Mme',
        lastName: 'Roussel',
        firstName: 'Inès',
        practitionerNumber: '',
        password: 'Assist#2026',
        passwordConfirmation: 'Assist#2026',
        consent: true,
      });
      assert.equal(created.status, 201);
      assert.match((await json(created)).message, /lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation/);
      assert.equal(await status(id), 'a_valider');
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /Inès ROUSSEL a accepté votre demande en créant son compte/);
      const early = await post('/api/auth/login', { identifier: 'assistante@exemple.fr', password: 'Assist#2026' });
      assert.equal(early.status, 403);
      assert.equal((await json(early)).reason, 'delegation_pending');

      assert.equal((await post(`/api/delegations/${id}/validate`, {}, martinCps)).status, 200);
      assert.match((await mails('assistante@exemple.fr')).at(-1)!.body, /Dr Claire Martin a validé la délégation qu’elle vous a attribuée\./);
      assert.equal((await post('/api/auth/login', { identifier: 'assistante@exemple.fr', password: 'Assist#2026' })).status, 200);
      assert.equal((await post(`/api/delegations/${id}/validate`, {}, martinCps)).status, 409, 'validated once');
    });

    it('refuses transitions the table does not allow', async () => {
      const { id } = await json(await create());
      const early = await post(`/api/delegations/${id}/validate`, {}, martinCps);
      assert.equal(early.status, 409);
      assert.equal((await json(early)).reason, 'invalid_transition');
      const durand = await cps('10002345675');
      assert.equal((await post(`/api/delegations/${id}/delete`, {}, durand)).status, 404, 'only its délégant deletes it');
    });
  });

  describe('« Mise à jour d’une délégation »', () => {
    /** Dr Martin's second practice, so that the structures of a delegation can change. */
    async function secondPractice(): Promise<string> {
      await demo.storeRows("INSERT INTO structures (id, kind, name, am_number, finess, street, postcode, commune, insurer_office) VALUES ('s-cabinet-martin-2', 'cabinet', 'Cabinet Martin Vincennes', '941234569', NULL, '3 rue de Fontenay', '94300', 'Vincennes', '941')");
      await demo.storeRows("INSERT INTO user_structures (user_id, structure_id) VALUES ('u-martin', 's-cabinet-martin-2')");
      return 's-cabinet-martin-2';
    }
    const update = (id: string, body: Record<string, unknown>, token = martinCps) => post(`/api/delegations/${id}/update`, { validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'], ...body }, token);

    it('changes the dates and the structures of a validated delegation, keeps its status, records it and tells both', async () => {
      const second = await secondPractice();
      const { id } = await json(await create({ profile: 'comptable' }));
      await post('/api/delegations/invitation/answer', { token: await invitationToken('remplacant@demo.test'), action: 'accept' });
      const answer = await update(id, { validFrom: '2026-12-01', validUntil: '2027-02-28', structureIds: [second] });
      assert.equal(answer.status, 200);
      const updated = await json(answer);
      assert.deepEqual([updated.status, updated.validFrom, updated.validUntil, updated.structures.map((s: { name: string }) => s.name)], ['validee', '2026-12-01', '2027-02-28', ['Cabinet Martin Vincennes']]);
      assert.deepEqual((await transitions(id)).at(-1), { actor: 'u-martin', action: 'update', from: 'validee', to: 'validee' });
      const [audit] = (await demo.storeRows(`SELECT actor_id AS actor, changes FROM audit WHERE document_id = '${id}' AND action = 'delegation_update'`)) as { actor: string; changes: string }[];
      assert.equal(audit!.actor, 'u-martin');
      assert.deepEqual(JSON.parse(audit!.changes).validUntil, ['2026-12-31', '2027-02-28']);
      const toDelegate = (await mails('remplacant@demo.test')).at(-1)!;
      assert.equal(toDelegate.subject, 'Mise à jour de votre délégation');
      assert.match(toDelegate.body, /Dr Claire Martin a mis à jour la délégation qu’elle vous a attribuée\.[\s\S]*du 01\/12\/2026 au 28\/02\/2027[\s\S]*Cabinet Martin Vincennes/);
      assert.doesNotMatch(toDelegate.body, /Cabinet Martin,/, 'the structure taken away is no longer listed');
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /Vous avez mis à jour la délégation accordée à Dr Lucas Garnier/);
      const pulled = (await json(await demo.request('/api/replication/delegations/pull?limit=50', { token: await demo.signIn('remplacant@demo.test', 'Rempla#2026') }))).documents as { id: string; validUntil: string }[];
      assert.equal(pulled.find((d) => d.id === id)?.validUntil, '2027-02-28', 'replicated to the délégué');
    });

    it('a délégué acting for the délégant is held to the new dates at once', async () => {
      const { id } = await json(await create());
      await post('/api/delegations/invitation/answer', { token: await invitationToken('remplacant@demo.test'), action: 'accept' });
      const acting = await json(await post(`/api/delegations/${id}/act`, {}, await demo.signIn('remplacant@demo.test', 'Rempla#2026')));
      const pull = () => demo.request('/api/replication/fiches/pull?limit=10', { token: acting.token });
      assert.equal((await pull()).status, 200);
      assert.equal((await update(id, { validFrom: '2026-12-01' })).status, 200);
      const later = await pull();
      assert.equal(later.status, 403);
      assert.match((await json(later)).error, /valable du 01\/12\/2026 au 31\/12\/2026 : elle n’a pas commencé/);
    });

    it('refuses, with the reason and next to the field, what the guide does not allow', async () => {
      const { id } = await json(await create());
      const invitation = await invitationToken('remplacant@demo.test');
      const password = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const weak = await update(id, { validUntil: '2027-01-31' }, password);
      assert.equal(weak.status, 403);
      assert.equal((await json(weak)).reason, 'strong_auth_required');
      assert.equal((await update(id, { validUntil: '2027-01-31' }, await cps('10002345675'))).status, 404, 'only its délégant updates it');
      const backwards = await json(await update(id, { validFrom: '2027-01-31', validUntil: '2027-01-01' }));
      assert.equal(backwards.fields.validUntil, 'La date de fin ne peut pas précéder la date de début.');
      const past = await json(await update(id, { validFrom: '2026-11-01', validUntil: '2026-11-21' }));
      assert.equal(past.fields.validUntil, 'La date de fin est passée.');
      await secondPractice();
      const partial = await json(await update(id, { validUntil: '2027-01-31' }));
      assert.match(partial.fields.structureIds, /Pour le profil Remplaçant, toutes vos structures doivent être sélectionnées/);
      const foreign = await json(await update(id, { structureIds: ['s-cabinet-martin', 's-cabinet-martin-2', 's-cabinet-durand'] }));
      assert.match(foreign.fields.structureIds, /n’est pas la vôtre/);
      const same = await update(id, { structureIds: ['s-cabinet-martin', 's-cabinet-martin-2'], validFrom: '2026-11-22', validUntil: '2026-12-31' });
      assert.equal(same.status, 200, 'adding the new practice is a change');
      const nothing = await update(id, { structureIds: ['s-cabinet-martin-2', 's-cabinet-martin'] });
      assert.equal(nothing.status, 422);
      assert.equal((await json(nothing)).reason, 'nothing_changed');

      await post('/api/delegations/invitation/answer', { token: invitation, action: 'refuse' });
      const refused = await update(id, { structureIds: ['s-cabinet-martin', 's-cabinet-martin-2'], validUntil: '2027-01-31' });
      assert.equal(refused.status, 409);
      assert.equal((await json(refused)).reason, 'delegation_not_updatable');
      await post(`/api/delegations/${id}/delete`, {}, martinCps);
      assert.equal((await update(id, { validUntil: '2027-01-31' })).status, 404);
      assert.equal((await mails('remplacant@demo.test')).filter((m) => m.subject === 'Mise à jour de votre délégation').length, 1, 'only the accepted update was mailed');
    });
  });

  describe('enforcement', () => {
    async function actingDelegate(profile = 'remplacant', extra: Record<string, unknown> = {}) {
      const { id } = await json(await create({ profile, ...extra }));
      await post('/api/delegations/invitation/answer', { token: await invitationToken('remplacant@demo.test'), action: 'accept' });
      const own = await demo.signIn('remplacant@demo.test', 'Rempla#2026');
      const acting = await json(await post(`/api/delegations/${id}/act`, {}, own));
      return { id, own, token: acting.token as string };
    }
    const pull = (token: string) => demo.request('/api/replication/fiches/pull?limit=100', { token });
    /** Deletes the delegation: the délégué's open stream ends at once, and nothing written afterwards reaches it. */
    async function assertCutByDeletion(id: string, response: Response) {
      const reader = response.body!.getReader();
      let received = '';
      const finished = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      })();
      await post(`/api/delegations/${id}/delete`, {}, martinCps);
      const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const after = patientZero();
      await post('/api/replication/fiches/push', [insert(after)], martin);
      const outcome = await Promise.race([finished.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 3000))]);
      assert.equal(outcome, 'closed');
      assert.match(received, /session-ended/);
      assert.equal(received.includes(String(after['id'])), false, 'nothing written after the deletion reached the délégué');
    }

    it('a validated délégué acts for the délégant in their structures, and the audit names both', async () => {
      const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
      const mine = patientZero();
      await post('/api/replication/fiches/push', [insert(mine)], martin);
      const { token } = await actingDelegate();
      const session = await json(await demo.request('/api/auth/session', { token }));
      assert.deepEqual([session.user.id, session.actor.id, session.delegation.profile], ['u-martin', 'u-remplacant', 'remplacant']);
      const page = await json(await pull(token));
      assert.ok(page.documents.some((d: { id: string }) => d.id === mine['id']));
      const written = patientZero();
      assert.equal((await post('/api/replication/fiches/push', [insert(written)], token)).status, 200);
      const [audit] = await demo.storeRows(`SELECT actor_id AS actor, on_behalf_of_id AS principal FROM audit WHERE document_id = '${written['id']}' AND action = 'create'`);
      assert.deepEqual(audit, { actor: 'u-remplacant', principal: 'u-martin' });
    });

    it('refuses, with the reason, what the profile does not give, the délégant’s own account, and outside the window', async () => {
      const comptable = await actingDelegate('comptable');
      const refused = await pull(comptable.token);
      assert.equal(refused.status, 403);
      assert.match((await json(refused)).error, /Le profil Comptable ne donne pas accès au service « Contact COVID »/);
      await post(`/api/delegations/${comptable.id}/delete`, {}, martinCps);

      const { id, token } = await actingDelegate();
      const account = await demo.request('/api/account', { token });
      assert.equal(account.status, 403);
      assert.equal((await json(account)).reason, 'delegation_own_account');
      // The window is read on every request (sessions last 12 h: the end date is moved instead of the clock).
      await demo.storeRows(`UPDATE delegations SET valid_from = '2026-11-01', valid_until = '2026-11-21' WHERE id = '${id}'`);
      const late = await pull(token);
      assert.equal(late.status, 403);
      assert.match((await json(late)).error, /valable du 01\/11\/2026 au 21\/11\/2026 : elle est terminée/);
    });

    it('deletion cuts access at once, even for a client that comes back later, and tells both', async () => {
      const { id, own, token } = await actingDelegate();
      assert.equal((await pull(token)).status, 200);
      assert.deepEqual(await json(await post(`/api/delegations/${id}/delete`, {}, martinCps)), { message: 'La délégation a bien été supprimée.' });
      const offlineWrite = await post('/api/replication/fiches/push', [insert(patientZero())], token);
      assert.equal(offlineWrite.status, 403);
      assert.equal((await json(offlineWrite)).reason, 'delegation_deleted');
      const deletion = (await mails('remplacant@demo.test')).at(-1)!.body;
      assert.match(deletion, /Dr Claire Martin a supprimé la délégation qu’elle vous a accordée\./, 'her pronoun');
      assert.ok(deletion.endsWith('Avec toute notre attention,\n\nL’Assurance Maladie'), 'signed by the insurer, as the seed');
      assert.match((await mails('dr.martin@demo.test')).at(-1)!.body, /Vous avez supprimé la délégation accordée à Dr Lucas Garnier/);
      assert.equal((await post(`/api/delegations/${id}/act`, {}, own)).status, 404);
    });

    it('ends the délégué’s live stream as soon as the delegation is deleted', async () => {
      const { id, token } = await actingDelegate();
      const response = await demo.request('/api/replication/fiches/pull-stream', { token });
      assert.equal(response.status, 200);
      await assertCutByDeletion(id, response);
    });
    it('on the shared stream too: the délégué follows the services of the profile only, and a deletion ends it', async () => {
      const { id, token } = await actingDelegate();
      const ownDelegations = await demo.request('/api/replication/stream?collections=fiches,delegations', { token });
      assert.equal(ownDelegations.status, 403);
      assert.equal((await json(ownDelegations)).reason, 'delegation_own_account');
      const response = await demo.request('/api/replication/stream?collections=fiches', { token });
      assert.equal(response.status, 200);
      await assertCutByDeletion(id, response);
    });
  });

  describe('dashboards and purge', () => {
    it('replicates a delegation to both parties only, and its deletion as a content-free row', async () => {
      const { id } = await json(await create());
      const own = await demo.signIn('remplacant@demo.test', 'Rempla#2026');
      const durand = await demo.signIn('dr.durand@demo.test', 'Medecin#2026');
      // Dr Martin's demo delegations (her accountant, her medical assistant) are left out: this test is about its own.
      const pullOf = async (token: string) => ((await json(await demo.request('/api/replication/delegations/pull?limit=50', { token }))).documents as { id: string; _deleted: boolean }[]).filter((d) => !d.id.startsWith('d-demo-'));
      assert.deepEqual((await pullOf(martinCps)).map((d) => d.id), [id]);
      assert.deepEqual((await pullOf(own)).map((d) => d.id), [id]);
      assert.deepEqual(await pullOf(durand), []);
      assert.equal((await post('/api/replication/delegations/push', [{ newDocumentState: { id, status: 'validee' } }], own)).status, 403, 'read-only');
      await post(`/api/delegations/${id}/delete`, {}, martinCps);
      assert.deepEqual(await pullOf(martinCps), [{ id, _deleted: true }]);
    });

    it('purges unanswered invitations after the delay', async () => {
      const { id } = await json(await create());
      const token = await invitationToken('remplacant@demo.test');
      demo.advance(31 * 86_400_000);
      await demo.request('/api/health');
      assert.deepEqual(await demo.storeRows(`SELECT deletion_reason AS reason FROM delegations WHERE id = '${id}'`), [{ reason: 'purged' }]);
      assert.equal((await post('/api/delegations/invitation', { token })).status, 400);
    });
  });
});
