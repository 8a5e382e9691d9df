import { createContext } from '@lit/context';
import type { Observable } from 'rxjs';
import type { FicheRepository } from './fiches/fiche-repository.ts';
import type { FicheServerSearch } from './fiches/fiche-server-search.ts';
import type { ApiClient } from './replication/api-client.ts';
import type { AccountService } from './session/account-api.ts';
import type { DelegationService } from './delegations/delegation-api.ts';
import type { DelegationRepository } from './delegations/delegation-repository.ts';
import type { EmsRepository } from './ems/ems-repository.ts';
import type { Session } from './session/session.ts';
import type { SyncJournal } from './sync/sync-journal.ts';
import type { SyncStatus } from './sync/sync-status.ts';

/**
 * What `<teleservices-provider>` hands to every widget below it: the session, one repository per
 * collection, the sync journal and status, and the API for what needs the server (search).
 * A new object each time any of them changes, so consumers re-render.
 */
export interface TeleservicesServices {
  readonly session: Session;
  readonly fiches: FicheRepository;
  /** Search and open on the server (needs the network). */
  readonly ficheServer: FicheServerSearch;
  readonly journal: SyncJournal;
  readonly syncStatus$: Observable<SyncStatus>;
  readonly api: ApiClient;
  /** The user's own account ("Mon compte"): profile, events, e-mail and password changes, preferences. */
  readonly account: AccountService;
  /** The delegations on this device (given, received), replicated read-only. */
  readonly delegations: DelegationRepository;
  /** The delegation commands (create, validate, delete, answer, act for the délégant). */
  readonly delegationCommands: DelegationService;
  /** Secure medical exchanges: threads and messages on this device (written offline too). */
  readonly ems: EmsRepository;
}

export const teleservicesContext = createContext<TeleservicesServices | undefined>(Symbol('teleservices-services'));
