import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { FicheCollection, type ReplicatedFiche } from './fiche-collection.ts';
import { SqliteFicheStore } from './sqlite-fiche-store.ts';
import { ficheChangeKeys } from './fiche-scope.ts';

/**
 * The pull answer is built from the files' stored JSON text (no parse, no serialize): it must be
 * byte for byte what `JSON.stringify` of the parsed documents gave, for every kind of page.
 */
describe('the pull answer built from the stored JSON', () => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let collection: FicheCollection;
  const sessions: Record<string, { session: Session; token: string }> = {};

  beforeEach(async () => {
    demo = await createDemoApp({ fiches: true });
    collection = new FicheCollection(new SqliteFicheStore(demo.db), new ChangeHub<ReplicatedFiche>(ficheChangeKeys), () => demo.clock.now);
    for (const [name, identifier, password] of [
      ['martin', 'dr.martin@demo.test', 'Medecin#2026'],
      ['pharmacien', 'pharmacie.centrale@demo.test', 'Pharma#2026'],
    ] as const) {
      const token = await demo.signIn(identifier, password);
      sessions[name] = { token, session: findSession(demo.db, token, demo.clock.now)! };
    }
  });
  afterEach(() => demo.dispose());

  /** Every page of a user's pull from the start, by pages of `limit`, as the old way and the new way answer it. */
  async function comparePages(name: string, limit: number): Promise<number> {
    const { session, token } = sessions[name]!;
    let checkpoint: { sequence: number } | null = null;
    let pages = 0;
    for (;;) {
      const old: string = JSON.stringify(await collection.pull(session, checkpoint, limit));
      const built = await collection.pullBody(session, checkpoint, limit);
      assert.equal(built.toString('utf8'), old, `${name}, limit ${limit}, after ${JSON.stringify(checkpoint)}`);
      assert.equal(Buffer.compare(built, Buffer.from(old)), 0, 'the same bytes');
      const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
      const response = await demo.request(`/api/replication/fiches/pull?${query}`, { token });
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(Buffer.compare(Buffer.from(await response.arrayBuffer()), Buffer.from(old)), 0, 'the route answers the same bytes');
      pages += 1;
      const page = JSON.parse(old) as { documents: unknown[]; checkpoint: { sequence: number } };
      if (page.documents.length < limit) return pages;
      checkpoint = page.checkpoint;
    }
  }

  it('gives the same bytes for files with server-owned fields, edits, grants, revocations and every checkpoint', async () => {
    const martin = sessions['martin']!.session;
    const pharmacien = sessions['pharmacien']!.session;
    const p0 = patientZero({ lastName: 'Lévêque', firstName: 'Zoé-Ève' });
    const contact = contactOf(p0['id'] as string);
    await collection.push(martin, [insert(p0), insert(contact)]);
    const stored = (await collection.pull(martin, null, 1000)).documents.find((d) => d.id === p0['id'])!;
    const { _deleted, ...assumed } = stored;
    demo.clock.now = new Date(demo.clock.now.getTime() + 60_000);
    await collection.push(martin, [update(assumed, { ...assumed, phone: '0611111111' })]);
    await collection.open(pharmacien, contact['id'] as string, contact['nir'] as string);
    await collection.open(pharmacien, p0['id'] as string, p0['nir'] as string);
    await collection.revokeAccess(pharmacien.user.id, contact['id'] as string, 'u-conseil');

    const revocations = (await collection.pull(pharmacien, null, 100)).documents.filter((d) => d._deleted);
    assert.equal(revocations.length, 1, 'the pharmacist’s pull holds a revocation');
    for (const limit of [1, 2, 3, 100]) {
      assert.ok((await comparePages('pharmacien', limit)) >= 1);
      assert.ok((await comparePages('martin', limit)) >= 1);
    }
    assert.ok((await comparePages('martin', 1)) > 2, 'one file a page, over several pages');
    const last = (await collection.pull(martin, null, 10_000)).checkpoint;
    assert.equal((await collection.pullBody(martin, last, 100)).toString('utf8'), JSON.stringify({ documents: [], checkpoint: last }), 'an empty page keeps the checkpoint');
    assert.equal((await collection.pullBody(pharmacien, { sequence: 0 }, 100)).toString('utf8'), JSON.stringify(await collection.pull(pharmacien, { sequence: 0 }, 100)));
  });

  it('GET pull-remaining says how many documents the pulls from a checkpoint bring (a first sync’s progress); the pull answers stay the same', async () => {
    const { session, token } = sessions['martin']!;
    await collection.push(session, [insert(patientZero()), insert(patientZero()), insert(patientZero())]);
    const all = (await collection.pull(session, null, 10_000)).documents.length;
    assert.ok(all >= 3);
    const remaining = async (checkpoint?: { sequence: number }) => {
      const query = checkpoint ? `?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
      const response = await demo.request(`/api/replication/fiches/pull-remaining${query}`, { token });
      assert.equal(response.status, 200);
      return ((await response.json()) as { remaining: number }).remaining;
    };
    assert.equal(await remaining(), all);
    const firstPage = await collection.pull(session, null, 2);
    assert.equal(await remaining(firstPage.checkpoint), all - 2);
    assert.equal(await remaining((await collection.pull(session, null, 10_000)).checkpoint), 0);
    assert.equal((await demo.request('/api/replication/fiches/pull-remaining')).status, 401, 'no count without a session');
    const invalid = await demo.request('/api/replication/fiches/pull-remaining?checkpoint=nope', { token });
    assert.equal(invalid.status, 400);
    assert.equal(((await invalid.json()) as { reason: string }).reason, 'invalid_checkpoint');
  });
});
