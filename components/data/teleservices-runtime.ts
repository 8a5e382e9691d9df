import { BehaviorSubject, type Observable } from 'rxjs';
import { createTeleservicesDatabase, databaseNameFor, type TeleservicesDatabase } from './database.ts';
import { FicheRepository } from './fiches/fiche-repository.ts';
import { FicheServerSearch } from './fiches/fiche-server-search.ts';
import { ApiClient } from './replication/api-client.ts';
import { AccountApi } from './session/account-api.ts';
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

  private constructor(
    readonly db: TeleservicesDatabase,
    readonly api: ApiClient,
    session: Session,
    offline: boolean,
  ) {
    this.#forcedOffline$ = new BehaviorSubject(offline);
    const journal = new SyncJournal(db.syncjournal);
    const fiches = new FicheRepository(db.fiches, journal);
    this.services = {
      session,
      api,
      account: new AccountApi(api),
      journal,
      fiches,
      ficheServer: new FicheServerSearch(api, fiches),
      syncStatus$: syncStatus$(db, { forcedOffline$: this.#forcedOffline$ }),
    };
  }

  static async open({ server, session, storage = 'dexie', offline = false }: RuntimeOptions): Promise<TeleservicesRuntime> {
    const db = await createTeleservicesDatabase({ name: databaseNameFor(session.user.id), storage });
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
      await this.#replication?.stop();
      this.#replication = null;
    } else {
      this.#startReplication();
    }
  }

  #startReplication(): void {
    this.#replication = replicateFiches(this.db, this.api);
  }

  async close(): Promise<void> {
    await this.#replication?.stop();
    this.#replication = null;
    this.#forcedOffline$.complete();
    await this.db.close();
  }
}
