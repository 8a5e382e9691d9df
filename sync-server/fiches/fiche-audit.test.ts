import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ficheClientState } from '../../domain/index.ts';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { FicheCollection, type ReplicatedFiche } from './fiche-collection.ts';
import { SqliteFicheStore } from './sqlite-fiche-store.ts';
import { ficheChangeKeys } from './fiche-scope.ts';

type AuditRow = { at: string; actor: string; action: string; changes: string };

/**
 * The audit trail of a file answers « who changed what, when » without holding a second copy
 * of it: a creation names the fields it was created with, an update each field that moved with
 * its old and new value; walking the updates back from the file gives every earlier version.
 */
describe('the audit trail of a file', () => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let collection: FicheCollection;
  let martin: Session;
  let biologiste: Session;

  beforeEach(async () => {
    demo = await createDemoApp();
    collection = new FicheCollection(new SqliteFicheStore(demo.db), new ChangeHub<ReplicatedFiche>(ficheChangeKeys), () => demo.clock.now);
    martin = findSession(demo.db, await demo.signIn('dr.martin@demo.test', 'Medecin#2026'), demo.clock.now)!;
    biologiste = findSession(demo.db, await demo.signIn('labo.bio@demo.test', 'Biolog#2026'), demo.clock.now)!;
  });
  afterEach(() => demo.dispose());

  const later = (minutes: number) => (demo.clock.now = new Date(demo.clock.now.getTime() + minutes * 60_000));
  const current = async (id: string) => {
    const { _deleted, ...fiche } = (await collection.pull(martin, null, 1000)).documents.find((d) => d.id === id)!;
    return fiche;
  };

  it('tells who changed what and when, and gives back the version first written', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string, { samplingDate: '' });
    const id = contact['id'] as string;
    await collection.push(martin, [insert(p0), insert(contact)]);
    const created = ficheClientState(await current(id));
    const createdAt = demo.clock.now.toISOString();

    later(5);
    const first = await current(id);
    await collection.push(martin, [update(first, { ...first, phone: '0611111111', commune: 'Lyon' })]);
    const editedAt = demo.clock.now.toISOString();
    later(60);
    await collection.open(biologiste, id, contact['nir'] as string);
    const opened = await current(id);
    await collection.push(biologiste, [update(opened, { ...opened, samplingDate: '2026-11-21' })]);
    const sampledAt = demo.clock.now.toISOString();

    const rows = demo.db
      .prepare("SELECT at, actor_id AS actor, action, changes FROM audit WHERE collection = 'fiches' AND document_id = ? AND action IN ('create', 'update') ORDER BY seq")
      .all(id) as AuditRow[];
    const trail = rows.map((row) => ({ at: row.at, actor: row.actor, action: row.action, changes: JSON.parse(row.changes) }));
    assert.deepEqual(trail.slice(1), [
      { at: editedAt, actor: 'u-martin', action: 'update', changes: { commune: [first['commune'] ?? null, 'Lyon'], phone: [first['phone'] ?? null, '0611111111'] } },
      { at: sampledAt, actor: 'u-labo-bio', action: 'update', changes: { samplingDate: ['', '2026-11-21'] } },
    ]);
    assert.equal(trail[0]!.at, createdAt);
    assert.equal(trail[0]!.actor, 'u-martin');
    assert.deepEqual(trail[0]!.changes, Object.keys(created), 'the creation names its fields');
    assert.equal(rows[0]!.changes.includes(String(contact['lastName'])), false, 'and holds no copy of the file');

    // The version first written: the file as it is now, each update walked back.
    const version: Record<string, unknown> = ficheClientState(await current(id));
    for (const { changes } of trail.slice(1).reverse()) {
      for (const [field, [old]] of Object.entries(changes as Record<string, [unknown, unknown]>)) {
        if (old === null) delete version[field];
        else version[field] = old;
      }
    }
    assert.deepEqual(ficheClientState(version), created);
  });
});
