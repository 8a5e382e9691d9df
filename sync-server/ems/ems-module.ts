import type { EmsMessageDocument, EmsThreadDocument } from '../../domain/index.ts';
import { replicated, type CollectionDefinition } from '../collection-module.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';
import { EmsService, type EmsScope } from './ems-service.ts';

/**
 * Secure medical exchanges: `ems/threads` and `ems/messages`, replicated to the two parties only,
 * in the EMS service for a délégué.
 */
export const emsCollection: CollectionDefinition<SqliteDatabase, 'ems'> = {
  name: 'ems',
  sqliteStore: (db) => db,
  create: ({ now, appUrl }, db) => {
    const ems = new EmsService(db, now, appUrl);
    const threads: ReplicatedCollectionHandler<EmsThreadDocument, EmsScope> = {
      hub: ems.threadHub,
      scopeOf: (session) => ems.scopeOf(session),
      pull: async (session, checkpoint, limit) => ems.pullThreads(session, checkpoint, limit),
      push: async (session, rows) => ems.pushThreads(session, rows),
      streamKeys: (scope) => ems.streamKeys(scope),
    };
    const messages: ReplicatedCollectionHandler<EmsMessageDocument, EmsScope> = {
      hub: ems.messageHub,
      scopeOf: (session) => ems.scopeOf(session),
      pull: async (session, checkpoint, limit) => ems.pullMessages(session, checkpoint, limit),
      push: async (session, rows) => ems.pushMessages(session, rows),
      streamKeys: (scope) => ems.streamKeys(scope),
    };
    return { name: 'ems', store: db, policy: { delegatedService: 'ems' }, replication: { 'ems/threads': replicated(threads), 'ems/messages': replicated(messages) } };
  },
};
