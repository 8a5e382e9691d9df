import type { RxCollection } from 'rxdb';
import { registerFeature, type TeleservicesFeature } from '../features/feature-registry.ts';
import { DelegationApi, type DelegationService } from './delegation-api.ts';
import { delegationCollectionSchema, type LocalDelegation } from './delegation-collection-schema.ts';
import { DELEGATIONS, DelegationRepository } from './delegation-repository.ts';

/**
 * Delegations given and received, replicated read-only (the server is the authority; changes go
 * through its commands). A délégué acting for someone does not see the délégant's delegations.
 */
export const delegationFeature: TeleservicesFeature = {
  name: 'delegations',
  collections: () => ({ delegations: { schema: delegationCollectionSchema } }),
  services: ({ db, api, session }) => {
    const delegations = new DelegationRepository(db.delegations, session.user.id);
    return { delegations, delegationCommands: new DelegationApi(api, delegations) };
  },
  streams: (session) => (session.delegation ? [] : [DELEGATIONS]),
  replicate: ({ db, api, report, reached, stream$, replicateCollection }) => [replicateCollection({ path: DELEGATIONS, collection: db.delegations, api, report, reached, retryTime: 5000, stream$: stream$(DELEGATIONS) })],
};

registerFeature(delegationFeature);

declare module '../database.ts' {
  interface TeleservicesCollections {
    delegations: RxCollection<LocalDelegation>;
  }
}

declare module '../teleservices-context.ts' {
  interface TeleservicesServices {
    /** The delegations on this device (given, received), replicated read-only. */
    readonly delegations: DelegationRepository;
    /** The delegation commands (create, validate, delete, answer, act for the délégant). */
    readonly delegationCommands: DelegationService;
  }
}
