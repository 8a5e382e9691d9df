import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { contactOf, insert, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import { ChangeHub, type PublishedChange } from '../replication/change-hub.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { FicheCollection, type ReplicatedFiche } from './fiche-collection.ts';
import { SqliteFicheStore } from './sqlite-fiche-store.ts';
import { ficheChangeKeys } from './fiche-scope.ts';

describe('a file leaving a user’s scope', () => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let collection: FicheCollection;
  let martin: Session;
  let pharmacien: Session;
  /** What each user's live stream received. */
  const streamed: Record<'martin' | 'pharmacien', PublishedChange<ReplicatedFiche>[]> = { martin: [], pharmacien: [] };

  beforeEach(async () => {
    demo = await createDemoApp();
    const hub = new ChangeHub<ReplicatedFiche>(ficheChangeKeys);
    collection = new FicheCollection(new SqliteFicheStore(demo.db), hub, () => demo.clock.now);
    martin = findSession(demo.db, await demo.signIn('dr.martin@demo.test', 'Medecin#2026'), demo.clock.now)!;
    pharmacien = findSession(demo.db, await demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026'), demo.clock.now)!;
    streamed.martin = [];
    streamed.pharmacien = [];
    hub.subscribe(collection.streamKeys(collection.scopeOf(martin)), (changes) => streamed.martin.push(...changes));
    hub.subscribe(collection.streamKeys(collection.scopeOf(pharmacien)), (changes) => streamed.pharmacien.push(...changes));
  });
  afterEach(() => demo.dispose());

  it('reaches the user as a deletion without content at the next pull and on the stream', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await collection.push(martin, [insert(p0), insert(contact)]);
    await collection.open(pharmacien, contact['id'] as string, contact['nir'] as string);
    const opened = await collection.pull(pharmacien, null, 100);
    assert.deepEqual(opened.documents.map((d) => [d.id, d._deleted]), [[contact['id'], false]]);

    streamed.martin = [];
    streamed.pharmacien = [];
    assert.equal(await collection.revokeAccess(pharmacien.user.id, contact['id'] as string, 'u-conseil'), true);
    const next = await collection.pull(pharmacien, opened.checkpoint, 100);
    assert.equal(next.documents.length, 1);
    assert.equal(next.documents[0]!._deleted, true);
    assert.equal(next.documents[0]!['lastName'], undefined, 'a revocation carries no personal data');
    assert.equal(next.documents[0]!['nir'], undefined);

    assert.deepEqual(streamed.pharmacien.map((c) => [c.document.id, c.document._deleted]), [[contact['id'], true]]);
    assert.deepEqual(streamed.martin, [], 'the owner is not told to delete it');
    assert.deepEqual((await collection.pull(martin, null, 100)).documents.map((d) => d._deleted), [false, false]);
    assert.equal(await collection.revokeAccess(pharmacien.user.id, contact['id'] as string, 'u-conseil'), false, 'nothing left to revoke');
  });

  it('brings later edits of an opened file to the user who opened it, by pull and on the stream', async () => {
    const p0 = patientZero();
    await collection.push(martin, [insert(p0)]);
    assert.equal(streamed.pharmacien.length, 0, 'another structure’s file does not reach the pharmacist');
    await collection.open(pharmacien, p0['id'] as string, p0['nir'] as string);
    const first = await collection.pull(pharmacien, null, 100);
    const { _deleted, ...assumed } = first.documents[0]!;
    await collection.push(martin, [{ assumedMasterState: assumed, newDocumentState: { ...assumed, phone: '0611111111' } }]);
    const next = await collection.pull(pharmacien, first.checkpoint, 100);
    assert.deepEqual(next.documents.map((d) => [d.id, d['phone']]), [[p0['id'], '0611111111']]);
    assert.deepEqual(streamed.pharmacien.map((c) => [c.document.id, c.document['phone'] ?? null]), [[p0['id'], p0['phone'] ?? null], [p0['id'], '0611111111']], 'the opening, then the owner’s edit');
    const row = demo.db.prepare('SELECT a.seq AS grantSeq, f.seq AS ficheSeq FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id').get() as { grantSeq: number; ficheSeq: number };
    assert.equal(row.grantSeq, row.ficheSeq, 'the grant follows its file’s sequence number');
  });

  it('lets a revoked file come back when it is opened again', async () => {
    const p0 = patientZero();
    await collection.push(martin, [insert(p0)]);
    await collection.open(pharmacien, p0['id'] as string, p0['nir'] as string);
    await collection.revokeAccess(pharmacien.user.id, p0['id'] as string, 'u-conseil');
    await collection.open(pharmacien, p0['id'] as string, p0['nir'] as string);
    const all = (await collection.pull(pharmacien, null, 100)).documents;
    assert.deepEqual(all.map((d) => d._deleted), [true, false], 'the deletion first, then the file again, in sequence order');
  });
});
