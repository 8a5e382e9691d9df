import type { TeleservicesDatabase } from '../database.ts';
import type { Cancellable, TeleservicesFeature } from '../features/feature-registry.ts';
import type { Session } from '../session/session.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import type { ApiClient } from './api-client.ts';
import { ChangeStreams } from './change-streams.ts';
import { connectionReporter, replicateCollection } from './collection-replication.ts';

export interface ReplicationStart {
  readonly db: TeleservicesDatabase;
  readonly api: ApiClient;
  readonly session: Session;
  readonly journal: SyncJournal;
  /** The loaded features that replicate for this session. */
  readonly features: readonly TeleservicesFeature[];
}

/**
 * Starts the features' replications, over one stream for all their collections (browsers allow
 * six connections per host). The runtime loads this module while the database opens: the
 * replication's code (RxDB's replication protocol included) is not part of what a page loads at
 * once, and it is there when the first list paints from the device.
 */
export function startReplications({ db, api, session, journal, features }: ReplicationStart): Map<TeleservicesFeature, readonly Cancellable[]> {
  const streams = new ChangeStreams(api, features.flatMap((feature) => feature.streams(session)));
  const { report, reached } = connectionReporter(db);
  const context = { db, api, session, journal, report, reached, replicateCollection, stream$: (collection: string) => streams.of(collection) };
  return new Map(features.map((feature) => [feature, feature.replicate(context)]));
}
