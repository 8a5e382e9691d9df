import { replicated, type CollectionDefinition } from '../collection-module.ts';
import { ChangeHub } from '../replication/change-hub.ts';
import { DelegantCommands, type DelegationContext } from './delegant-commands.ts';
import { DelegateCommands } from './delegate-commands.ts';
import type { ReplicatedDelegation } from './delegation-documents.ts';
import { DelegationPublishing } from './delegation-publishing.ts';
import { purgeUnanswered } from './delegation-purge.ts';
import { delegationChangeKeys, DelegationReplication } from './delegation-replication.ts';
import { delegationRoutes } from './delegation-routes.ts';
import type { DelegationStorage } from './delegation-storage.ts';
import { SqliteDelegationStore } from './sqlite-delegation-store.ts';

/**
 * Delegations: the commands at `/api/delegations` (the délégant's, the délégué's, the invitation
 * link's), read-only replication at `/api/replication/delegations` to both parties, the purge of
 * unanswered invitations. They stay the délégant's own: a délégué never reaches them.
 */
export const delegationsCollection: CollectionDefinition<DelegationStorage, 'delegations'> = {
  name: 'delegations',
  sqliteStore: (db) => new SqliteDelegationStore(db),
  create: ({ now, appUrl, trustProxy, sessionEvents, delegationPurgeDays, rateLimits }, store) => {
    const hub = new ChangeHub<ReplicatedDelegation>(delegationChangeKeys);
    const context: DelegationContext = { store, now, appUrl, publishing: new DelegationPublishing(hub, sessionEvents), purgeAfterDays: delegationPurgeDays };
    return {
      name: 'delegations',
      store,
      // The invitation link's routes: the token in the body proves who answers.
      policy: { delegatedService: null, publicRoutes: ['POST /invitation', 'POST /invitation/answer', 'POST /invitation/account'] },
      replication: { delegations: replicated(new DelegationReplication(store, hub)) },
      routes: delegationRoutes(new DelegantCommands(context), new DelegateCommands(context), now, trustProxy, rateLimits),
      housekeeping: () => purgeUnanswered(context),
    };
  },
};
