import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insert, nirFor, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { readServerSentEvents } from '../testing/sse-reader.ts';
import { skipWithoutPostgres } from '../testing/test-postgres.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

/**
 * Two instances of the server on one PostgreSQL database, as behind a load balancer: a device
 * writes through one, another device's live stream is held by the other.
 */
describe('two instances on one PostgreSQL database', { skip: skipWithoutPostgres }, () => {
  let a: DemoApp;
  let b: DemoApp;
  before(async () => {
    a = await createDemoApp({ backend: 'postgres' });
    b = await createDemoApp({ backend: 'postgres', sharedPostgres: a.postgresUrl });
  });
  after(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  const push = (instance: DemoApp, token: string, rows: unknown) => instance.request('/api/replication/fiches/push', { method: 'POST', token, json: rows });
  const stream = async (instance: DemoApp, token: string) => readServerSentEvents(await instance.request('/api/replication/fiches/pull-stream', { token }));

  it('a file pushed through one instance reaches the streams the other holds for those who may see it, as stored, and pulls the same from both', async () => {
    const [martinOnA, martinOnB, durandOnB] = await Promise.all([
      a.signIn('dr.martin@demo.test', 'Medecin#2026'),
      b.signIn('dr.martin@demo.test', 'Medecin#2026'),
      b.signIn('dr.durand@demo.test', 'Medecin#2026'),
    ]);
    const martinStream = await stream(b, martinOnB);
    const durandStream = await stream(b, durandOnB);

    const fiche = patientZero();
    const pushed = await push(a, martinOnA, [insert(fiche)]);
    assert.equal(pushed.status, 200, await pushed.clone().text());
    const [event] = (await martinStream.waitFor(1, 20_000)) as Json[];
    const pulledFromB = (await (await b.request('/api/replication/fiches/pull', { token: martinOnB })).json()) as Json;
    assert.deepEqual(event!.documents, pulledFromB.documents, 'the stream carries the file as stored, with the server’s fields');
    assert.equal(event!.documents[0].id, fiche['id']);
    assert.equal(event!.documents[0].declarantId, 'u-martin');
    assert.deepEqual(event!.checkpoint, pulledFromB.checkpoint);

    // Dr Durand's own write, through the other instance, reaches his stream; Dr Martin's never did.
    const durandOnA = await a.signIn('dr.durand@demo.test', 'Medecin#2026');
    const own = patientZero();
    assert.equal((await push(a, durandOnA, [insert(own)])).status, 200);
    const durandEvents = (await durandStream.waitFor(1, 20_000)) as Json[];
    assert.deepEqual(durandEvents.map((e) => e.documents.map((d: Json) => d.id)), [[own['id']]]);
    await martinStream.close();
    await durandStream.close();
  });

  it('a file opened by NIR search on one instance reaches the opener’s stream on the other', async () => {
    const [martinOnA, durandOnA, durandOnB] = await Promise.all([
      a.signIn('dr.martin@demo.test', 'Medecin#2026'),
      a.signIn('dr.durand@demo.test', 'Medecin#2026'),
      b.signIn('dr.durand@demo.test', 'Medecin#2026'),
    ]);
    const fiche = patientZero();
    assert.equal((await push(a, martinOnA, [insert(fiche)])).status, 200);
    const durandStream = await stream(b, durandOnB);
    const opened = await a.request(`/api/fiches/${fiche['id']}/open`, { method: 'POST', token: durandOnA, json: { nir: fiche['nir'] } });
    assert.equal(opened.status, 200, await opened.clone().text());
    const [event] = (await durandStream.waitFor(1, 20_000)) as Json[];
    assert.deepEqual(event!.documents.map((d: Json) => d.id), [fiche['id']]);
    await durandStream.close();
  });

  it('ends the streams of an instance whose LISTEN connection dropped with a RESYNC: a pull from the checkpoint then has what was written meanwhile', async () => {
    const [martinOnA, martinOnB] = await Promise.all([a.signIn('dr.martin@demo.test', 'Medecin#2026'), b.signIn('dr.martin@demo.test', 'Medecin#2026')]);
    const pull = async (checkpoint: unknown) =>
      (await (await b.request(`/api/replication/fiches/pull?limit=100${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`, { token: martinOnB })).json()) as Json;
    const { checkpoint } = await pull(null);
    const martinStream = await stream(b, martinOnB);
    // The connection by which instance B hears of A's writes is cut; A writes while it is down.
    await a.storeRows(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${b.postgresListener!.applicationName}'`);
    const fiche = patientZero();
    assert.equal((await push(a, martinOnA, [insert(fiche)])).status, 200);
    await Promise.race([martinStream.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream stayed open')), 20_000))]);
    assert.equal(martinStream.events.at(-1), 'RESYNC');
    assert.ok((await pull(checkpoint)).documents.some((d: Json) => d.id === fiche['id']), 'the pull from the checkpoint has the file');
  });

  it('a password changed through one instance ends the account’s streams held by the other, the changing session’s own excepted', async () => {
    const [changing, durandOnB, martinOnB] = await Promise.all([a.signIn('dr.durand@demo.test', 'Medecin#2026'), b.signIn('dr.durand@demo.test', 'Medecin#2026'), b.signIn('dr.martin@demo.test', 'Medecin#2026')]);
    const durandStream = await stream(b, durandOnB);
    const martinStream = await stream(b, martinOnB);
    const changed = await a.request('/api/account/password', { method: 'POST', token: changing, json: { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027' } });
    assert.equal(changed.status, 200);
    await Promise.race([durandStream.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream on the other instance stayed open')), 20_000))]);
    assert.equal(durandStream.events.at(-1), 'RESYNC', 'ended with its session');
    // Another account's stream on that instance goes on.
    const fiche = patientZero();
    assert.equal((await push(a, await a.signIn('dr.martin@demo.test', 'Medecin#2026'), [insert(fiche)])).status, 200);
    const [event] = (await martinStream.waitFor(1, 20_000)) as Json[];
    assert.equal(event!.documents[0].id, fiche['id']);
    await martinStream.close();
  });

  it('an EMS thread and message written through one instance reach both parties’ streams held by the other', async () => {
    const cps = async (instance: DemoApp, rpps: string) => ((await (await instance.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code: '1234' } } })).json()) as Json).token as string;
    const [martinOnA, martinOnB, conseilOnB] = await Promise.all([cps(a, '10001234565'), cps(b, '10001234565'), cps(b, '10005678908')]);
    const emsStream = async (token: string, collection: string) => readServerSentEvents(await b.request(`/api/replication/ems/${collection}/pull-stream`, { token }));
    const [conseilThreads, conseilMessages, martinMessages] = await Promise.all([emsStream(conseilOnB, 'threads'), emsStream(conseilOnB, 'messages'), emsStream(martinOnB, 'messages')]);

    const thread = { id: 't-instances', patientNir: nirFor(7), patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Arrêt de travail' };
    assert.equal((await a.request('/api/replication/ems/threads/push', { method: 'POST', token: martinOnA, json: [{ newDocumentState: thread }] })).status, 200);
    const [opened] = (await conseilThreads.waitFor(1, 20_000)) as Json[];
    assert.deepEqual(opened!.documents.map((d: Json) => [d.id, d.practitionerName]), [['t-instances', 'Dr Claire Martin']]);

    const message = { id: 'm-instances', threadId: 't-instances', body: 'Bonjour, voici ma question.', createdAt: new Date().toISOString() };
    assert.equal((await a.request('/api/replication/ems/messages/push', { method: 'POST', token: martinOnA, json: [{ newDocumentState: message }] })).status, 200);
    for (const received of [conseilMessages, martinMessages]) {
      const [event] = (await received.waitFor(1, 20_000)) as Json[];
      assert.deepEqual(event!.documents.map((d: Json) => [d.id, d.body, d.authorName]), [['m-instances', 'Bonjour, voici ma question.', 'Dr Claire Martin']]);
    }
    // The thread moved with the message (its last message, Dr Martin's read mark) reaches the médecin conseil too.
    const [, moved] = (await conseilThreads.waitFor(2, 20_000)) as Json[];
    assert.equal(moved!.documents[0].lastMessageAt, moved!.documents[0].practitionerReadAt);
    await Promise.all([conseilThreads.close(), conseilMessages.close(), martinMessages.close()]);
  });
});
