import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
const json = async (response: Response) => (await response.json()) as Record<string, any>;

const question = {
  scheme: 'general',
  office: '941',
  subject: 'commande_imprimes',
  message: 'Bonjour,\nJ’ai commandé des feuilles de soins il y a trois semaines : quand seront-elles livrées ?\nMerci.',
};

for (const backend of TEST_BACKENDS) describe(`contacting the insurer (/api/insurer-contact)${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  let token: string;
  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
  });
  afterEach(() => demo.dispose());

  const send = (body: unknown, as: string | null = token) => demo.request('/api/insurer-contact', { method: 'POST', json: body, ...(as ? { token: as } : {}) });
  const audits = async () => (await demo.storeRows(`SELECT actor_id AS "actorId", changes FROM audit WHERE action = 'insurer_contact' ORDER BY seq`)) as { actorId: string; changes: string }[];

  it('needs a session', async () => {
    const response = await send(question, null);
    assert.equal(response.status, 401);
    assert.equal((await json(response)).reason, 'no_session');
    assert.deepEqual(await demo.outbox(), []);
  });

  it('sends the question to the office with who asks and where to answer, and audits it without the text', async () => {
    const response = await send(question);
    assert.equal(response.status, 201);
    const receipt = await json(response);
    assert.match(receipt.reference, /^AM-[A-Z2-9]{8}$/);
    assert.equal(receipt.message, `Votre demande n° ${receipt.reference} a bien été transmise à la 941 - CPAM du Val-de-Marne.`);

    const [mail, ...others] = (await demo.outbox());
    assert.equal(others.length, 0);
    assert.equal(mail!.channel, 'email');
    assert.equal(mail!.recipient, 'contact-941@cpam.example');
    assert.equal(mail!.subject, `[${receipt.reference}] Commandes d’imprimés – message d’un professionnel de santé`);
    assert.match(mail!.body, new RegExp(`Demande n° ${receipt.reference}`));
    assert.match(mail!.body, /Destinataire : 941 - CPAM du Val-de-Marne \(Régime général\)/);
    assert.match(mail!.body, /Objet : Commandes d’imprimés/);
    assert.match(mail!.body, /Expéditeur : Dr Claire Martin/);
    assert.match(mail!.body, /Cabinet Martin \(N° AM 631994977\)/);
    assert.match(mail!.body, /Adresse e-mail pour la réponse : dr\.martin@demo\.test/);
    assert.ok(mail!.body.endsWith(question.message), 'the message, as typed');

    const [audit] = await audits();
    assert.equal(audit!.actorId, 'u-martin');
    assert.deepEqual(JSON.parse(audit!.changes), { reference: receipt.reference, scheme: 'general', office: '941', subject: 'commande_imprimes' });
    assert.doesNotMatch(audit!.changes, /feuilles de soins/);

    const second = await json(await send(question));
    assert.notEqual(second.reference, receipt.reference, 'each request its own number');
  });

  it('refuses missing or unknown fields, each with its message', async () => {
    const response = await send({ scheme: 'general', office: '999', subject: '', message: '  ' });
    assert.equal(response.status, 422);
    const body = await json(response);
    assert.equal(body.reason, 'invalid_body');
    assert.deepEqual(body.fields, {
      office: 'Sélectionnez l’organisme destinataire.',
      subject: 'Choisissez l’objet de votre message.',
      message: 'Saisissez votre message.',
    });
    assert.equal((await send('pas un objet')).status, 422);
    assert.deepEqual(await demo.outbox(), []);
  });

  it('sends to an MSA caisse under the MSA, and refuses a CPAM there, next to the office', async () => {
    const refused = await send({ ...question, scheme: 'agricole', office: '941' });
    assert.equal(refused.status, 422);
    assert.equal((await json(refused)).fields.office, 'Cet organisme ne relève pas du régime choisi : sélectionnez un organisme de ce régime.');
    assert.deepEqual(await demo.outbox(), []);

    const sent = await send({ ...question, scheme: 'agricole', office: 'M01' });
    assert.equal(sent.status, 201);
    assert.match((await json(sent)).message, /transmise à la M01 - MSA Île-de-France\./);
    assert.equal((await demo.outbox())[0]!.recipient, 'contact-m01@msa.example');
    assert.match((await demo.outbox())[0]!.body, /Destinataire : M01 - MSA Île-de-France \(Mutualité sociale agricole \(MSA\)\)/);
  });

  it('refuses 2001 characters, accepts 2000', async () => {
    const tooLong = await send({ ...question, message: 'a'.repeat(2001) });
    assert.equal(tooLong.status, 422);
    assert.equal((await json(tooLong)).fields.message, 'Votre message ne peut pas dépasser 2000 caractères ; il en compte 2001.');
    assert.equal((await send({ ...question, message: 'a'.repeat(2000) })).status, 201);
  });

  it('refuses a NIR or a date of birth, and sends nothing; takes a general medical question', async () => {
    const withNir = await send({ ...question, message: 'Pour mon patient 1 85 01 75 112 345 62, merci de rappeler.' });
    assert.equal(withNir.status, 422);
    const body = await json(withNir);
    assert.equal(body.reason, 'sensitive_data');
    assert.match(body.fields.message, /un numéro de sécurité sociale : « 1 85 01 75 112 345 62 »/);

    const birth = await json(await send({ ...question, message: 'Ma patiente DURAND Anne, 12/03/1965, est en ALD.' }));
    assert.equal(birth.reason, 'sensitive_data');
    assert.match(birth.fields.message, /une date de naissance : « DURAND Anne, 12\/03\/1965 »/);
    assert.deepEqual(await demo.outbox(), []);
    assert.deepEqual(await audits(), []);

    assert.equal((await send({ ...question, message: 'Quelle est la procédure pour déclarer une ALD ?' })).status, 201);
    assert.match((await demo.outbox())[0]!.body, /Quelle est la procédure pour déclarer une ALD \?/);
  });

  it('lets a user send 10 messages an hour', async () => {
    for (let i = 0; i < 10; i += 1) assert.equal((await send(question)).status, 201);
    const refused = await send(question);
    assert.equal(refused.status, 429);
    assert.equal((await json(refused)).reason, 'rate_limited');
    assert.equal((await demo.outbox()).length, 10);

    const other = await demo.signIn('dr.durand@demo.test', 'Medecin#2026');
    assert.equal((await send(question, other)).status, 201, 'the limit is per user');
    demo.advance(60 * 60 * 1000);
    assert.equal((await send(question)).status, 201, 'an hour later');
  });
});
