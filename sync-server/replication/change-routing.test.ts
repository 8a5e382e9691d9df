import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import { FicheCollection, type ReplicatedFiche } from '../fiches/fiche-collection.ts';
import { SqliteFicheStore } from '../fiches/sqlite-fiche-store.ts';
import { canSeeFiche, ficheChangeKeys } from '../fiches/fiche-scope.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { ChangeHub, type PublishedChange } from './change-hub.ts';

type Who = 'martin' | 'durand' | 'pharmacien' | 'conseil' | 'agent';

describe('ChangeHub routes a change to the streams listening to one of its keys', () => {
  it('delivers each change once per stream, in order, and nothing to a stream none of whose keys it has', async () => {
    const hub = new ChangeHub<{ id: string; keys: string[] }>((change) => change.document.keys);
    const received: Record<string, string[]> = { both: [], a: [], none: [] };
    hub.subscribe(['a', 'b'], (changes) => received['both']!.push(...changes.map((c) => c.document.id)));
    hub.subscribe(['a'], (changes) => received['a']!.push(...changes.map((c) => c.document.id)));
    const unsubscribe = hub.subscribe(['z'], (changes) => received['none']!.push(...changes.map((c) => c.document.id)));
    hub.publish([
      { sequence: 1, document: { id: 'one', keys: ['a', 'b'] } },
      { sequence: 2, document: { id: 'two', keys: ['b'] } },
      { sequence: 3, document: { id: 'three', keys: ['a'] } },
    ]);
    assert.deepEqual(received, { both: ['one', 'two', 'three'], a: ['one', 'three'], none: [] });
    unsubscribe();
    hub.publish([{ sequence: 4, document: { id: 'four', keys: ['z'] } }]);
    assert.deepEqual(received['none'], [], 'an unsubscribed stream receives nothing');
  });
});

/**
 * The routing of file changes against the rule every pull applies (`canSeeFiche`, with SQL):
 * through a story of writes, grants and a revocation, each user's stream receives exactly the
 * changes that rule lets them see, evaluated at the moment each change is published.
 */
describe('file changes reach exactly the streams whose scope holds them', () => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let collection: FicheCollection;
  const sessions = {} as Record<Who, Session>;
  const streamed = {} as Record<Who, string[]>;
  const expected = {} as Record<Who, string[]>;
  const label = (change: PublishedChange<ReplicatedFiche>) => `${change.document.id}${change.document._deleted ? ' deleted' : ''}@${change.sequence}`;

  /** The hub, checked: before routing, it records what the pull's rule says each user may see. */
  class CheckedHub extends ChangeHub<ReplicatedFiche> {
    override publish(changes: readonly PublishedChange<ReplicatedFiche>[]): void {
      for (const [who, session] of Object.entries(sessions) as [Who, Session][]) {
        const scope = collection.scopeOf(session);
        for (const change of changes) {
          const sees = change.revokedFrom !== undefined ? change.revokedFrom.includes(scope.userId) : canSeeFiche(scope, change.document as never, (ficheId) => demo.db.prepare('SELECT 1 FROM fiche_access WHERE user_id = ? AND fiche_id = ?').get(scope.userId, ficheId) !== undefined);
          if (sees) expected[who].push(label(change));
        }
      }
      super.publish(changes);
    }
  }

  beforeEach(async () => {
    demo = await createDemoApp();
    collection = new FicheCollection(new SqliteFicheStore(demo.db), new CheckedHub(ficheChangeKeys), () => demo.clock.now);
    const signIn = async (identifier: string, password: string) => findSession(demo.db, await demo.signIn(identifier, password), demo.clock.now)!;
    sessions.martin = await signIn('dr.martin@demo.test', 'Medecin#2026');
    sessions.durand = await signIn('dr.durand@demo.test', 'Medecin#2026');
    sessions.pharmacien = await signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    sessions.conseil = await signIn('conseil@demo.test', 'Conseil#2026');
    // The insurer's platform agents see every file (no demo account: the session is made by hand).
    sessions.agent = { ...sessions.conseil, user: { ...sessions.conseil.user, id: 'u-agent', role: 'agent_plateforme', structures: [] } };
    for (const who of Object.keys(sessions) as Who[]) {
      streamed[who] = [];
      expected[who] = [];
      collection.hub.subscribe(collection.streamKeys(collection.scopeOf(sessions[who])), (changes) => streamed[who].push(...changes.map(label)));
    }
  });
  afterEach(() => demo.dispose());

  it('own structure, platform agents, médecin conseil, a grant by search, its revocation', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await collection.push(sessions.martin, [insert(p0), insert(contact)]);
    const durandsOwn = patientZero();
    await collection.push(sessions.durand, [insert(durandsOwn)]);
    // The pharmacist opens Dr Martin's contact by its NIR: it enters their scope by a grant.
    const opened = await collection.open(sessions.pharmacien, contact['id'] as string, contact['nir'] as string);
    const stored = async () => {
      const { _deleted, ...document } = (await collection.pull(sessions.martin, null, 100)).documents.find((d) => d.id === opened.id)!;
      return document;
    };
    let current = await stored();
    await collection.push(sessions.martin, [update(current, { ...current, phone: '0611111111' })]);
    current = await stored();
    await collection.push(sessions.pharmacien, [update(current, { ...current, maskDelivered: true })]);
    assert.equal(await collection.revokeAccess('u-pharmacie-centrale', opened.id, 'u-conseil'), true);
    current = await stored();
    await collection.push(sessions.martin, [update(current, { ...current, phone: '0622222222' })]);
    await collection.open(sessions.durand, p0['id'] as string, p0['nir'] as string);

    for (const who of Object.keys(sessions) as Who[]) assert.deepEqual(streamed[who], expected[who], `${who}’s stream`);
    const ids = (who: Who) => streamed[who].map((entry) => entry.split('@')[0]);
    assert.deepEqual(ids('pharmacien'), [contact['id'], contact['id'], contact['id'], `${contact['id']} deleted`], 'opened, the owner’s edit, their own, the revocation; nothing after');
    assert.deepEqual(ids('conseil'), [], 'the médecin conseil sees no file');
    assert.equal(ids('agent').length, 8, 'a platform agent sees every change of every file, no revocation');
    assert.deepEqual(ids('durand'), [durandsOwn['id'], p0['id']], 'his own file, and the one he opened');
    assert.equal(ids('martin').length, 7, 'every change of his structure’s files, no revocation');
  });
});
