import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createDemoApp, linkToken } from '../testing/demo-app.ts';
import { OutboxDispatcher, sqliteOutboxQueue, type MailTransport } from './outbox-dispatcher.ts';
import { UNREADABLE_BODY, readOutbox } from './outbox.ts';
import { parseOutboxKey } from './outbox-key.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;

/** Dr Roux's practice: in the directory, no account yet (the letter path). */
const ROUX_AM = '940234503';

describe('no usable secret at rest in the outbox', () => {
  let demo: DemoApp;
  beforeEach(async () => (demo = await createDemoApp()));
  afterEach(() => demo.dispose());

  /** Every byte SQLite wrote: the database file and its write-ahead log. */
  const fileBytes = () => Buffer.concat([demo.path, `${demo.path}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));

  it('stores the links and the letter’s temporary password encrypted; the mailbox reads them in clear', async () => {
    const cps = (await (await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps: '10001234565', code: '1234' } } })).json()) as { token: string };
    await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.durand@demo.test' } });
    const letter = await demo.request('/api/accounts/by-post', { method: 'POST', json: { number: ROUX_AM, email: 'hugo.roux@exemple.fr', emailConfirmation: 'hugo.roux@exemple.fr', consent: true } });
    assert.equal(letter.status, 201, await letter.clone().text());
    const delegation = await demo.request('/api/delegations', {
      method: 'POST',
      token: cps.token,
      json: { delegateEmail: 'assistante@exemple.fr', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] },
    });
    assert.equal(delegation.status, 201, await delegation.clone().text());

    const messages = (await demo.outbox());
    const secrets = [
      ...messages.filter((m) => /token=/.test(m.body)).map((m) => linkToken(m.body)),
      /Mot de passe provisoire : (\S+)/.exec(messages.find((m) => m.channel === 'post')!.body)![1]!,
    ];
    assert.equal(secrets.length, 4, 'reset, validation and invitation links, and the temporary password');
    demo.db.pragma('wal_checkpoint(PASSIVE)');
    const bytes = fileBytes();
    for (const secret of secrets) assert.equal(bytes.includes(secret), false, `${secret} is in the database file`);
    const stored = demo.db.prepare('SELECT body FROM outbox').all() as { body: string }[];
    assert.ok(stored.every((row) => row.body.startsWith('sealed:v1:')));
  });

  it('erases a sent e-mail’s body: the record of a sent message keeps no link', async () => {
    await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.durand@demo.test' } });
    const sent: string[] = [];
    const transport: MailTransport = { send: async (message) => void sent.push(message.body) };
    assert.deepEqual(await new OutboxDispatcher(sqliteOutboxQueue(demo.db), transport).dispatch(), { sent: 1, failed: 0 });
    assert.match(sent[0]!, /reinitialiser-mot-de-passe\?token=/, 'the recipient gets the link');
    const row = demo.db.prepare('SELECT subject, body, sent_at AS sentAt FROM outbox').get() as { subject: string; body: string; sentAt: string | null };
    assert.equal(row.body, '');
    assert.equal(row.subject, 'Réinitialisation de votre mot de passe');
    assert.notEqual(row.sentAt, null);
  });

  it('reads the outbox again after a restart with the same OUTBOX_KEY, not with another', async () => {
    const key = parseOutboxKey(randomBytes(32).toString('base64'))!;
    createApp({ db: demo.db, outboxKey: key });
    await demo.request('/api/auth/password-reset/request', { method: 'POST', json: { identifier: 'dr.durand@demo.test' } });
    assert.match(readOutbox(demo.db)[0]!.body, /token=/);
    createApp({ db: demo.db, outboxKey: parseOutboxKey(randomBytes(32).toString('hex')) });
    assert.equal(readOutbox(demo.db)[0]!.body, UNREADABLE_BODY);
    const transport: MailTransport = { send: async () => assert.fail('an unreadable mail is not sent') };
    assert.deepEqual(await new OutboxDispatcher(sqliteOutboxQueue(demo.db), transport).dispatch(), { sent: 0, failed: 1 });
    createApp({ db: demo.db, outboxKey: key });
    assert.match(readOutbox(demo.db)[0]!.body, /token=/);
  });

  it('refuses an OUTBOX_KEY that is not 32 bytes', async () => {
    const { readConfig, ConfigError } = await import('../config.ts');
    assert.throws(() => readConfig({ OUTBOX_KEY: 'trop-court' }), ConfigError);
    assert.equal(readConfig({ OUTBOX_KEY: 'ab'.repeat(32) }).outboxKey?.length, 32);
  });
});
