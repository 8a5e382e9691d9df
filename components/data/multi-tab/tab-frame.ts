// A second "tab" for the multi-tab test: a same-origin frame is its own JS realm with its own
// RxDB instance, sharing IndexedDB and BroadcastChannel with the page, exactly like a tab.
import { createTeleservicesDatabase } from '../database.ts';
import { FicheRepository } from '../fiches/fiche-repository.ts';
import { ApiClient } from '../replication/api-client.ts';
import { replicateFiches } from '../fiches/fiche-replication.ts';
import { SyncJournal } from '../sync/sync-journal.ts';

export interface TabHandle {
  isLeader(): boolean;
  save(doc: Record<string, unknown>): Promise<boolean>;
  has(id: string): Promise<boolean>;
  close(): Promise<void>;
}

async function openTab(name: string, server: string, token: string): Promise<TabHandle> {
  const db = await createTeleservicesDatabase({ name });
  const replication = replicateFiches(db, new ApiClient({ server, token: () => token }), { retryTime: 300 });
  const fiches = new FicheRepository(db.fiches, new SyncJournal(db.syncjournal));
  return {
    isLeader: () => db.leaderElector().isLeader,
    save: async (doc) => (await fiches.save(doc, 'medecin')).ok,
    has: async (id) => (await fiches.get(id)) !== null,
    close: async () => {
      await replication.stop();
      await db.close();
    },
  };
}

(window as unknown as { openTab: typeof openTab }).openTab = openTab;
window.dispatchEvent(new Event('tab-ready'));
