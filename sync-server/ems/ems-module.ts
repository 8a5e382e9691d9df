import { replicated, type CollectionDefinition } from '../collection-module.ts';
import { EmsMessages } from './ems-messages.ts';
import type { EmsStorage } from './ems-storage.ts';
import { EmsThreads } from './ems-threads.ts';
import { SqliteEmsStore } from './sqlite-ems-store.ts';

/**
 * Secure medical exchanges: `ems/threads` and `ems/messages`, replicated to the two parties only,
 * in the EMS service for a délégué.
 */
export const emsCollection: CollectionDefinition<EmsStorage, 'ems'> = {
  name: 'ems',
  sqliteStore: (db) => new SqliteEmsStore(db),
  create: ({ now, appUrl }, store) => {
    const threads = new EmsThreads(store, now);
    const messages = new EmsMessages(store, now, appUrl, threads.hub);
    return { name: 'ems', store, policy: { delegatedService: 'ems' }, replication: { 'ems/threads': replicated(threads), 'ems/messages': replicated(messages) } };
  },
};
