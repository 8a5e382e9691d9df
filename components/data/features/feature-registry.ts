import type { RxCollectionCreator } from 'rxdb';
import { Subject, type Observable } from 'rxjs';
import type { TeleservicesDatabase } from '../database.ts';
import type { ApiClient } from '../replication/api-client.ts';
import type { replicateCollection } from '../replication/collection-replication.ts';
import type { Session } from '../session/session.ts';
import type { SyncJournal } from '../sync/sync-journal.ts';
import type { TeleservicesServices } from '../teleservices-context.ts';

/** What a feature gets to build its services. */
export interface FeatureContext {
  readonly db: TeleservicesDatabase;
  readonly api: ApiClient;
  readonly session: Session;
  readonly journal: SyncJournal;
}

/** What a feature gets to replicate its collections. */
export interface FeatureReplicationContext extends FeatureContext {
  /** The live changes of one of the collections the feature follows, from the runtime's shared stream. */
  stream$(collection: string): Observable<unknown>;
  readonly report: (error: unknown) => never;
  readonly reached: () => void;
  /** Replicates one collection (given here: the replication's code loads with the runtime's, not with the feature). */
  readonly replicateCollection: typeof replicateCollection;
}

export interface Cancellable {
  cancel(): Promise<unknown>;
}

/**
 * One collection's module (or a few that go together): its local collections, the services it
 * gives widgets, and its replication. The core's (Contact COVID files) are listed in
 * `core-features.ts` and open with every runtime; any other feature's module registers itself,
 * and its elements import it: a page that never imports an EMS element never loads EMS code,
 * never opens its collections and never replicates them (and RxDB's free edition opens at most
 * 13 collections per page).
 */
export interface TeleservicesFeature {
  readonly name: string;
  /** Collections added to the user's database (when it opens, or when the feature comes later). */
  collections(db: TeleservicesDatabase): Readonly<Record<string, RxCollectionCreator>>;
  /** What the feature adds to the services widgets receive. */
  services(context: FeatureContext): Partial<TeleservicesServices>;
  /** The server collections whose live changes it follows for this session ([] = no replication). */
  streams(session: Session): readonly string[];
  /** Starts its replications (only called when `streams(session)` is not empty). */
  replicate(context: FeatureReplicationContext): readonly Cancellable[];
}

const features = new Map<string, TeleservicesFeature>();
const added = new Subject<TeleservicesFeature>();

/** Makes a feature available to every runtime, open or to come. Registering twice is harmless. */
export function registerFeature(feature: TeleservicesFeature): void {
  if (features.has(feature.name)) return;
  features.set(feature.name, feature);
  added.next(feature);
}

export function registeredFeatures(): TeleservicesFeature[] {
  return [...features.values()];
}

/** A feature registered after a runtime opened (an element loaded lazily by the host page). */
export const featureRegistered$: Observable<TeleservicesFeature> = added.asObservable();
