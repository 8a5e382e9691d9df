import type { Observable } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import type { ApiClient } from '../replication/api-client.ts';
import { connectionReporter, replicateCollection } from '../replication/collection-replication.ts';
import { DELEGATIONS } from './delegation-repository.ts';

/**
 * Pulls the user's delegations (given and received) with the checkpointed pull and the live
 * stream; nothing is pushed — the server is the authority and changes go through its commands.
 */
export function replicateDelegations(db: TeleservicesDatabase, api: ApiClient, { retryTime = 5000, stream$ }: { retryTime?: number; stream$?: Observable<unknown> } = {}) {
  const { report, reached } = connectionReporter(db);
  return replicateCollection({ path: DELEGATIONS, collection: db.delegations, api, report, reached, retryTime, ...(stream$ ? { stream$ } : {}) });
}
