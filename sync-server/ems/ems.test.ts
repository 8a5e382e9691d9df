import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { unreadCount } from '../../domain/index.ts';
import { nirFor } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

for (const backend of TEST_BACKENDS) describe(`secure medical exchanges (EMS)${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  let martin: string;
  let conseil: string;
  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    martin = await cps('10001234565');
    conseil = await cps('10005678908');
  });
  afterEach(() => demo.dispose());

  async function cps(rpps: string): Promise<string> {
    return (await json(await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code: '1234' } } }))).token;
  }
  const push = (collection: 'threads' | 'messages', token: string, docs: Record<string, unknown>[]) =>
    demo.request(`/api/replication/ems/${collection}/push`, { method: 'POST', token, json: docs.map((newDocumentState) => ({ newDocumentState })) });
  const pull = async (collection: 'threads' | 'messages', token: string) => (await json(await demo.request(`/api/replication/ems/${collection}/pull?limit=100`, { token }))).documents as Record<string, any>[];
  const thread = (overrides: Record<string, unknown> = {}) => ({ id: `t-${Math.random().toString(36).slice(2, 10)}`, patientNir: nirFor(7), patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Arrêt de travail', ...overrides });
  const message = (threadId: string, body: string, createdAt = new Date().toISOString()) => ({ id: `m-${Math.random().toString(36).slice(2, 10)}`, threadId, body, createdAt });

  it('is for CPS sessions only, and for doctors and the médecin conseil', async () => {
    const password = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const refused = await demo.request('/api/replication/ems/threads/pull', { token: password });
    assert.equal(refused.status, 403);
    assert.match((await json(refused)).error, /carte CPS/);
    const pharmacist = await cps('10003456786');
    assert.equal((await json(await demo.request('/api/replication/ems/threads/pull', { token: pharmacist }))).reason, 'ems_role');
  });

  it('exchanges both ways: the practitioner opens a thread about a patient, the médecin conseil of the office answers, read marks both ways', async () => {
    const t = thread();
    assert.equal((await push('threads', martin, [t])).status, 200);
    demo.advance(60_000);
    assert.equal((await push('messages', martin, [message(t.id, 'Bonjour, au sujet de l’arrêt de Mme Dupont…', demo.clock.now.toISOString())])).status, 200);
    demo.advance(60_000);
    const seen = await pull('threads', conseil);
    assert.deepEqual(seen.map((x) => [x.id, x.office, x.practitionerName, x.patientLastName]), [[t.id, '751', 'Dr Claire Martin', 'DUPONT']]);
    assert.equal((await pull('messages', conseil)).length, 1);
    assert.equal((await push('messages', conseil, [message(t.id, 'Merci, nous étudions le dossier.', demo.clock.now.toISOString())])).status, 200);
    const messages = await pull('messages', martin);
    assert.deepEqual(messages.map((m) => [m.author, m.authorName]), [['practitioner', 'Dr Claire Martin'], ['insurer', 'Dr Anne Moreau']]);
    const [before] = await pull('threads', martin);
    assert.equal(unreadCount(before as never, messages as never, 'practitioner'), 1, 'the answer is unread');
    assert.equal(unreadCount(before as never, messages as never, 'insurer'), 0, 'the insurer read what it answered');
    demo.advance(60_000);
    await push('threads', martin, [{ ...t, practitionerReadAt: demo.clock.now.toISOString() }]);
    const [after] = await pull('threads', martin);
    assert.equal(unreadCount(after as never, messages as never, 'practitioner'), 0, 'read once the practitioner opened it');
    const [insurerView] = await pull('threads', conseil);
    assert.equal(insurerView!.practitionerReadAt, after!.practitionerReadAt, 'the médecin conseil sees it was read');
  });

  it('tells the practitioner by e-mail that a new EMS waits — never its content', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    await push('messages', conseil, [message(t.id, 'Résultats confidentiels : HbA1c 9 %')]);
    const mail = (await demo.outbox()).at(-1)!;
    assert.deepEqual([mail.recipient, mail.subject], ['dr.martin@demo.test', 'Un nouvel échange médical sécurisé vous attend']);
    assert.doesNotMatch(mail.body, /HbA1c|confidentiels|Dupont|DUPONT/);
  });

  it('stores an offline queue in the order it was written, and never changes a sent message', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    const first = message(t.id, 'premier', '2026-11-22T08:00:00.000Z');
    const second = message(t.id, 'deuxième', '2026-11-22T08:05:00.000Z');
    const third = message(t.id, 'troisième', '2026-11-22T08:10:00.000Z');
    assert.equal((await push('messages', martin, [third, first, second])).status, 200);
    assert.deepEqual((await pull('messages', conseil)).map((m) => m.body), ['premier', 'deuxième', 'troisième']);
    assert.equal((await push('messages', martin, [first])).status, 200, 'sending the same message again is harmless');
    const changed = await push('messages', martin, [{ ...first, body: 'réécrit' }]);
    assert.equal(changed.status, 403);
    assert.match((await json(changed)).error, /ne se modifie plus/);
  });

  it('validates the times a device gives: a message dated 2001 or tomorrow, a read mark that is not a date', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    const now = demo.clock.now.toISOString();
    const old = message(t.id, 'daté de 2001', '2001-01-01T00:00:00.000Z');
    const future = message(t.id, 'daté de demain', '2026-11-23T09:00:00.000Z');
    assert.equal((await push('messages', martin, [old, future])).status, 200);
    const stored = await pull('messages', conseil);
    assert.equal(stored.find((m) => m.id === future.id)!.createdAt, now, 'never later than the server received it');
    assert.ok(stored.find((m) => m.id === old.id)!.createdAt >= '2026-10-23', 'at most 30 days back');

    const garbage = await push('threads', conseil, [{ ...t, insurerReadAt: 'n’importe quoi' }]);
    assert.equal(garbage.status, 422);
    assert.equal((await json(garbage)).rows[0].issues[0].field, 'insurerReadAt');
    assert.equal((await push('threads', conseil, [{ ...t, insurerReadAt: '2099-01-01T00:00:00.000Z' }])).status, 200);
    assert.equal((await pull('threads', martin))[0]!.insurerReadAt, now, 'a read mark never runs ahead of the server');
  });

  it('answers a non-party the same whatever body it sends for a message id it knows', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    const secret = message(t.id, 'Diagnostic : diabète de type 2');
    await push('messages', martin, [secret]);
    const durand = await cps('10002345675');
    const rightGuess = await push('messages', durand, [secret]);
    const wrongGuess = await push('messages', durand, [{ ...secret, body: 'Diagnostic : asthme' }]);
    assert.equal(rightGuess.status, 403);
    assert.deepEqual([wrongGuess.status, await json(wrongGuess)], [403, await json(rightGuess)]);
  });

  it('lets the médecin conseil open an exchange with a doctor of the office, by RPPS; the doctor is told by e-mail and answers', async () => {
    const t = thread({ practitionerId: '10001234565', subject: 'Contrôle d’un arrêt de travail' });
    assert.equal((await push('threads', conseil, [t])).status, 200);
    assert.equal((await push('messages', conseil, [message(t.id, 'Pouvez-vous nous transmettre le certificat initial ?')])).status, 200);
    const [seen] = await pull('threads', martin);
    assert.deepEqual([seen!.id, seen!.practitionerId, seen!.office, seen!.subject, seen!.practitionerName], [t.id, 'u-martin', '751', 'Contrôle d’un arrêt de travail', 'Dr Claire Martin']);
    assert.equal(unreadCount(seen as never, (await pull('messages', martin)) as never, 'practitioner'), 1);
    assert.match((await demo.outbox()).at(-1)!.body, /nouveau message dans vos échanges médicaux sécurisés/);
    assert.equal((await push('messages', martin, [message(t.id, 'Le voici.')])).status, 200);

    const elsewhere = await push('threads', conseil, [thread({ practitionerId: '10002345675' })]);
    assert.equal(elsewhere.status, 403, 'Dr Durand (Lyon) does not depend on the CPAM de Paris');
    assert.match((await json(elsewhere)).error, /Aucun médecin de N° RPPS 10002345675 ne relève de votre caisse/);
    const badRpps = await push('threads', conseil, [thread({ practitionerId: '123' })]);
    assert.equal(badRpps.status, 422);
    assert.equal((await json(badRpps)).rows[0].issues[0].field, 'practitionerRpps');
  });

  it('refuses a third practitioner, and checks the patient’s NIR', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    const durand = await cps('10002345675');
    assert.deepEqual(await pull('threads', durand), []);
    assert.deepEqual(await pull('messages', durand), []);
    const intrusion = await push('messages', durand, [message(t.id, 'je lis ?')]);
    assert.equal(intrusion.status, 403);
    const badNir = await push('threads', martin, [thread({ patientNir: '123' })]);
    assert.equal(badNir.status, 422);
    assert.equal((await json(badNir)).rows[0].issues[0].field, 'patientNir');
  });

  it('lets a validated délégué (substitute) write for the délégant, named as such; not an accountant', async () => {
    const t = thread();
    await push('threads', martin, [t]);
    const create = async (profile: string) => {
      const { id } = await json(await demo.request('/api/delegations', { method: 'POST', token: martin, json: { delegateEmail: 'remplacant@demo.test', profile, validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] } }));
      await demo.request('/api/delegations/invitation/answer', { method: 'POST', json: { token: linkToken((await demo.outbox()).filter((m) => m.recipient === 'remplacant@demo.test').at(-1)!.body), action: 'accept' } });
      return id as string;
    };
    const id = await create('remplacant');
    const own = await cps('10006789019');
    const acting = (await json(await demo.request(`/api/delegations/${id}/act`, { method: 'POST', token: own }))).token;
    assert.deepEqual((await pull('threads', acting)).map((x) => x.id), [t.id]);
    assert.equal((await push('messages', acting, [message(t.id, 'Je remplace le Dr Martin cette semaine.')])).status, 200);
    const [written] = (await pull('messages', conseil)).slice(-1);
    assert.equal(written!.authorName, 'Dr Lucas Garnier pour Dr Claire Martin');
    const [audit] = await demo.storeRows("SELECT actor_id AS actor, on_behalf_of_id AS principal FROM audit WHERE action = 'ems_message'");
    assert.deepEqual(audit, { actor: 'u-remplacant', principal: 'u-martin' });

    await demo.request(`/api/delegations/${id}/delete`, { method: 'POST', token: martin });
    const comptable = await create('comptable');
    const actingAccountant = (await json(await demo.request(`/api/delegations/${comptable}/act`, { method: 'POST', token: own }))).token;
    const refused = await demo.request('/api/replication/ems/threads/pull', { token: actingAccountant });
    assert.equal(refused.status, 403);
    assert.equal((await json(refused)).reason, 'delegation_profile');
  });
});
