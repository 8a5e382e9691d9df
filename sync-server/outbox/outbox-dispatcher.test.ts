import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { readConfig } from '../config.ts';
import { createTempDatabase } from '../testing/temp-database.ts';
import { OutboxDispatcher, smtpTransport, sqliteOutboxQueue, type MailTransport } from './outbox-dispatcher.ts';
import { queueMessage, type OutgoingMessage } from './outbox.ts';

describe('the outbox dispatcher', () => {
  let temp: ReturnType<typeof createTempDatabase>;
  const clock = { now: new Date('2026-11-22T09:00:00.000Z') };
  beforeEach(() => {
    temp = createTempDatabase();
    queueMessage(temp.db, { channel: 'email', recipient: 'a@exemple.fr', subject: 'Premier', body: 'Texte 1' }, clock.now);
    queueMessage(temp.db, { channel: 'post', recipient: 'Cabinet\n1 rue\n75000 PARIS', subject: 'Lettre', body: 'Mot de passe' }, clock.now);
    queueMessage(temp.db, { channel: 'email', recipient: 'b@exemple.fr', subject: 'Second', body: 'Texte 2' }, clock.now);
  });
  afterEach(() => temp.dispose());
  const state = () => temp.db.prepare('SELECT subject, sent_at IS NOT NULL AS sent, attempts, last_error AS error FROM outbox ORDER BY seq').all();

  it('sends the e-mails in order and marks them sent; letters stay for the print service', async () => {
    const sent: OutgoingMessage[] = [];
    const dispatcher = new OutboxDispatcher(sqliteOutboxQueue(temp.db), { send: async (m) => void sent.push(m) }, () => clock.now);
    assert.deepEqual(await dispatcher.dispatch(), { sent: 2, failed: 0 });
    assert.deepEqual(sent.map((m) => m.recipient), ['a@exemple.fr', 'b@exemple.fr']);
    assert.deepEqual(await dispatcher.dispatch(), { sent: 0, failed: 0 }, 'nothing is sent twice');
    assert.deepEqual(state().map((r: any) => [r.subject, r.sent]), [['Premier', 1], ['Lettre', 0], ['Second', 1]]);
  });

  it('keeps a mail the server refused, records why, and tries again later', async () => {
    let down = true;
    const transport: MailTransport = {
      async send(message) {
        if (down && message.recipient === 'a@exemple.fr') throw new Error('421 service not available');
      },
    };
    const dispatcher = new OutboxDispatcher(sqliteOutboxQueue(temp.db), transport, () => clock.now);
    assert.deepEqual(await dispatcher.dispatch(), { sent: 1, failed: 1 });
    assert.deepEqual(state()[0], { subject: 'Premier', sent: 0, attempts: 1, error: '421 service not available' });
    assert.deepEqual(await dispatcher.dispatch(), { sent: 0, failed: 0 }, 'not before its next try');
    down = false;
    clock.now = new Date(clock.now.getTime() + 61_000);
    assert.deepEqual(await dispatcher.dispatch(), { sent: 1, failed: 0 });
  });

  it('speaks SMTP to a mail server (a local one standing in for the remote)', async () => {
    const received: string[] = [];
    const server: Server = createServer((socket: Socket) => {
      let data = false;
      socket.write('220 localhost ESMTP test\r\n');
      socket.on('data', (chunk) => {
        for (const line of String(chunk).split('\r\n').filter(Boolean)) {
          if (data) {
            received.push(line);
            if (line === '.') {
              data = false;
              socket.write('250 OK queued\r\n');
            }
            continue;
          }
          if (/^(EHLO|HELO)/i.test(line)) socket.write('250 localhost\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go ahead\r\n');
          } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
          else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, from: 'no-reply@teleservices.example' });
      await transport.send({ channel: 'email', recipient: 'dr.martin@demo.test', subject: 'Validez votre adresse e-mail', body: 'Bonjour,\n\nle lien' });
      const mail = received.join('\n');
      assert.match(mail, /To: dr\.martin@demo\.test/);
      assert.match(mail, /Subject: Validez votre adresse e-mail/);
      assert.match(mail, /From: no-reply@teleservices\.example/);
    } finally {
      server.close();
    }
  });

  it('reads SMTP settings from the environment, and refuses them without a sender', () => {
    assert.equal(readConfig({}).smtp, null);
    assert.deepEqual(readConfig({ SMTP_HOST: 'smtp.example.fr', SMTP_FROM: 'noreply@example.fr', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).smtp, {
      host: 'smtp.example.fr',
      port: 587,
      secure: false,
      from: 'noreply@example.fr',
      user: 'u',
      password: 'p',
    });
    assert.throws(() => readConfig({ SMTP_HOST: 'smtp.example.fr' }), /SMTP_FROM/);
  });
});
