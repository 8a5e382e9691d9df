import { BehaviorSubject, type Observable } from 'rxjs';
import { createTeleservicesDatabase, databaseNameFor, type TeleservicesDatabase } from './database.ts';
import { FICHES, FicheRepository } from './fiches/fiche-repository.ts';
import { FicheServerSearch } from './fiches/fiche-server-search.ts';
import { ApiClient } from './replication/api-client.ts';
import { AccountApi } from './session/account-api.ts';
import { DelegationApi } from './delegations/delegation-api.ts';
import { replicateDelegations } from './delegations/delegation-replication.ts';
import { DELEGATIONS, DelegationRepository } from './delegations/delegation-repository.ts';
import { withMessageDefaults, withThreadDefaults } from './ems/ems-collection-schemas.ts';
import { EMS_MESSAGES, EMS_THREADS, EmsRepository } from './ems/ems-repository.ts';
import { ChangeStreams } from './replication/change-streams.ts';
import { connectionReporter, replicateCollection } from './replication/collection-replication.ts';
import { replicateFiches, type FicheReplication } from './replication/fiche-replication.ts';
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
}

/**
 * Everything a signed-in page needs, opened once by the host (the provider element): the
 * user's local database, the repositories and the replication. Widgets never start it.
 */
export class TeleservicesRuntime {
  readonly services: TeleservicesServices;
  readonly #forcedOffline$: BehaviorSubject<boolean>;
  #replication: FicheReplication | null = null;
  #delegationReplication: ReturnType<typeof replicateDelegations> | null = null;
  #emsReplications: { cancel(): Promise<unknown> }[] = [];
  readonly #session: Session;

  private constructor(
    readonly db: TeleservicesDatabase,
    readonly api: ApiClient,
    session: Session,
    offline: boolean,
  ) {
    this.#forcedOffline$ = new BehaviorSubject(offline);
    this.#session = session;
    const journal = new SyncJournal(db.syncjournal);
    const fiches = new FicheRepository(db.fiches, journal);
    const delegations = new DelegationRepository(db.delegations, session.user.id);
    this.services = {
      session,
      api,
      account: new AccountApi(api),
      delegations,
      delegationCommands: new DelegationApi(api, delegations),
      ems: new EmsRepository(db.emsthreads, db.emsmessages, journal, session.user.role === 'medecin_conseil' ? 'insurer' : 'practitioner'),
      journal,
      fiches,
      ficheServer: new FicheServerSearch(api, fiches),
      syncStatus$: syncStatus$(db, { forcedOffline$: this.#forcedOffline$ }),
    };
  }

  static async open({ server, session, storage = 'dexie', offline = false }: RuntimeOptions): Promise<TeleservicesRuntime> {
    // A délégué acting for a délégant gets a database of its own: the two never mix on a device.
    const name = databaseNameFor(session.actor ? `${session.user.id}-as-${session.actor.id}` : session.user.id);
    const db = await createTeleservicesDatabase({ name, storage });
    const api = new ApiClient({ server, token: () => session.token });
    const runtime = new TeleservicesRuntime(db, api, session, offline);
    if (!offline) runtime.#startReplication();
    return runtime;
  }

  get syncStatus$(): Observable<SyncStatus> {
    return this.services.syncStatus$;
  }

  get replication(): FicheReplication | null {
    return this.#replication;
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

  #startReplication(): void {
    // A délégué acting for someone does not see the délégant's delegations (the server refuses them).
    const delegations = !this.#session.delegation;
    // EMS needs the CPS card and a role of the exchange: otherwise the server refuses, and the widget says why.
    const ems = emsAllowed(this.#session);
    // One connection carries the live changes of every collection (browsers allow six per host).
    const streams = new ChangeStreams(this.api, [FICHES, ...(delegations ? [DELEGATIONS] : []), ...(ems ? [EMS_THREADS, EMS_MESSAGES] : [])]);
    this.#replication = replicateFiches(this.db, this.api, { stream$: streams.of(FICHES) });
    if (delegations) this.#delegationReplication = replicateDelegations(this.db, this.api, { stream$: streams.of(DELEGATIONS) });
    if (ems) {
      const { report, reached } = connectionReporter(this.db);
      const journal = new SyncJournal(this.db.syncjournal);
      const common = { api: this.api, report, reached };
      const threads = replicateCollection({ ...common, path: EMS_THREADS, collection: this.db.emsthreads, push: { journal, journalName: EMS_THREADS }, modifier: withThreadDefaults, stream$: streams.of(EMS_THREADS) });
      // A new thread's first message must not reach the server before the thread.
      const messages = replicateCollection({
        ...common,
        path: EMS_MESSAGES,
        collection: this.db.emsmessages,
        push: { journal, journalName: EMS_MESSAGES },
        modifier: withMessageDefaults,
        stream$: streams.of(EMS_MESSAGES),
        pushAfter: () => threads.awaitInSync(),
      });
      this.#emsReplications = [threads, messages];
    }
  }

  async #stopReplication(): Promise<void> {
    await Promise.all([this.#replication?.stop(), this.#delegationReplication?.cancel(), ...this.#emsReplications.map((r) => r.cancel())]);
    this.#replication = null;
    this.#delegationReplication = null;
    this.#emsReplications = [];
  }

  async close(): Promise<void> {
    await this.#stopReplication();
    this.#forcedOffline$.complete();
    await this.db.close();
  }
}

/** Whether a session may use EMS: signed in with the CPS card, as a doctor or the médecin conseil. */
export function emsAllowed(session: Session): boolean {
  return session.user.strongAuth && ['medecin', 'directeur_cds', 'medecin_conseil'].includes(session.user.role);
}
