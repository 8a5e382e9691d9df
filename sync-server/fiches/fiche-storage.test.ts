import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { copySqliteToPostgres } from '../db/postgres/copy-from-sqlite.ts';
import { openPostgres } from '../db/postgres/postgres-database.ts';
import { seededTemplate } from '../testing/demo-app.ts';
import { createTempDatabase } from '../testing/temp-database.ts';
import { createTestDatabase, skipWithoutPostgres } from '../testing/test-postgres.ts';
import type { FicheScope } from './fiche-scope.ts';
import type { FicheStorage, StoredFicheDocument } from './fiche-storage.ts';
import { PostgresFicheStore } from './postgres-fiche-store.ts';
import { SqliteFicheStore } from './sqlite-fiche-store.ts';

/**
 * The contract of `FicheStorage` (storage/storage.ts), asserted the same way on every back end:
 * SQLite, and PostgreSQL when it is installed. Both start from the demo's accounts.
 */
interface Backend {
  readonly name: string;
  readonly skip: string | false;
  open(): Promise<{ store: FicheStorage; close(): Promise<void> }>;
}

async function sqliteWithDemoAccounts() {
  const seeded = await seededTemplate();
  return createTempDatabase((path) => {
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(seeded, path);
  });
}

const BACKENDS: readonly Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    open: async () => {
      const temp = await sqliteWithDemoAccounts();
      return { store: new SqliteFicheStore(temp.db), close: async () => temp.dispose() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: skipWithoutPostgres,
    open: async () => {
      const temp = await sqliteWithDemoAccounts();
      const database = await createTestDatabase();
      const pool: pg.Pool = await openPostgres(database.url, { max: 4 });
      await copySqliteToPostgres(temp.db, pool);
      temp.dispose();
      return { store: new PostgresFicheStore(pool), close: async () => (await pool.end(), await database.drop()) };
    },
  },
];

const AT = '2026-12-07T10:00:00.000Z';
const CABINET = 's-cabinet-martin';
const PHARMACIE = 's-pharmacie-centrale';
const martin: FicheScope = { userId: 'u-martin', everything: false, nothing: false, structureIds: [CABINET] };
const durand: FicheScope = { userId: 'u-durand', everything: false, nothing: false, structureIds: ['s-cabinet-durand'] };
const agent: FicheScope = { userId: 'u-agent', everything: true, nothing: false, structureIds: [] };
const conseil: FicheScope = { userId: 'u-conseil', everything: false, nothing: true, structureIds: [] };

function stored(structureId: string, overrides: Record<string, unknown> = {}): StoredFicheDocument {
  return { ...patientZero(overrides), declarantId: 'u-martin', structureId, createdAt: AT, updatedAt: AT, statusSince: AT } as unknown as StoredFicheDocument;
}

const ids = (rows: readonly { data: Buffer }[]) => rows.map((row) => (JSON.parse(row.data.toString('utf8')) as { id: string }).id);
const audit = (action: string, documentId: string) => ({ at: AT, actorId: 'u-martin', action, collection: 'fiches', documentId });

for (const backend of BACKENDS) {
  describe(`FicheStorage on ${backend.name}`, { skip: backend.skip }, () => {
    let store: FicheStorage;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await backend.open()));
    after(() => close?.());

    const write = (files: StoredFicheDocument[], created = true) =>
      store.writeBatch({ ids: files.map((f) => f.id), userId: 'u-martin', decide: () => ({ files: files.map((fiche) => ({ fiche, created })), audits: files.map((f) => audit(created ? 'create' : 'update', f.id)) }) });

    it('writes a batch at increasing numbers, reads it back, and pulls it by checkpoint in that order', async () => {
      const files = [stored(CABINET), stored(CABINET), stored(PHARMACIE)];
      const written = (await write(files))!;
      assert.deepEqual(written.map((w) => w.fiche.id), files.map((f) => f.id));
      assert.ok(written[0]!.sequence < written[1]!.sequence && written[1]!.sequence < written[2]!.sequence);
      assert.deepEqual((await store.get(files[0]!.id))?.fiche, files[0]);
      assert.equal((await store.get(files[0]!.id))?.sequence, written[0]!.sequence);
      const before = written[0]!.sequence - 1;
      assert.deepEqual(ids(await store.pullPage(martin, before, 100)), [files[0]!.id, files[1]!.id]);
      assert.deepEqual(ids(await store.pullPage(martin, written[0]!.sequence, 100)), [files[1]!.id]);
      assert.deepEqual(ids(await store.pullPage(agent, before, 2)), [files[0]!.id, files[1]!.id]);
      assert.deepEqual(await store.pullPage(conseil, 0, 100), []);
      const page = await store.pullPage(martin, before, 1);
      assert.deepEqual(JSON.parse(page[0]!.data.toString('utf8')), files[0], 'a page row is the stored JSON');
      assert.equal(page[0]!.revoked, 0);
    });

    it('lets the decision read the stored files and grants it named, inside the batch; a refusal writes nothing and takes no number', async () => {
      const existing = stored(CABINET);
      const [first] = (await write([existing]))!;
      const seen: unknown[] = [];
      const refused = await store.writeBatch({
        ids: [existing.id, 'unknown-id'],
        userId: 'u-martin',
        decide: (snapshot) => {
          seen.push(snapshot.stored(existing.id)?.lastName, snapshot.stored('unknown-id'), snapshot.granted(existing.id));
          return null;
        },
      });
      assert.equal(refused, null);
      assert.deepEqual(seen, [existing.lastName, null, false]);
      const [next] = (await write([stored(CABINET)]))!;
      assert.equal(next!.sequence, first!.sequence + 1);
    });

    it('a grant brings a file past the grantee’s checkpoint; its later changes reach them; a revocation takes it away', async () => {
      const file = stored(CABINET);
      await write([file]);
      const checkpoint = (await store.get(file.id))!.sequence;
      assert.deepEqual(ids(await store.pullPage(durand, checkpoint, 100)), []);
      const granted = await store.grantAccess('u-durand', file.id, 'search', audit('open', file.id));
      assert.ok(granted.sequence > checkpoint);
      assert.deepEqual(granted.grantedTo, ['u-durand']);
      assert.equal(await store.hasGrant('u-durand', file.id), true);
      assert.deepEqual(ids(await store.pullPage(durand, checkpoint, 100)), [file.id]);

      const [updated] = (await write([{ ...file, lastName: 'Modifié' }], false))!;
      assert.deepEqual(updated!.grantedTo, ['u-durand'], 'the users holding a grant receive the change');
      assert.deepEqual(ids(await store.pullPage(durand, granted.sequence, 100)), [file.id]);

      assert.equal(await store.revokeAccess('u-durand', 'no-such-grant', audit('revoke', 'no-such-grant')), null);
      const revoked = (await store.revokeAccess('u-durand', file.id, audit('revoke', file.id)))!;
      assert.ok(revoked > updated!.sequence);
      const afterRevocation = await store.pullPage(durand, updated!.sequence, 100);
      assert.deepEqual(afterRevocation.map((row) => [row.seq, row.revoked]), [[revoked, 1]]);
      assert.equal(await store.hasGrant('u-durand', file.id), false);
    });

    it('counts what the pages after a checkpoint hold in all: structures, grants outside them, revocations; everything; nothing', async () => {
      const start = (await write([stored(CABINET)]))![0]!.sequence;
      const pulledAfter = async (scope: FicheScope, after: number) => {
        let count = 0;
        for (let page = await store.pullPage(scope, after, 2); page.length > 0; page = await store.pullPage(scope, page.at(-1)!.seq, 2)) count += page.length;
        return count;
      };
      const shared = stored(CABINET);
      await write([stored(CABINET), stored(CABINET), stored(PHARMACIE), shared]);
      await store.grantAccess('u-durand', shared.id, 'search', audit('open', shared.id));
      const other = stored(PHARMACIE);
      await write([other]);
      await store.grantAccess('u-durand', other.id, 'search', audit('open', other.id));
      await store.revokeAccess('u-durand', other.id, audit('revoke', other.id));
      for (const scope of [martin, durand, agent]) {
        for (const after of [start - 1, start, start + 2]) assert.equal(await store.countAfter(scope, after), await pulledAfter(scope, after), `${scope.userId} after ${after}`);
      }
      assert.equal(await store.countAfter(martin, start), 3, 'the cabinet’s three new files, the shared one counted once');
      assert.equal(await store.countAfter(durand, start), 2, 'the grant, and the revocation');
      assert.equal(await store.countAfter(conseil, 0), 0);
    });

    it('a file written twice in one batch keeps its last version, and both changes are numbered', async () => {
      const file = stored(CABINET);
      const written = (await write([file, { ...file, firstName: 'Second' }]))!;
      assert.equal(written.length, 2);
      assert.equal((await store.get(file.id))!.fiche.firstName, 'Second');
      assert.equal((await store.get(file.id))!.sequence, written[1]!.sequence);
    });

    it('finds files by full NIR in every structure, and insured people in the directory', async () => {
      const nir = '185017512345628';
      const [a, b] = [stored(CABINET, { nir }), stored(PHARMACIE, { nir })];
      await write([a, b]);
      assert.deepEqual((await store.findByNir(nir)).map((s) => s.fiche.id), [a.id, b.id]);
      assert.deepEqual(await store.findByNir('000000000000000'), []);
      assert.equal((await store.findInsured('292079402803347'))?.lastName, 'NGUYEN');
      assert.equal(await store.findInsured('255081416802538'), null);
    });
  });
}
