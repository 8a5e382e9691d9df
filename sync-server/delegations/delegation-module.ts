import { replicated, type CollectionDefinition } from '../collection-module.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { delegationChangeKeys, DelegationReplication } from './delegation-replication.ts';
import { delegationRoutes } from './delegation-routes.ts';
import { DelegationService, type ReplicatedDelegation } from './delegation-service.ts';

/**
 * Delegations: the commands at `/api/delegations` (the délégant's, the délégué's, the invitation
 * link's), read-only replication at `/api/replication/delegations` to both parties, the purge of
 * unanswered invitations. They stay the délégant's own: a délégué never reaches them.
 */
export const delegationsCollection: CollectionDefinition<SqliteDatabase, 'delegations'> = {
  name: 'delegations',
  sqliteStore: (db) => db,
  create: ({ now, appUrl, trustProxy, sessionEvents, delegationPurgeDays }, db) => {
    const hub = new ChangeHub<ReplicatedDelegation>(delegationChangeKeys);
    const service = new DelegationService(db, now, appUrl, hub, sessionEvents, delegationPurgeDays);
    return {
      name: 'delegations',
      store: db,
      policy: { delegatedService: null },
      replication: { delegations: replicated(new DelegationReplication(service, hub)) },
      routes: delegationRoutes(service, now, trustProxy),
      housekeeping: () => service.purge(),
    };
  },
};
