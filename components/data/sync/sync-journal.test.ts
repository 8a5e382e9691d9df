import { firstValueFrom } from 'rxjs';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { assert } from '../../testing/assert.ts';
import { createTeleservicesDatabase, type TeleservicesDatabase } from '../database.ts';
import { FicheRepository } from '../fiches/fiche-repository.ts';
import { SyncJournal } from './sync-journal.ts';

// The replication pushes a write as soon as the collection emits it, and clears the file's
// waiting mark on success unless the mark is newer than the push (an edit made meanwhile). A mark
// written after the document could be newer than a push that already carried it: the file would
// say « en attente d’envoi » for good (a vendor saw it on every creation against a fast server).
describe('SyncJournal: a write and its waiting mark', () => {
  let db: TeleservicesDatabase;
  const realNow = Date.now;

  beforeEach(async () => {
    db = await createTeleservicesDatabase({ name: `journal-${realNow.call(Date)}-${Math.random().toString(36).slice(2, 8)}`, storage: 'memory' });
    // A clock that moves at every reading: "at the same millisecond" cannot hide the order.
    let tick = realNow.call(Date);
    Date.now = () => ++tick;
  });

  afterEach(async () => {
    Date.now = realNow;
    await db.close();
  });

  it('is cleared by the push that the write sets off, however fast it starts', async () => {
    const journal = new SyncJournal(db.syncjournal);
    const fiches = new FicheRepository(db.fiches, journal);
    // The push starts when the collection emits the write, as RxDB's replication does.
    let pushStartedAt = 0;
    const subscription = db.fiches.$.subscribe(() => (pushStartedAt = Date.now()));
    const saved = await fiches.save(patientZero(), 'medecin');
    subscription.unsubscribe();
    assert.ok(saved.ok);
    assert.ok(pushStartedAt > 0, 'the write was emitted');
    await journal.markSent('fiches', [saved.fiche.id], pushStartedAt);
    assert.equal(await firstValueFrom(journal.entry$('fiches', saved.fiche.id)), null);
  });

  it('keeps a mark newer than the push: an edit made while it was on its way', async () => {
    const journal = new SyncJournal(db.syncjournal);
    const fiches = new FicheRepository(db.fiches, journal);
    const saved = await fiches.save(patientZero(), 'medecin');
    assert.ok(saved.ok);
    const pushStartedAt = Date.now();
    await fiches.save({ ...saved.fiche, phone: '0699887766' }, 'medecin');
    await journal.markSent('fiches', [saved.fiche.id], pushStartedAt);
    assert.equal((await firstValueFrom(journal.entry$('fiches', saved.fiche.id)))?.state, 'pending');
  });

  it('marks nothing when a file is saved again without a change (nothing will be pushed)', async () => {
    const journal = new SyncJournal(db.syncjournal);
    const fiches = new FicheRepository(db.fiches, journal);
    const saved = await fiches.save(patientZero(), 'medecin');
    assert.ok(saved.ok);
    await journal.markSent('fiches', [saved.fiche.id], Date.now());
    const again = await fiches.save({ ...saved.fiche }, 'medecin');
    assert.ok(again.ok);
    assert.equal(await firstValueFrom(journal.entry$('fiches', saved.fiche.id)), null);
  });

  it('puts the previous mark back when the write fails', async () => {
    const journal = new SyncJournal(db.syncjournal);
    let failed = false;
    try {
      await journal.recordWrite('fiches', 'f-never-written', () => Promise.reject(new Error('disk full')));
    } catch {
      failed = true;
    }
    assert.ok(failed);
    assert.equal(await firstValueFrom(journal.entry$('fiches', 'f-never-written')), null);
  });
});
