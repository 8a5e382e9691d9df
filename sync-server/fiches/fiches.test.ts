import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

/** NGUYEN Linh, in the demo directory of insured people. */
const INSURED = { nir: '292079402803347', lastName: 'NGUYEN', birthName: 'TRAN', firstName: 'Linh', birthDate: '1992-07-04' };

for (const backend of TEST_BACKENDS) describe(`Contact COVID: the directory of insured people, the pharmacist’s antigen test, a patient zéro awaiting its result${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  let martin: string;
  let pharmacien: string;

  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    [martin, pharmacien] = await Promise.all([demo.signIn('dr.martin@demo.test', 'Medecin#2026'), demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026')]);
  });
  afterEach(() => demo.dispose());

  const push = (token: string, rows: unknown) => demo.request('/api/replication/fiches/push', { method: 'POST', token, json: rows });
  const pullAll = async (token: string) => ((await (await demo.request('/api/replication/fiches/pull?limit=1000', { token })).json()) as { documents: Json[] }).documents;
  const expectStatus = async (response: Response, status: number) => {
    assert.equal(response.status, status, await response.clone().text());
    return (await response.json()) as Json;
  };
  const lookup = (token: string, nir: string, headers: Record<string, string> = {}) => demo.request(`/api/fiches/insured?nir=${encodeURIComponent(nir)}`, { token, headers });

  it('looks an insured person up by full NIR, spaces accepted, and audits it', async () => {
    const found = await expectStatus(await lookup(martin, '2 92 07 94 028 033 47'), 200);
    assert.deepEqual(found.person, INSURED);
    const unknown = await expectStatus(await lookup(martin, '255081416802538'), 404);
    assert.equal(unknown.reason, 'not_found');
    assert.match(unknown.error, /pas dans le répertoire des assurés/);
    assert.match((await expectStatus(await lookup(martin, '255081416802538', { 'accept-language': 'en' }), 404)).error, /not in the directory/);
    assert.equal((await expectStatus(await lookup(martin, '2920794'), 400)).reason, 'invalid_nir');
    assert.deepEqual(
      await demo.storeRows("SELECT actor_id, changes FROM audit WHERE action = 'insured-lookup' ORDER BY seq"),
      [
        { actor_id: 'u-martin', changes: '{"found":true}' },
        { actor_id: 'u-martin', changes: '{"found":false}' },
        { actor_id: 'u-martin', changes: '{"found":false}' },
      ],
    );
  });

  it('refuses the lookup without a session and to the médecin conseil', async () => {
    assert.equal((await demo.request(`/api/fiches/insured?nir=${INSURED.nir}`)).status, 401);
    const conseil = await demo.signIn('conseil@demo.test', 'Conseil#2026');
    assert.equal((await expectStatus(await lookup(conseil, INSURED.nir), 403)).reason, 'forbidden');
  });

  it('stores an identity marked as from the directory only when it is the directory’s', async () => {
    const claimed = patientZero({ ...INSURED, lastName: 'NGUYEN-FAUX', identityFromDirectory: true });
    const refused = await expectStatus(await push(martin, [insert(claimed)]), 422);
    assert.deepEqual(refused.rows[0].fields, ['identityFromDirectory']);
    assert.match(refused.rows[0].reason, /répertoire des assurés/);
    const unknownNir = await expectStatus(await push(martin, [insert(patientZero({ identityFromDirectory: true }))]), 422);
    assert.deepEqual(unknownNir.rows[0].fields, ['identityFromDirectory']);

    const genuine = patientZero({ ...INSURED, identityFromDirectory: true });
    await expectStatus(await push(martin, [insert(genuine)]), 200);
    const [stored] = await pullAll(martin);
    assert.equal(stored!.identityFromDirectory, true);
    const { _deleted, ...assumed } = stored!;
    const renamed = await expectStatus(await push(martin, [update(assumed, { ...assumed, firstName: 'Autre' })]), 403);
    assert.deepEqual(renamed.rows[0].fields, ['firstName'], 'the identity stays locked');
  });

  it('lets a pharmacist record a positive antigen test on another structure’s contact, with the legal notice, which promotes it', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await push(martin, [insert(p0), insert(contact)]);
    await expectStatus(await demo.request(`/api/fiches/${contact['id']}/open`, { method: 'POST', token: pharmacien, json: { nir: contact['nir'] } }), 200);
    const { _deleted, ...stored } = (await pullAll(pharmacien))[0]!;
    const antigen = { ...stored, diagnosis: 'antigenique_positif', samplingDate: '2026-11-22', symptoms: 'oui' };

    const withoutNotice = await expectStatus(await push(pharmacien, [update(stored, antigen)]), 422);
    assert.deepEqual(withoutNotice.rows[0].issues.map((i: Json) => i.field), ['legalNotice'], 'a patient zéro needs the notice: the pharmacist is told so');

    assert.deepEqual(await expectStatus(await push(pharmacien, [update(stored, { ...antigen, legalNotice: true })]), 200), []);
    const promoted = (await pullAll(martin)).find((d) => d.id === contact['id'])!;
    assert.equal(promoted.kind, 'patient_zero');
    assert.equal(promoted.status, 'p0_confirme_a_trouver');
    assert.equal(promoted.declarantId, 'u-martin', 'the file stays the doctor’s');

    const { _deleted: _d, ...current } = (await pullAll(pharmacien))[0]!;
    const untick = await expectStatus(await push(pharmacien, [update(current, { ...current, legalNotice: false })]), 422);
    assert.deepEqual(untick.rows[0].issues.map((i: Json) => i.field), ['legalNotice'], 'a patient zéro keeps its notice');
    const phone = await expectStatus(await push(pharmacien, [update(current, { ...current, phone: '0700000000' })]), 403);
    assert.deepEqual(phone.rows[0].fields, ['phone'], 'nothing else of someone else’s file');

    const noticed = contactOf(p0['id'] as string, { legalNotice: true });
    await push(martin, [insert(noticed)]);
    await demo.request(`/api/fiches/${noticed['id']}/open`, { method: 'POST', token: pharmacien, json: { nir: noticed['nir'] } });
    const { _deleted: _n, ...storedNoticed } = (await pullAll(pharmacien)).find((d) => d.id === noticed['id'])!;
    const untickContact = await expectStatus(await push(pharmacien, [update(storedNoticed, { ...storedNoticed, legalNotice: false })]), 403);
    assert.deepEqual(untickContact.rows[0].fields, ['legalNotice'], 'the notice is ticked, never unticked, on someone else’s file');
  });

  it('keeps a patient zéro validated « En attente du résultat de test » as a draft, validated later with the result', async () => {
    const waiting = patientZero({ diagnosis: 'en_attente' });
    assert.deepEqual(await expectStatus(await push(martin, [insert(waiting)]), 200), []);
    const { _deleted, ...stored } = (await pullAll(martin))[0]!;
    assert.equal(stored.status, 'brouillon');
    await expectStatus(await push(martin, [update(stored, { ...stored, status: 'p0_confirme_a_trouver', diagnosis: 'rt_pcr_positif' })]), 200);
    assert.equal((await pullAll(martin))[0]!.status, 'p0_confirme_a_trouver');
  });
});
