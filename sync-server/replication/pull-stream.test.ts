import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contactOf, insert, patientZero, update } from '../../domain/testing/fiche-fixtures.ts';
import { startServerProcess, type RunningServer } from '../testing/server-process.ts';
import { readServerSentEvents } from '../testing/sse-reader.ts';

type Json = Record<string, any>;

describe('GET /api/replication/fiches/pull-stream (real server, real HTTP)', () => {
  let server: RunningServer;
  let dir: string;
  const tokens: Record<string, string> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teleservices-stream-'));
    server = await startServerProcess({ DATABASE: join(dir, 'stream.sqlite'), SEED: 'demo' });
    for (const [name, identifier, password] of [
      ['martin', 'dr.martin@demo.test', 'Medecin#2026'],
      ['durand', 'dr.durand@demo.test', 'Medecin#2026'],
      ['pharmacien', 'pharmacie.centrale@demo.test', 'Pharma#2026'],
    ] as const) {
      const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password }) });
      tokens[name] = ((await response.json()) as { token: string }).token;
    }
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (who: string) => {
    const response = await fetch(`${server.url}/api/replication/fiches/pull-stream`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    return readServerSentEvents(response);
  };
  const push = async (who: string, rows: unknown) => {
    const response = await fetch(`${server.url}/api/replication/fiches/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  };
  const pull = async (who: string, checkpoint?: unknown) => {
    const query = checkpoint === undefined ? '' : `?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`;
    const response = await fetch(`${server.url}/api/replication/fiches/pull${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return (await response.json()) as { documents: Json[]; checkpoint: { sequence: number } };
  };

  it('sends each accepted write to the writer (with the server’s fields) and to no one outside its scope', async () => {
    const martinStream = await open('martin');
    const durandStream = await open('durand');
    const fiche = patientZero();
    await push('martin', [insert(fiche)]);
    const [event] = (await martinStream.waitFor(1)) as Json[];
    assert.equal(event!.documents.length, 1);
    assert.equal(event!.documents[0].id, fiche['id']);
    assert.equal(event!.documents[0].declarantId, 'u-martin');
    assert.match(event!.documents[0].updatedAt, /^\d{4}-\d\d-\d\dT/);

    const own = patientZero();
    await push('durand', [insert(own)]);
    const durandEvents = (await durandStream.waitFor(1)) as Json[];
    assert.deepEqual(durandEvents.map((e) => e.documents.map((d: Json) => d.id)), [[own['id']]], 'Dr Durand received his own file and not Dr Martin’s');
    await martinStream.close();
    await durandStream.close();
  });

  it('uses the pull’s checkpoint form and order: pulling from a stream checkpoint yields nothing new', async () => {
    const stream = await open('martin');
    const fiche = patientZero();
    await push('martin', [insert(fiche)]);
    const [event] = (await stream.waitFor(1)) as Json[];
    const viaPull = await pull('martin');
    assert.deepEqual(event!.checkpoint, viaPull.checkpoint);
    assert.deepEqual((await pull('martin', event!.checkpoint)).documents, []);
    await stream.close();
  });

  it('brings a file that enters a user’s scope (opened by NIR search) to their stream', async () => {
    const p0 = patientZero();
    const contact = contactOf(p0['id'] as string);
    await push('martin', [insert(p0), insert(contact)]);
    const pharmacyStream = await open('pharmacien');
    const opened = await fetch(`${server.url}/api/fiches/${contact['id']}/open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['pharmacien']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nir: contact['nir'] }),
    });
    assert.equal(opened.status, 200);
    const [event] = (await pharmacyStream.waitFor(1)) as Json[];
    assert.deepEqual(event!.documents.map((d: Json) => d.id), [contact['id']]);

    const { _deleted, ...stored } = event!.documents[0];
    await push('pharmacien', [update(stored, { ...stored, maskDelivered: true })]);
    const events = (await pharmacyStream.waitFor(2)) as Json[];
    assert.equal(events[1]!.documents[0].maskDelivered, true, 'the pharmacist’s own accepted write comes back on the stream');
    await pharmacyStream.close();
  });

  it('loses nothing acknowledged when the server is killed mid-sync and restarted', async () => {
    const fiches = Array.from({ length: 50 }, () => patientZero());
    const stream = await open('martin');
    await push('martin', fiches.map(insert));
    const before = await pull('martin');
    assert.equal(await server.stop('SIGKILL'), null);
    await stream.close();
    server = await startServerProcess({ DATABASE: join(dir, 'stream.sqlite') });
    const afterRestart = await pull('martin');
    assert.deepEqual(afterRestart.documents.map((d) => d.id), before.documents.map((d) => d.id));
    for (const fiche of fiches) assert.ok(afterRestart.documents.some((d) => d.id === fiche['id']));
  });
});
