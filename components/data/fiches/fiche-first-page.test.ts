import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { EMPTY_CRITERIA, filterFiches, pageOf, sortFiches } from '../../contact-covid/contact-covid-patient-list/fiche-list-model.ts';
import { assert } from '../../testing/assert.ts';
import { createTeleservicesDatabase, removeTeleservicesDatabase, type TeleservicesDatabase } from '../database.ts';
import { withStorageDefaults, type LocalFiche } from './fiche-collection-schema.ts';
import { newestCreatedFiches } from './fiche-first-page.ts';
import { FicheRepository } from './fiche-repository.ts';
import { SyncJournal } from './../sync/sync-journal.ts';

/** A deterministic shuffle (mulberry32), so a failure repeats. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the first page read by index (a warm start)', function () {
  this.timeout(60_000);
  let db: TeleservicesDatabase;
  const name = `first-page-${Math.random().toString(36).slice(2, 8)}`;
  beforeEach(async () => {
    db = await createTeleservicesDatabase({ name });
  });
  afterEach(async () => {
    await db.close();
    await removeTeleservicesDatabase({ name });
  });

  /** Files received from the server, created over a month and changed since in any order; some created at the same instant; some never sent. */
  async function fill(received: number, neverSent: number) {
    const next = random(16);
    const day = (n: number) => new Date(Date.parse('2026-11-01T08:00:00.000Z') + Math.floor(n) * 3_600_000).toISOString();
    const fiches = Array.from({ length: received }, (_, i) => {
      const created = day(i % 3 === 0 ? i - 1 : i);
      return withStorageDefaults({ ...patientZero(), declarantId: 'u-other', structureId: 's-test', createdAt: created, statusSince: created, updatedAt: day(i + next() * 2000) });
    });
    const local = Array.from({ length: neverSent }, () => withStorageDefaults(patientZero()));
    await db.fiches.bulkInsert([...fiches, ...local] as LocalFiche[]);
    const deleted = await db.fiches.findOne(String(fiches[0]!['id' as never])).exec();
    await deleted!.remove();
  }

  async function assertSameFirstPages(total: number) {
    const every = (await db.fiches.find().exec()).map((doc) => doc.toJSON() as LocalFiche);
    assert.equal(every.length, total);
    const sort = { column: 'reception', direction: 'desc' } as const;
    for (const pageSize of [1, 2, 10, 25, 100]) {
      const expected = pageOf(sortFiches(filterFiches(every, EMPTY_CRITERIA), sort, 'u-me'), 1, pageSize).rows;
      const read = (await newestCreatedFiches(db.fiches, pageSize))!.fiches;
      assert.ok(read.length < every.length / 2, `read by index, not every file (${read.length} for ${pageSize})`);
      const shown = pageOf(sortFiches(read, sort, 'u-me'), 1, pageSize).rows;
      assert.deepEqual(shown, expected, `the first ${pageSize}`);
    }
  }

  it('holds what the list’s first page shows once every file is read, for every page size, ties included', async () => {
    await fill(400, 0);
    await assertSameFirstPages(399);
  });

  it('puts the files never sent first, as the list does', async () => {
    await fill(400, 3);
    await assertSameFirstPages(402);
    const page = (await new FicheRepository(db.fiches, new SyncJournal(db.syncjournal)).firstPage(25))!;
    assert.equal(page.count, 402, 'the count of every file, the removed one aside');
  });
});
