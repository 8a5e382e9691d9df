import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChangeNoticeListener } from '../db/postgres/change-notices.ts';
import { openPostgres, type PostgresPool } from '../db/postgres/postgres-database.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { SessionEvents } from '../session-events.ts';
import { seededTemplate } from '../testing/demo-app.ts';
import { seededPostgres } from '../testing/postgres-stores.ts';
import { skipWithoutPostgres } from '../testing/test-postgres.ts';
import type { ReplicatedDelegation } from './delegation-documents.ts';
import { DelegationPublishing } from './delegation-publishing.ts';
import { purgeUnanswered } from './delegation-purge.ts';
import { delegationChangeKeys, DelegationReplication } from './delegation-replication.ts';
import type { NewDelegation } from './delegation-storage.ts';
import { PostgresDelegationStore } from './postgres-delegation-store.ts';

/** Polls until `done`, or fails after 20 s (generous: the machine may be loaded). */
async function waitUntil(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    assert.ok(Date.now() < deadline, `timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const invitation = (i: number, at: string): NewDelegation => ({
  id: `d-${i}`,
  delegantId: 'u-martin',
  delegateId: null,
  delegateEmail: `invite${i}@exemple.fr`,
  profile: 'comptable',
  cpeCardId: '',
  validFrom: '2026-11-22',
  validUntil: '2026-12-31',
  structureIds: ['s-cabinet-martin'],
  at,
  invitation: { tokenHash: `hash-${i}`, expiresAt: '2026-12-01T00:00:00.000Z' },
  audit: { at, actorId: 'u-martin', action: 'delegation_created', collection: 'delegations', documentId: `d-${i}` },
  mails: (view) => [{ channel: 'email', recipient: view.row.delegateEmail, subject: 'Invitation', body: `Bonjour ${view.delegant?.firstName}` }],
});

/** Two instances' delegation stores on one PostgreSQL database, each with its LISTEN connection and its streams' hub. */
describe('PostgresDelegationStore, two instances on one database', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof seededPostgres>>;
  const instances: { pool: PostgresPool; listener: ChangeNoticeListener; store: PostgresDelegationStore; hub: ChangeHub<ReplicatedDelegation>; publishing: DelegationPublishing }[] = [];
  before(async () => {
    database = await seededPostgres(await seededTemplate());
    for (let i = 0; i < 2; i += 1) {
      const pool = await openPostgres(database.url, { max: 4 });
      const listener = new ChangeNoticeListener(database.url);
      await listener.start();
      const store = new PostgresDelegationStore(pool, listener);
      const hub = new ChangeHub<ReplicatedDelegation>(delegationChangeKeys);
      new DelegationReplication(store, hub);
      instances.push({ pool, listener, store, hub, publishing: new DelegationPublishing(hub, new SessionEvents()) });
    }
  });
  after(async () => {
    for (const { listener, pool } of instances) {
      await listener.close();
      await pool.end();
    }
    await database?.drop();
  });

  it('a delegation created on one instance reaches its délégant’s stream on the other, with its structures, parties and invitation e-mail', async () => {
    const [a, b] = instances;
    const received: ReplicatedDelegation[] = [];
    const unsubscribe = b!.hub.subscribe(['u-martin'], (changes) => received.push(...changes.map((change) => change.document)));
    const view = await a!.store.create(invitation(0, '2026-11-22T09:00:00.000Z'));
    assert.deepEqual([view.row.status, view.delegant?.lastName, view.structures.map((s) => s.name)], ['en_cours', 'Martin', ['Cabinet Martin']]);
    await waitUntil(() => received.length === 1, 'the change on the other instance');
    assert.equal(received[0]!._deleted, false);
    assert.equal((received[0] as { delegateEmail: string }).delegateEmail, 'invite0@exemple.fr');
    const { rows } = await a!.pool.query("SELECT recipient FROM outbox WHERE subject = 'Invitation'");
    assert.deepEqual(rows, [{ recipient: 'invite0@exemple.fr' }], 'the e-mail queued in the write’s transaction');
    assert.equal((await b!.store.invitation('hash-0')).view?.row.id, 'd-0');
    unsubscribe();
  });

  it('purges each unanswered invitation once when every instance runs its housekeeping at the same moment', async () => {
    const created = '2026-10-01T09:00:00.000Z';
    for (let i = 1; i <= 12; i += 1) await instances[0]!.store.create(invitation(i, created));
    const now = () => new Date('2026-11-22T09:00:00.000Z');
    const published: string[] = [];
    // The purges (deletions to the streams; the creations may still be arriving at the other instance).
    for (const { hub } of instances) hub.subscribe(['u-martin'], (changes) => published.push(...changes.filter((change) => change.document._deleted).map((change) => change.document.id)));
    await Promise.all(instances.flatMap(({ store, publishing }) => [1, 2].map(() => purgeUnanswered({ store, now, appUrl: 'http://127.0.0.1:5173/', publishing, purgeAfterDays: 30 }))));
    const { rows } = await instances[0]!.pool.query<{ id: string; purges: number }>(
      "SELECT delegation_id AS id, count(*)::int AS purges FROM delegation_transitions WHERE action = 'purge' GROUP BY delegation_id ORDER BY delegation_id",
    );
    assert.equal(rows.length, 12, 'every invitation unanswered for 30 days purged (not the first test’s, of today)');
    assert.deepEqual(rows.filter((row) => row.purges !== 1), [], 'none twice');
    const deleted = await instances[0]!.pool.query("SELECT count(*)::int AS n FROM delegations WHERE deletion_reason = 'purged'");
    assert.equal(deleted.rows[0].n, 12);
    // Each purge reaches the délégant's streams on both instances: once from the instance that purged, once told to the other.
    await waitUntil(() => published.length === 24, `each purge on both instances (${published.length})`);
    assert.equal(new Set(published).size, 12);
  });
});
