import type { WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { map } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import type { ApiClient } from '../replication/api-client.ts';
import { eventStream } from '../replication/event-stream.ts';
import type { LocalDelegation } from './delegation-collection-schema.ts';
import { DELEGATIONS } from './delegation-repository.ts';

interface Checkpoint {
  readonly sequence: number;
}

/**
 * Pulls the user's delegations (given and received) with the checkpointed pull and the live
 * stream; nothing is pushed — the server is the authority and changes go through its commands.
 */
export function replicateDelegations(db: TeleservicesDatabase, api: ApiClient, { retryTime = 5000 } = {}): RxReplicationState<LocalDelegation, Checkpoint> {
  const path = `/api/replication/${DELEGATIONS}`;
  return replicateRxCollection<LocalDelegation, Checkpoint>({
    replicationIdentifier: `teleservices-${DELEGATIONS}-${api.url('')}`,
    collection: db.delegations,
    live: true,
    retryTime,
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize: 100,
      async handler(checkpoint, limit) {
        const query = new URLSearchParams({ limit: String(limit) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const page = await api.json<{ documents: WithDeleted<LocalDelegation>[]; checkpoint: Checkpoint }>(`${path}/pull?${query}`);
        return { documents: page.documents, checkpoint: page.checkpoint };
      },
      stream$: eventStream(api, `${path}/pull-stream`, { retryMs: retryTime }).pipe(
        map((event) => (event === 'RESYNC' ? 'RESYNC' : (event as { documents: WithDeleted<LocalDelegation>[]; checkpoint: Checkpoint }))),
      ),
    },
  });
}
