import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

for (const backend of TEST_BACKENDS) describe(`fiches replication: pull and push${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  let martin: string;
  let durand: string;
  let pharmacien: string;
  let biologiste: string;

  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    [martin, durand, pharmacien, biologiste] = await Promise.all([
      demo.signIn('dr.martin@demo.test', 'Medecin#2026'),
      demo.signIn('dr.durand@demo.test', 'Medecin#2026'),
      demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026'),
      demo.signIn('labo.bio@demo.test', 'Biolog#2026'),
    ]);
  });
  afterEach(() => demo.dispose());

  const push = (token: string, rows: unknown) => demo.request('/api/replication/fiches/push', { method: 'POST', token, json: rows });
  const pull = async (token: string, checkpoint?: unknown, limit?: number) => {
    const query = new URLSearchParams();
    if (checkpoint !== undefined) query.set('checkpoint', JSON.stringify(checkpoint));
    if (limit !== undefined) query.set('limit', String(limit));
    const response = await demo.request(`/api/replication/fiches/pull?${query}`, { token });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { documents: Json[]; checkpoint: { sequence: number } };
  };
  const pullAll = async (token: string) => (await pull(token, undefined, 1000)).documents;
  const expectStatus = async (response: Response, status: number) => {
    assert.equal(response.status, status, await response.clone().text());
    return (await response.json()) as Json;
  };

  it('starts empty, then returns a pushed file with the fields the server sets', async () => {
    assert.deepEqual(await pull(martin), { documents: [], checkpoint: { sequence: 0 } });
    const fiche = patientZero({ status: 'brouillon' });
    assert.deepEqual(await expectStatus(await push(martin, [insert(fiche)]), 200), []);
    const { documents, checkpoint } = await pull(martin);
    assert.equal(documents.length, 1);
    const stored = documents[0]!;
    assert.equal(stored.id, fiche['id']);
    assert.equal(stored._deleted, false);
    assert.equal(stored.declarantId, 'u-martin');
    assert.equal(stored.structureId, 's-cabinet-martin');
    assert.equal(stored.updatedAt, '2026-11-22T09:00:00.000Z');
    assert.equal(stored.createdAt, '2026-11-22T09:00:00.000Z');
    assert.equal(stored.statusSince, '2026-11-22T09:00:00.000Z');
    assert.ok(checkpoint.sequence > 0);
  });

  it('never trusts the client for server-owned fields', async () => {
    const fiche = patientZero({ declarantId: 'u-durand', structureId: 's-cabinet-durand', updatedAt: '2030-01-01T00:00:00.000Z', createdAt: '2019-01-01T00:00:00.000Z' });
    await expectStatus(await push(martin, [insert(fiche)]), 200);
    const [stored] = await pullAll(martin);
    assert.equal(stored!.declarantId, 'u-martin');
    assert.equal(stored!.structureId, 's-cabinet-martin');
    assert.equal(stored!.updatedAt, '2026-11-22T09:00:00.000Z');
    assert.equal(stored!.createdAt, '2026-11-22T09:00:00.000Z');
    assert.deepEqual(await pullAll(durand), [], 'Dr Durand does not receive it because it claimed his structure');
  });

  it('gives a second doctor none of the first doctor’s files', async () => {
    await push(martin, [insert(patientZero()), insert(patientZero())]);
    assert.equal((await pullAll(martin)).length, 2);
    assert.deepEqual(await pullAll(durand), []);
  });

  it('pages through everything in server order, with no gap and no repeat, including writes between pages', async () => {
    const first = Array.from({ length: 25 }, () => patientZero());
    await expectStatus(await push(martin, first.map(insert)), 200);
    const seen: string[] = [];
    let page = await pull(martin, undefined, 10);
    seen.push(...page.documents.map((d) => d.id));
    const late = patientZero();
    demo.advance(1000);
    await push(martin, [insert(late)]);
    for (;;) {
      page = await pull(martin, page.checkpoint, 10);
      if (page.documents.length === 0) break;
      seen.push(...page.documents.map((d) => d.id));
    }
    assert.equal(new Set(seen).size, seen.length, 'no repeat');
    assert.deepEqual(seen, [...first.map((d) => d['id']), late['id']]);
    const again = await pull(martin, page.checkpoint, 10);
    assert.deepEqual(again.documents, []);
    assert.deepEqual(again.checkpoint, page.checkpoint);
  });

  it('honours a limit of 1000', async () => {
    const many = Array.from({ length: 1000 }, () => patientZero());
    await expectStatus(await push(martin, many.map(insert)), 200);
    await push(martin, [insert(patientZero())]);
    assert.equal((await pull(martin, undefined, 1000)).documents.length, 1000);
  });

  it('answers the stored document for a row whose assumed master state is stale, and writes nothing', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    await expectStatus(await push(martin, [update(fiche, { ...fiche, phone: '0611111111' })]), 200);
    const conflicts = await expectStatus(await push(martin, [update(fiche, { ...fiche, phone: '0622222222' })]), 200);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0].phone, '0611111111');
    assert.equal((await pullAll(martin))[0]!.phone, '0611111111');
  });

  it('treats a new document for an existing id as a conflict', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    const conflicts = await expectStatus(await push(martin, [insert({ ...fiche, lastName: 'Autre' })]), 200);
    assert.equal(conflicts[0].lastName, 'Dupont');
  });

  it('accepts a second edit made before the stamped copy came back (server fields are not compared)', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    const firstEdit = { ...fiche, phone: '0611111111' };
    await expectStatus(await push(martin, [update(fiche, firstEdit)]), 200);
    demo.advance(5);
    const secondEdit = { ...firstEdit, commune: 'Paris 12e' };
    assert.deepEqual(await expectStatus(await push(martin, [update(firstEdit, secondEdit)]), 200), []);
    const [stored] = await pullAll(martin);
    assert.equal(stored!.phone, '0611111111');
    assert.equal(stored!.commune, 'Paris 12e');
  });

  it('refuses any deletion with 403 and writes nothing of the batch', async () => {
    const kept = patientZero();
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    const body = await expectStatus(await push(martin, [insert(kept), update(fiche, { ...fiche, _deleted: true })]), 403);
    assert.match(body.error, /rien n’a été enregistré/);
    assert.deepEqual(body.rows, [{ id: fiche['id'], reason: 'Une fiche Contact COVID ne peut jamais être supprimée.' }]);
    assert.deepEqual((await pullAll(martin)).map((d) => d.id), [fiche['id']]);
  });

  it('refuses an invalid row with 422, its reason and field issues, and writes nothing of the batch', async () => {
    const good = patientZero();
    const bad = patientZero({ nir: '1850175112', legalNotice: false });
    const body = await expectStatus(await push(martin, [insert(good), insert(bad)]), 422);
    assert.equal(body.rows.length, 1);
    assert.equal(body.rows[0].id, bad['id']);
    assert.deepEqual(body.rows[0].issues.map((i: Json) => i.field), ['nir', 'legalNotice']);
    assert.match(body.rows[0].issues[0].message, /15 caractères/);
    assert.deepEqual(await pullAll(martin), []);
  });

  it('answers bad JSON, wrong shapes, bad checkpoints and limits with 4xx, never 500', async () => {
    const raw = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, body: '[{', headers: { 'content-type': 'application/json' } });
    assert.equal(raw.status, 400);
    for (const shape of [{}, 'x', [1], [{ newDocumentState: 'x' }], [{ newDocumentState: {} }], [{}], null]) {
      const response = await push(martin, shape);
      assert.equal(response.status, 400, JSON.stringify(shape));
      assert.equal(typeof ((await response.json()) as Json).error, 'string');
    }
    assert.equal((await push(martin, [{ newDocumentState: { id: 'x', kind: 'patient_zero' } }])).status, 422);
    assert.equal((await push(martin, Array.from({ length: 1001 }, () => insert(patientZero())))).status, 413);
    for (const query of ['checkpoint=%7Bnope', 'checkpoint=%7B%22sequence%22%3A-1%7D', 'checkpoint=%5B%5D', 'limit=0', 'limit=abc', 'limit=10001']) {
      const response = await demo.request(`/api/replication/fiches/pull?${query}`, { token: martin });
      assert.equal(response.status, 400, query);
    }
  });

  it('requires a session for pull, push and stream', async () => {
    assert.equal((await demo.request('/api/replication/fiches/pull')).status, 401);
    assert.equal((await demo.request('/api/replication/fiches/push', { method: 'POST', json: [] })).status, 401);
    assert.equal((await demo.request('/api/replication/fiches/pull-stream')).status, 401);
  });

  it('refuses another structure’s file to a doctor who has not opened it, without revealing it', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    const body = await expectStatus(await push(durand, [update(fiche, { ...fiche, phone: '0600000000' })]), 403);
    assert.equal(body.rows[0].reason, 'Vous n’avez pas accès à cette fiche.');
    assert.equal(JSON.stringify(body).includes('0612345678'), false);
  });

  it('settles the status on the server: a contact with a phone is “À contacter”, one without “Contact à trouver”', async () => {
    const p0 = patientZero();
    const reachable = contactOf(p0['id'] as string, { status: 'pc_contact_a_trouver' });
    const unreachable = contactOf(p0['id'] as string, { phone: '' });
    await expectStatus(await push(martin, [insert(p0), insert(reachable), insert(unreachable)]), 200);
    const byId = new Map((await pullAll(martin)).map((d) => [d.id, d]));
    assert.equal(byId.get(reachable['id'])!.status, 'pc_a_contacter');
    assert.equal(byId.get(unreachable['id'])!.status, 'pc_contact_a_trouver');
  });

  it('promotes a contact whose result turns positive to patient zéro', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string, { legalNotice: true });
    await push(martin, [insert(p0), insert(contact)]);
    const stored = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    demo.advance(60_000);
    const { _deleted, ...assumed } = stored;
    await expectStatus(await push(martin, [update(assumed, { ...assumed, diagnosis: 'rt_pcr_positif' })]), 200);
    const promoted = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    assert.equal(promoted.kind, 'patient_zero');
    assert.equal(promoted.status, 'p0_confirme_a_trouver');
    assert.equal(promoted.statusSince, '2026-11-22T09:01:00.000Z');
  });

  it('creates no patient zéro for a negative test (422 on the diagnosis)', async () => {
    const body = await expectStatus(await push(pharmacien, [insert(patientZero({ diagnosis: 'rt_pcr_negatif' }))]), 422);
    assert.match(body.rows[0].reason, /un test négatif ne crée pas de fiche/);
    assert.deepEqual(body.rows[0].fields, ['diagnosis']);
  });

  it('refuses a contact whose patient zéro does not exist', async () => {
    const body = await expectStatus(await push(martin, [insert(contactOf('p0-nowhere'))]), 422);
    assert.match(body.rows[0].reason, /patient zéro.*introuvable/);
  });

  it('keeps the platform’s statuses for the platform', async () => {
    const p0 = patientZero();
    await push(martin, [insert(p0)]);
    const body = await expectStatus(await push(martin, [update(p0, { ...p0, status: 'p0_confirme_contacte' })]), 403);
    assert.match(body.rows[0].reason, /Votre profil ne permet pas/);
  });

  it('lets a pharmacist find a contact by full NIR, open it, and record the mask — never rewrite the identity', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await push(martin, [insert(p0), insert(contact)]);
    const before = await pull(pharmacien);
    assert.deepEqual(before.documents, []);

    const search = await expectStatus(await demo.request(`/api/fiches/search?nir=${encodeURIComponent(contact['nir'] as string)}`, { token: pharmacien }), 200);
    assert.deepEqual(search.documents.map((d: Json) => d.id), [contact['id']]);
    assert.equal(search.documents[0].phone, undefined, 'no contact details before opening');
    await expectStatus(await demo.request(`/api/fiches/${contact['id']}/open`, { method: 'POST', token: pharmacien, json: { nir: contact['nir'] } }), 200);

    const after = await pull(pharmacien, before.checkpoint);
    assert.deepEqual(after.documents.map((d) => d.id), [contact['id']], 'the opened file reaches the pharmacist past their checkpoint');
    const { _deleted, ...stored } = after.documents[0]!;

    const rename = await expectStatus(await push(pharmacien, [update(stored, { ...stored, lastName: 'Autre' })]), 403);
    assert.match(rename.rows[0].reason, /ne peut pas modifier l’identité/);
    assert.deepEqual(rename.rows[0].fields, ['lastName']);

    assert.deepEqual(await expectStatus(await push(pharmacien, [update(stored, { ...stored, maskDelivered: true })]), 200), []);
    const seenByDoctor = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    assert.equal(seenByDoctor.maskDelivered, true);
    assert.equal(seenByDoctor.lastName, 'Durand');
  });

  it('finds the duplicate of a file about to be created: same NIR, nom and prénom, accents and case aside', async () => {
    const p0 = patientZero({ lastName: 'Lefèvre', firstName: 'Élodie' });
    await push(martin, [insert(p0)]);
    const nir = encodeURIComponent(p0['nir'] as string);
    const same = await expectStatus(await demo.request(`/api/fiches/search?nir=${nir}&lastName=LEFEVRE&firstName=elodie`, { token: durand }), 200);
    assert.deepEqual(same.documents.map((d: Json) => d.id), [p0['id']]);
    const other = await expectStatus(await demo.request(`/api/fiches/search?nir=${nir}&lastName=Martin&firstName=Elodie`, { token: durand }), 200);
    assert.deepEqual(other.documents, []);
  });

  it('shows search results as summaries without medical data, and opens a file only with its NIR', async () => {
    const p0 = patientZero({ diagnosis: 'rt_pcr_positif', phone: '0612345678' });
    await push(martin, [insert(p0)]);
    const found = await expectStatus(await demo.request(`/api/fiches/search?nir=${p0['nir']}`, { token: durand }), 200);
    assert.deepEqual(Object.keys(found.documents[0]).sort(), ['createdAt', 'firstName', 'id', 'kind', 'lastName', 'nir', 'postcode', 'status', 'statusSince']);
    const byIdOnly = await demo.request(`/api/fiches/${p0['id']}/open`, { method: 'POST', token: durand, json: {} });
    assert.equal(byIdOnly.status, 400);
    const wrongNir = await demo.request(`/api/fiches/${p0['id']}/open`, { method: 'POST', token: durand, json: { nir: '255081416802538' } });
    assert.equal(wrongNir.status, 404);
    const unknown = await demo.request(`/api/fiches/nope/open`, { method: 'POST', token: durand, json: { nir: p0['nir'] } });
    assert.deepEqual(await wrongNir.json(), await unknown.json(), 'an unknown id and a wrong NIR look the same');
    assert.deepEqual(await pullAll(durand), []);
    const audit = await demo.storeRows("SELECT actor_id, action FROM audit WHERE action = 'search'");
    assert.deepEqual(audit, [{ actor_id: 'u-durand', action: 'search' }]);
  });

  it('keeps a pharmacist on another structure’s file to masks and a positive antigen test', async () => {
    const p0 = patientZero();
    const draft = contactOf(p0['id'] as string, { status: 'brouillon' });
    await push(martin, [insert(p0), insert(draft)]);
    for (const fiche of [p0, draft]) await demo.request(`/api/fiches/${fiche['id']}/open`, { method: 'POST', token: pharmacien, json: { nir: fiche['nir'] } });
    const docs = new Map((await pullAll(pharmacien)).map(({ _deleted, ...d }) => [d.id, d]));
    const storedP0 = docs.get(p0['id'])!;
    const negative = await expectStatus(await push(pharmacien, [update(storedP0, { ...storedP0, diagnosis: 'rt_pcr_negatif' })]), 403);
    assert.deepEqual(negative.rows[0].fields, ['diagnosis']);
    const storedDraft = docs.get(draft['id'])!;
    const validate = await expectStatus(await push(pharmacien, [update(storedDraft, { ...storedDraft, status: 'pc_a_contacter' })]), 403);
    assert.match(validate.rows[0].reason, /brouillon d’une autre structure/);
  });

  it('refuses a promotion that would leave a patient zéro without NIR or legal notice, naming the fields', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string, { nir: '' });
    await push(martin, [insert(p0), insert(contact)]);
    const { _deleted, ...stored } = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    const body = await expectStatus(await push(martin, [update(stored, { ...stored, diagnosis: 'rt_pcr_positif' })]), 422);
    assert.deepEqual(body.rows[0].issues.map((i: Json) => i.field), ['nir', 'legalNotice']);
  });

  it('checks a contact’s patient zéro again when it changes', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await push(martin, [insert(p0), insert(contact)]);
    const { _deleted, ...stored } = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    const body = await expectStatus(await push(martin, [update(stored, { ...stored, indexCaseId: 'does-not-exist' })]), 422);
    assert.deepEqual(body.rows[0].fields, ['indexCaseId']);
  });

  it('answers an assumed master state that is not a flat file with 400, not 500', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    const nested = '['.repeat(20_000) + '"x"' + ']'.repeat(20_000);
    const raw = `[{"assumedMasterState":{"id":"${fiche['id']}","phone":${nested}},"newDocumentState":${JSON.stringify(fiche)}}]`;
    const response = await demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, body: raw, headers: { 'content-type': 'application/json' } });
    assert.ok(response.status === 400, `got ${response.status}`);
  });

  it('refuses a search without a full, valid NIR', async () => {
    const missing = await expectStatus(await demo.request('/api/fiches/search', { token: pharmacien }), 400);
    assert.match(missing.error, /NIR complet/);
    const short = await expectStatus(await demo.request('/api/fiches/search?nir=1850175', { token: pharmacien }), 400);
    assert.match(short.error, /15 caractères/);
  });

  it('lets a biologist record the sampling date and nothing else, and not create files', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string, { samplingDate: '' });
    await push(martin, [insert(p0), insert(contact)]);
    await demo.request(`/api/fiches/${contact['id']}/open`, { method: 'POST', token: biologiste, json: { nir: contact['nir'] } });
    const [opened] = (await pull(biologiste)).documents;
    const { _deleted, ...stored } = opened!;
    assert.deepEqual(await expectStatus(await push(biologiste, [update(stored, { ...stored, samplingDate: '2026-11-21' })]), 200), []);
    const afterSampling = (await pullAll(biologiste))[0]!;
    const { _deleted: _d, ...current } = afterSampling;
    const refused = await expectStatus(await push(biologiste, [update(current, { ...current, phone: '0700000000' })]), 403);
    assert.match(refused.rows[0].reason, /biologiste/);
    assert.equal((await push(biologiste, [insert(patientZero())])).status, 403);
  });

  it('keeps an audit row per accepted write: who, when, what changed', async () => {
    const fiche = patientZero();
    await push(martin, [insert(fiche)]);
    await push(martin, [update(fiche, { ...fiche, phone: '0611111111' })]);
    await push(martin, [insert({ ...fiche, id: 'x' }), update(fiche, { ...fiche, _deleted: true })]);
    const rows = (await demo.storeRows("SELECT actor_id, action, document_id, changes, at FROM audit WHERE collection = 'fiches' ORDER BY seq")) as Json[];
    assert.deepEqual(rows.map((r) => [r.actor_id, r.action, r.document_id]), [
      ['u-martin', 'create', fiche['id']],
      ['u-martin', 'update', fiche['id']],
    ]);
    assert.deepEqual(JSON.parse(rows[1]!.changes), { phone: ['0612345678', '0611111111'] });
  });
});
