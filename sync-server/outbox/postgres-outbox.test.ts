import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { transaction } from '../db/postgres/sequenced-transaction.ts';
import { openPostgres, type PostgresPool } from '../db/postgres/postgres-database.ts';
import { createTestDatabase, skipWithoutPostgres } from '../testing/test-postgres.ts';
import { CLAIM_LEASE_MS, OutboxDispatcher, PostgresOutboxQueue, type MailTransport } from './outbox-dispatcher.ts';
import type { OutgoingMessage } from './outbox.ts';
import { queuePostgresMessages, readPostgresOutbox } from './postgres-outbox.ts';

/** Several instances on one PostgreSQL database, each with its own dispatcher on a timer. */
describe('the outbox on PostgreSQL, several dispatchers', { skip: skipWithoutPostgres }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pools: PostgresPool[];
  before(async () => {
    database = await createTestDatabase();
    pools = [await openPostgres(database.url, { max: 4 }), await openPostgres(database.url, { max: 4 })];
  });
  after(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  const at = new Date('2026-12-07T10:00:00.000Z');
  const queue = (messages: OutgoingMessage[]) => transaction(pools[0]!, (client) => queuePostgresMessages(client, pools[0]!, messages, at.toISOString()));

  it('sends each of N e-mails exactly once with two dispatchers running at once, and leaves the letters', async () => {
    const count = 60;
    await queue(Array.from({ length: count }, (_, i) => ({ channel: 'email', recipient: `pro${i}@exemple.fr`, subject: `Message ${i}`, body: `Texte ${i}` })));
    await queue([{ channel: 'post', recipient: 'Cabinet\n1 rue\n75000 PARIS', subject: 'Lettre', body: 'Mot de passe' }]);
    const delivered: string[] = [];
    // A slow mail server: each send yields, so both dispatchers' passes overlap.
    const transport: MailTransport = { send: async (m) => void (await new Promise((resolve) => setTimeout(resolve, 2)), delivered.push(`${m.recipient}|${m.body}`)) };
    // The key that sealed the bodies is pool 0's (the process's, here): the second instance reads them with the same OUTBOX_KEY.
    const dispatchers = pools.map((pool) => new OutboxDispatcher(new PostgresOutboxQueue(pool), transport, () => at));
    let sent = 0;
    for (let pass = 0; pass < 10 && sent < count; pass += 1) {
      const results = await Promise.all(dispatchers.flatMap((dispatcher) => [dispatcher.dispatch(7), dispatcher.dispatch(7)]));
      sent += results.reduce((total, result) => total + result.sent, 0);
    }
    assert.equal(delivered.length, count, 'every e-mail sent');
    assert.equal(new Set(delivered).size, count, 'none twice');
    assert.ok(delivered.includes('pro42@exemple.fr|Texte 42'), 'sent in clear');
    const rows = await readPostgresOutbox(pools[0]!, 1000);
    assert.deepEqual(rows.filter((row) => row.channel === 'email' && row.body !== ''), [], 'the bodies of sent e-mails are erased');
    assert.deepEqual(rows.filter((row) => row.channel === 'post').map((row) => row.body), ['Mot de passe'], 'letters stay for the print service');
  });

  it('gives an e-mail claimed by an instance that died while sending to another once the lease has passed, not before', async () => {
    await queue([{ channel: 'email', recipient: 'perdu@exemple.fr', subject: 'Relance', body: 'Texte' }]);
    const claimed = await new PostgresOutboxQueue(pools[0]!).claim(10, at);
    assert.deepEqual(claimed.map((mail) => mail.recipient), ['perdu@exemple.fr']);
    const other = new PostgresOutboxQueue(pools[1]!);
    assert.deepEqual(await other.claim(10, at), [], 'claimed by the first instance');
    assert.deepEqual((await other.claim(10, new Date(at.getTime() + CLAIM_LEASE_MS + 1000))).map((mail) => mail.recipient), ['perdu@exemple.fr']);
  });
});
