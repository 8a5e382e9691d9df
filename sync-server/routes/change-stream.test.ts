import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { insert, nirFor, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';
import { readServerSentEvents } from '../testing/sse-reader.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

for (const backend of TEST_BACKENDS) describe(`GET /api/replication/stream: every collection on one connection${backend.label}`, { skip: backend.skip }, () => {
  let demo: DemoApp;
  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
  });
  afterEach(() => demo.dispose());

  const cps = async (rpps: string) => (await json(await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps, code: '1234' } } }))).token as string;
  const stream = (collections: string, token: string) => demo.request(`/api/replication/stream?collections=${encodeURIComponent(collections)}`, { token });
  const post = (path: string, body: unknown, token: string) => demo.request(path, { method: 'POST', json: body, token });

  it('tags each change with its collection, and shows each user only their own', async () => {
    const martin = await cps('10001234565');
    const durand = await cps('10002345675');
    const martinResponse = await stream('fiches,delegations,ems/threads,ems/messages', martin);
    assert.equal(martinResponse.status, 200);
    assert.match(martinResponse.headers.get('content-type') ?? '', /text\/event-stream/);
    const martinEvents = readServerSentEvents(martinResponse);
    const durandEvents = readServerSentEvents(await stream('fiches,ems/threads', durand));

    const fiche = patientZero();
    assert.equal((await post('/api/replication/fiches/push', [insert(fiche)], martin)).status, 200);
    const thread = { id: 't-stream', patientNir: nirFor(7), patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Suivi' };
    assert.equal((await post('/api/replication/ems/threads/push', [{ newDocumentState: thread }], martin)).status, 200);

    const received = (await martinEvents.waitFor(2)) as Json[];
    assert.deepEqual(received.map((e) => e.collection), ['fiches', 'ems/threads']);
    assert.equal(received[0]!.event.documents[0].id, fiche['id']);
    assert.equal(received[1]!.event.documents[0].id, 't-stream');
    assert.equal(typeof received[1]!.event.checkpoint.sequence, 'number');

    // Dr Durand's own write reaches him; Dr Martin's never did.
    const own = patientZero();
    await post('/api/replication/fiches/push', [insert(own)], durand);
    const durandReceived = (await durandEvents.waitFor(1)) as Json[];
    assert.deepEqual(durandReceived.map((e) => [e.collection, e.event.documents.map((d: Json) => d.id)]), [['fiches', [own['id']]]]);
    await martinEvents.close();
    await durandEvents.close();
  });

  it('brings a thread and its messages to the médecin conseil of its office, and to no other office', async () => {
    const martin = await cps('10001234565');
    const durand = await cps('10002345675');
    const conseil = await cps('10005678908');
    const conseilEvents = readServerSentEvents(await stream('fiches,ems/threads,ems/messages', conseil));
    const thread = (id: string, n: number) => ({ id, patientNir: nirFor(n), patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Suivi' });
    // Dr Durand's office is Lyon's (691); Dr Martin's and the médecin conseil's, Paris (751).
    assert.equal((await post('/api/replication/ems/threads/push', [{ newDocumentState: thread('t-lyon', 8) }], durand)).status, 200);
    await post('/api/replication/fiches/push', [insert(patientZero())], martin);
    assert.equal((await post('/api/replication/ems/threads/push', [{ newDocumentState: thread('t-paris', 9) }], martin)).status, 200);
    const message = { id: 'm-paris', threadId: 't-paris', body: 'Bonjour', createdAt: new Date().toISOString() };
    assert.equal((await post('/api/replication/ems/messages/push', [{ newDocumentState: message }], martin)).status, 200);

    const received = (await conseilEvents.waitFor(3)) as Json[];
    assert.deepEqual(
      received.map((e) => [e.collection, e.event.documents.map((d: Json) => d.id)]),
      [['ems/threads', ['t-paris']], ['ems/messages', ['m-paris']], ['ems/threads', ['t-paris']]],
      'Paris’s thread, its message, the thread’s new last message; neither Lyon’s thread nor a file',
    );
    await conseilEvents.close();
  });

  it('refuses, with the reason, an unknown or missing collection and a collection the session may not follow', async () => {
    const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const missing = await stream('', martin);
    assert.equal(missing.status, 400);
    assert.match((await json(missing)).error, /collections=fiches,delegations,ems\/threads,ems\/messages/);
    const unknown = await stream('fiches,patients', martin);
    assert.equal(unknown.status, 400);
    assert.match((await json(unknown)).error, /Collection inconnue : patients/);
    // EMS needs the CPS card: signed in with a password, the whole stream is refused and says why.
    const withoutCard = await stream('fiches,ems/messages', martin);
    assert.equal(withoutCard.status, 403);
    assert.match((await json(withoutCard)).error, /carte CPS/);
    assert.equal((await demo.request('/api/replication/stream?collections=fiches')).status, 401);
  });
});
