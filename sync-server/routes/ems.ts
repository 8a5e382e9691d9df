import type { EmsMessageDocument, EmsThreadDocument } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { EmsScope, EmsService } from '../ems/ems-service.ts';
import { replicationRoutes, type ReplicatedCollectionHandler } from '../replication/replication-routes.ts';

/** `/api/replication/ems/threads` and `/api/replication/ems/messages`: RxDB's protocol for the two EMS collections. */
export function emsReplicationRoutes(db: SqliteDatabase, now: () => Date, ems: EmsService) {
  const threads: ReplicatedCollectionHandler<EmsThreadDocument, EmsScope> = {
    hub: ems.threadHub,
    scopeOf: (session) => ems.scopeOf(session),
    pull: (session, checkpoint, limit) => ems.pullThreads(session, checkpoint, limit),
    push: (session, rows) => ems.pushThreads(session, rows),
    visibleChanges: (scope, changes) => ems.visibleThreads(scope, changes),
  };
  const messages: ReplicatedCollectionHandler<EmsMessageDocument, EmsScope> = {
    hub: ems.messageHub,
    scopeOf: (session) => ems.scopeOf(session),
    pull: (session, checkpoint, limit) => ems.pullMessages(session, checkpoint, limit),
    push: (session, rows) => ems.pushMessages(session, rows),
    visibleChanges: (scope, changes) => ems.visibleMessages(scope, changes),
  };
  return { threads: replicationRoutes(db, now, threads), messages: replicationRoutes(db, now, messages) };
}
