import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insert, patientZero } from '../../domain/testing/fiche-fixtures.ts';
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
});
