import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { insert, nirFor, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { hashToken } from '../auth/sessions.ts';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';
import { serveOverHttp } from '../testing/http-server.ts';
import { readServerSentEvents } from '../testing/sse-reader.ts';

type Json = Record<string, any>;
type Reader = ReturnType<typeof readServerSentEvents>;

/**
 * A live stream ends with its session (real HTTP streams): after a sign-out, a password change
 * or reset, a delegation deleted, or the session's expiry, nothing written afterwards reaches
 * it and the server closes it at once — not at the next periodic re-check (every 15 s).
 */
for (const backend of TEST_BACKENDS) describe(`live streams end with their session${backend.label}`, { skip: backend.skip }, () => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let server: Awaited<ReturnType<typeof serveOverHttp>>;
  beforeEach(async () => {
    demo = await createDemoApp({ backend: backend.name });
    server = await serveOverHttp(demo.app);
  });
  afterEach(async () => {
    await server.close();
    demo.dispose();
  });

  const call = (path: string, { token, json }: { token?: string; json?: unknown } = {}) =>
    fetch(`${server.url}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const cps = async (rpps: string) => ((await (await call('/api/auth/cps', { json: { card: { rpps, code: '1234' } } })).json()) as Json).token as string;
  const open = async (token: string, path = '/api/replication/fiches/pull-stream'): Promise<Reader> => {
    const response = await call(path, { token });
    if (response.status !== 200) assert.fail(`${path}: ${response.status} ${await response.text()}`);
    return readServerSentEvents(response);
  };
  const pushFiche = async (token: string) => {
    const fiche = patientZero();
    const response = await call('/api/replication/fiches/push', { token, json: [insert(fiche)] });
    assert.equal(response.status, 200, await response.clone().text());
    return fiche['id'] as string;
  };
  /** `closed` once the server has closed the stream; `still open` if it has not within 5 s (a third of the periodic re-check's period). */
  const outcome = (reader: Reader) =>
    Promise.race([reader.closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5000).unref())]);
  const ids = (reader: Reader) => (reader.events as Json[]).flatMap((event) => (event.event ?? event).documents ?? []).map((d: Json) => d.id);
  /** The stream ended with the session: closed, told (`session-ended`, data `"RESYNC"`), and without `written`. */
  async function assertEnded(reader: Reader, written: string) {
    assert.equal(await outcome(reader), 'closed');
    assert.equal(reader.events.at(-1), 'RESYNC', 'the client is told the session ended');
    assert.equal(ids(reader).includes(written), false, 'nothing written after the session ended reached its stream');
  }

  it('sign-out ends every stream of that session (per collection and shared), and no other session’s', async () => {
    const ended = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const other = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const perCollection = await open(ended);
    const shared = await open(ended, '/api/replication/stream?collections=fiches,delegations');
    const otherStream = await open(other);

    assert.equal((await call('/api/auth/logout', { token: ended, json: {} })).status, 204);
    const written = await pushFiche(other);

    await assertEnded(perCollection, written);
    await assertEnded(shared, written);
    await otherStream.waitFor(1);
    assert.deepEqual(ids(otherStream), [written], 'the same account’s other session still streams');
    await otherStream.close();
  });

  it('a password change ends the account’s other sessions’ streams; the session that changed it keeps its own', async () => {
    const changing = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const other = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const changingStream = await open(changing);
    const otherStream = await open(other);

    const changed = await call('/api/account/password', { token: changing, json: { currentPassword: 'Medecin#2026', password: 'Nouveau#2027', passwordConfirmation: 'Nouveau#2027' } });
    assert.equal(changed.status, 200);
    const written = await pushFiche(changing);

    await assertEnded(otherStream, written);
    await changingStream.waitFor(1);
    assert.deepEqual(ids(changingStream), [written]);
    await changingStream.close();
  });

  it('a password reset ends every stream of the account', async () => {
    const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const stream = await open(token);
    await call('/api/auth/password-reset/request', { json: { identifier: 'dr.martin@demo.test' } });
    const reset = await call('/api/auth/password-reset/confirm', { json: { token: linkToken((await demo.outbox()).at(-1)!.body), password: 'Reinit#2028' } });
    assert.equal(reset.status, 200);
    const signedInAgain = await demo.signIn('dr.martin@demo.test', 'Reinit#2028');
    await assertEnded(stream, await pushFiche(signedInAgain));
  });

  it('a deleted delegation ends the délégué’s EMS stream at once', async () => {
    const martin = await cps('10001234565');
    const created = await call('/api/delegations', {
      token: martin,
      json: { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] },
    });
    const { id } = (await created.json()) as Json;
    await call('/api/delegations/invitation/answer', { json: { token: linkToken((await demo.outbox()).filter((m) => m.recipient === 'remplacant@demo.test').at(-1)!.body), action: 'accept' } });
    const own = await cps('10006789019');
    const acting = ((await (await call(`/api/delegations/${id}/act`, { token: own, json: {} })).json()) as Json).token as string;
    const emsStream = await open(acting, '/api/replication/stream?collections=ems/threads,ems/messages');
    const martinStream = await open(martin, '/api/replication/stream?collections=ems/threads');

    assert.equal((await call(`/api/delegations/${id}/delete`, { token: martin, json: {} })).status, 200);
    assert.equal(await outcome(emsStream), 'closed');
    const thread = { id: 't-after-deletion', patientNir: nirFor(3), patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Suivi' };
    assert.equal((await call('/api/replication/ems/threads/push', { token: martin, json: [{ newDocumentState: thread }] })).status, 200);
    await martinStream.waitFor(1);
    await assertEnded(emsStream, thread.id);
    assert.deepEqual(ids(martinStream), [thread.id], 'the délégant’s own stream goes on');
    await martinStream.close();
  });

  it('a session reaching its expiry ends its stream then, not at the next check', async () => {
    const token = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    // Sessions last 12 hours: this one is made to expire half a second from now (the server's clock).
    const expiresAt = new Date(demo.clock.now.getTime() + 500).toISOString();
    await demo.storeRows(`UPDATE sessions SET expires_at = '${expiresAt}' WHERE token_hash = '${hashToken(token)}'`);
    const stream = await open(token);
    assert.equal(await outcome(stream), 'closed');
    assert.equal(stream.events.at(-1), 'RESYNC');
  });
});
