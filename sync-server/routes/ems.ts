import type { EmsMessageDocument, EmsThreadDocument } from '../../domain/index.ts';
import type { EmsScope, EmsService } from '../ems/ems-service.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';

/** `ems/threads` and `ems/messages`: the two EMS collections as RxDB's protocol sees them. */
export function emsCollections(ems: EmsService) {
  const threads: ReplicatedCollectionHandler<EmsThreadDocument, EmsScope> = {
    hub: ems.threadHub,
    scopeOf: (session) => ems.scopeOf(session),
    pull: (session, checkpoint, limit) => ems.pullThreads(session, checkpoint, limit),
    push: (session, rows) => ems.pushThreads(session, rows),
    streamKeys: (scope) => ems.streamKeys(scope),
  };
  const messages: ReplicatedCollectionHandler<EmsMessageDocument, EmsScope> = {
    hub: ems.messageHub,
    scopeOf: (session) => ems.scopeOf(session),
    pull: (session, checkpoint, limit) => ems.pullMessages(session, checkpoint, limit),
    push: (session, rows) => ems.pushMessages(session, rows),
    streamKeys: (scope) => ems.streamKeys(scope),
  };
  return { 'ems/threads': threads, 'ems/messages': messages };
}
