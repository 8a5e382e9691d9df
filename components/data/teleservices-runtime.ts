import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { createTeleservicesDatabase, databaseNameFor, deleteIndexedDbFiles, type TeleservicesDatabase } from './database.ts';
import { CORE_FEATURES } from './features/core-features.ts';
import { featureRegistered$, registeredFeatures, type Cancellable, type TeleservicesFeature } from './features/feature-registry.ts';
import { ficheFeature, type FicheReplication } from './fiches/fiche-feature.ts';
import { ApiClient, type LocaleSource } from './replication/api-client.ts';
import type { startReplications } from './replication/replication-start.ts';
import { AccountApi } from './session/account-api.ts';
import type { Session } from './session/session.ts';
import { SyncJournal } from './sync/sync-journal.ts';
import { syncStatus$, type SyncStatus } from './sync/sync-status.ts';
import type { TeleservicesServices } from './teleservices-context.ts';

export interface RuntimeOptions {
  readonly server: string;
  readonly session: Session;
  /** `memory` for tests that need no persistence. */
  readonly storage?: 'dexie' | 'memory';
  readonly offline?: boolean;
  /**
   * The widgets' language, sent to the server with every request (`Accept-Language`) so that its
   * refusals and confirmations come in it; the provider passes `() => this.locale`, read at each
   * request. Without it, the page's `<html lang>` (French when there is none).
   */
  readonly locale?: LocaleSource;
  /** The server refused the session's token as expired or closed (see `ApiClientOptions`). */
  readonly onSessionExpired?: () => void;
}

/**
 * Everything a signed-in page needs, opened once by the host (the provider element): the
 * user's local database, the repositories and the replication. Widgets never start it.
 *
 * The sync journal and the account are always there; each collection comes from a feature
 * (`features/feature-registry.ts`): the core's (`features/core-features.ts`: the Contact COVID
 * files) at opening, the others when their elements register them — at opening, or later when
 * the host page loads an element lazily (`services$` then emits the extended services). Each
 * feature's collections, services and replication join the same way.
 */
export class TeleservicesRuntime {
  readonly #services$: BehaviorSubject<TeleservicesServices>;
  readonly #forcedOffline$: BehaviorSubject<boolean>;
  readonly #features = new Set<TeleservicesFeature>();
  readonly #journal: SyncJournal;
  #replications = new Map<TeleservicesFeature, readonly Cancellable[]>();
  #featureSubscription: Subscription | null = null;
  /** Feature additions and replication restarts, one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #session: Session;
  readonly #startReplications: typeof startReplications;

  private constructor(
    readonly db: TeleservicesDatabase,
    readonly api: ApiClient,
    session: Session,
    forcedOffline$: BehaviorSubject<boolean>,
    start: typeof startReplications,
  ) {
    this.#forcedOffline$ = forcedOffline$;
    this.#session = session;
    this.#startReplications = start;
    this.#journal = new SyncJournal(db.syncjournal);
    // The services of every runtime; the features' join as they are added (#addFeatures).
    this.#services$ = new BehaviorSubject<TeleservicesServices>({
      session,
      api,
      account: new AccountApi(api),
      journal: this.#journal,
      syncStatus$: syncStatus$(db, { forcedOffline$: this.#forcedOffline$ }),
    } satisfies Partial<TeleservicesServices> as unknown as TeleservicesServices);
  }

  static async open({ server, session, storage = 'dexie', offline = false, locale, onSessionExpired }: RuntimeOptions): Promise<TeleservicesRuntime> {
    // A délégué acting for a délégant gets a database of its own: the two never mix on a device.
    const name = databaseNameFor(session.actor ? `${session.user.id}-as-${session.actor.id}` : session.user.id);
    // The replication's code loads while the database opens (it is not in the page's first load).
    const [db, { startReplications: start }] = await Promise.all([createTeleservicesDatabase({ name, storage }), import('./replication/replication-start.ts')]);
    // The host's offline switch also stops the widgets' own requests (server search, commands).
    const forcedOffline$ = new BehaviorSubject(offline);
    const api = new ApiClient({ server, token: () => session.token, offline: () => forcedOffline$.value, ...(locale ? { locale } : {}), ...(onSessionExpired ? { onSessionExpired } : {}) });
    const runtime = new TeleservicesRuntime(db, api, session, forcedOffline$, start);
    await runtime.#addFeatures([...CORE_FEATURES, ...registeredFeatures()]);
    if (!offline) runtime.#startReplication();
    runtime.#featureSubscription = featureRegistered$.subscribe((feature) => {
      runtime.#queue = runtime.#queue.then(() => runtime.#addLateFeature(feature)).catch((error: unknown) => console.error('[teleservices] feature', feature.name, error));
    });
    return runtime;
  }

  /** What widgets use; present services of every feature loaded so far. */
  get services(): TeleservicesServices {
    return this.#services$.value;
  }

  /** The services, again each time a feature joins (a new object: consumers re-render). */
  get services$(): Observable<TeleservicesServices> {
    return this.#services$.asObservable();
  }

  get syncStatus$(): Observable<SyncStatus> {
    return this.services.syncStatus$;
  }

  /** The Contact COVID files' replication while it runs (tests wait for it to be in sync). */
  get replication(): FicheReplication | null {
    return (this.#replications.get(ficheFeature)?.[0] as FicheReplication | undefined) ?? null;
  }

  /** The host's online/offline switch: offline stops talking to the server; work stays local. */
  async setOffline(offline: boolean): Promise<void> {
    if (offline === this.#forcedOffline$.value) return;
    this.#forcedOffline$.next(offline);
    if (offline) {
      await this.#stopReplication();
    } else {
      this.#startReplication();
    }
  }

  async #addFeatures(features: readonly TeleservicesFeature[]): Promise<void> {
    const fresh = features.filter((feature) => !this.#features.has(feature));
    if (fresh.length === 0) return;
    const missing = Object.fromEntries(fresh.flatMap((feature) => Object.entries(feature.collections(this.db))).filter(([name]) => !(name in this.db.collections)));
    if (Object.keys(missing).length > 0) await this.db.addCollections(missing);
    let services = this.services;
    for (const feature of fresh) {
      this.#features.add(feature);
      services = { ...services, ...feature.services({ db: this.db, api: this.api, session: this.#session, journal: this.#journal }) };
    }
    this.#services$.next(services);
  }

  async #addLateFeature(feature: TeleservicesFeature): Promise<void> {
    if (this.#closed || this.#features.has(feature)) return;
    await this.#addFeatures([feature]);
    if (this.#closed || this.#forcedOffline$.value || feature.streams(this.#session).length === 0) return;
    // The shared stream is reopened with the new collections.
    await this.#stopReplication();
    if (!this.#closed && !this.#forcedOffline$.value) this.#startReplication();
  }

  #startReplication(): void {
    const features = [...this.#features].filter((feature) => feature.streams(this.#session).length > 0);
    this.#replications = this.#startReplications({ db: this.db, api: this.api, session: this.#session, journal: this.#journal, features });
  }

  async #stopReplication(): Promise<void> {
    const replications = [...this.#replications.values()].flat();
    this.#replications = new Map();
    await Promise.all(replications.map((replication) => replication.cancel()));
  }

  /**
   * Stops the sync and closes the database; `wipe` also deletes it from the device (its files,
   * messages, delegations, sync journal: everything of this person's the device held).
   */
  async close({ wipe = false }: { wipe?: boolean } = {}): Promise<void> {
    this.#closed = true;
    this.#featureSubscription?.unsubscribe();
    await this.#queue;
    await this.#stopReplication();
    this.#forcedOffline$.complete();
    this.#services$.complete();
    if (wipe) {
      await this.db.remove();
      await deleteIndexedDbFiles(this.db.name);
    } else await this.db.close();
  }
}
