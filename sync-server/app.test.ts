import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from './app.ts';
import { MIGRATIONS } from './db/migrations.ts';
import { createTempDatabase } from './testing/temp-database.ts';

describe('sync server app', () => {
  const temp = createTempDatabase();
  let app: ReturnType<typeof createApp>;
  before(() => {
    app = createApp({ db: temp.db });
  });
  after(() => temp.dispose());

  it('answers GET /api/health with 200 and the schema version', async () => {
    const response = await app.request('/api/health');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', schemaVersion: MIGRATIONS.at(-1)!.version });
  });

  it('answers outside /api with a JSON 404 in French', async () => {
    const response = await app.request('/nothing-here');
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.match(((await response.json()) as { error: string }).error, /n’existe pas/);
  });
});

describe('the demo mailbox', () => {
  it('is readable without a session only when DEMO_MAILBOX asks for it', async () => {
    const temp = createTempDatabase();
    try {
      temp.db.prepare("INSERT INTO outbox (created_at, channel, recipient, subject, body) VALUES ('2026-11-22T09:00:00.000Z', 'post', 'Cabinet', 'Lettre', 'Texte')").run();
      assert.equal((await createApp({ db: temp.db }).request('/api/demo/outbox')).status, 401, 'closed by default');
      const open = await createApp({ db: temp.db, demoMailbox: true }).request('/api/demo/outbox');
      assert.equal(open.status, 200);
      assert.deepEqual(((await open.json()) as { messages: { subject: string }[] }).messages.map((m) => m.subject), ['Lettre']);
    } finally {
      temp.dispose();
    }
  });
});

describe('cross-origin host pages', () => {
  it('answers the browser’s preflight so a vendor page on another origin can call the API', async () => {
    const temp = createTempDatabase();
    try {
      const app = createApp({ db: temp.db, allowedOrigins: ['https://logiciel.example.fr'] });
      const preflight = await app.request('/api/replication/fiches/push', {
        method: 'OPTIONS',
        headers: { origin: 'https://logiciel.example.fr', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://logiciel.example.fr');
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
      const other = await app.request('/api/health', { headers: { origin: 'https://ailleurs.example.com' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      temp.dispose();
    }
  });
});
