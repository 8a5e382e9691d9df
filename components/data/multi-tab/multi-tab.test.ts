import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { assert } from '../../testing/assert.ts';
import { useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import { createTeleservicesDatabase } from '../database.ts';
import { FicheRepository } from '../fiches/fiche-repository.ts';
import { ApiClient } from '../replication/api-client.ts';
import { replicateFiches } from '../fiches/fiche-replication.ts';
import { SyncJournal } from '../sync/sync-journal.ts';
import type { TabHandle } from './tab-frame.ts';

async function openFrameTab(name: string, server: string, token: string): Promise<{ tab: TabHandle; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./tab-frame.html', import.meta.url).href;
  const ready = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.append(frame);
  await ready;
  const frameWindow = frame.contentWindow as unknown as { openTab?: (n: string, s: string, t: string) => Promise<TabHandle> };
  await waitFor(() => frameWindow.openTab, { message: 'the frame’s module' });
  return { tab: await frameWindow.openTab!(name, server, token), frame };
}

async function serverHas(server: TestSyncServer, token: string, id: string): Promise<boolean> {
  const response = await fetch(`${server.url}/api/replication/fiches/pull?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  return documents.some((d) => d.id === id);
}

describe('several tabs of one origin', function () {
  this.timeout(60_000);
  const server = useSyncServer({ clearStorage: false });

  it('share one database and one replication: a change in one tab shows in the other, and a new leader takes over', async () => {
    const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const name = `test-tabs-${Math.random().toString(36).slice(2, 10)}`;

    const db = await createTeleservicesDatabase({ name });
    const replication = replicateFiches(db, new ApiClient({ server: server.url, token: () => token }), { retryTime: 300 });
    const fiches = new FicheRepository(db.fiches, new SyncJournal(db.syncjournal));
    const { tab, frame } = await openFrameTab(name, server.url, token);

    const leaders = await waitFor(() => {
      const count = Number(db.leaderElector().isLeader) + Number(tab.isLeader());
      return count > 0 ? count : 0;
    }, { message: 'a leader' });
    assert.equal(leaders, 1, 'exactly one tab replicates');

    const typedInFrame = patientZero();
    assert.ok(await tab.save(typedInFrame));
    await waitFor(() => fiches.get(typedInFrame['id'] as string), { message: 'the frame’s file in the page' });
    await waitFor(() => serverHas(server, token, typedInFrame['id'] as string), { message: 'the frame’s file on the server' });

    const typedInPage = patientZero();
    await fiches.save(typedInPage, 'medecin');
    await waitFor(() => tab.has(typedInPage['id'] as string), { message: 'the page’s file in the frame' });
    await waitFor(() => serverHas(server, token, typedInPage['id'] as string), { message: 'the page’s file on the server' });

    // The frame tab closes; whichever tab led, the page must replicate from now on.
    await tab.close();
    frame.remove();
    await waitFor(() => db.leaderElector().isLeader, { message: 'the page becoming leader', timeoutMs: 20_000 });
    const afterClose = patientZero();
    await fiches.save(afterClose, 'medecin');
    await waitFor(() => serverHas(server, token, afterClose['id'] as string), { message: 'a file saved after the other tab closed', timeoutMs: 20_000 });

    await replication.stop();
    await db.remove();
  });
});
