import { createContext } from '@lit/context';
import type { Observable } from 'rxjs';
import type { ApiClient } from './replication/api-client.ts';
import type { AccountService } from './session/account-api.ts';
import type { Session } from './session/session.ts';
import type { SyncJournal } from './sync/sync-journal.ts';
import type { SyncStatus } from './sync/sync-status.ts';

/**
 * What `<teleservices-provider>` hands to every widget below it: the session, one repository per
 * collection (added by each feature's module: the Contact COVID files' by `fiches/fiche-feature.ts`),
 * the sync journal and status, and the API for what needs the server.
 * A new object each time any of them changes, so consumers re-render.
 */
export interface TeleservicesServices {
  readonly session: Session;
  readonly journal: SyncJournal;
  readonly syncStatus$: Observable<SyncStatus>;
  readonly api: ApiClient;
  /** The user's own account ("Mon compte"): profile, events, e-mail and password changes, preferences. */
  readonly account: AccountService;
}

/**
 * The services of the features (Contact COVID files, EMS, delegations…): each feature module
 * adds its own to `TeleservicesServices` by declaration merging, and they are present once that
 * module is loaded (a core feature's at once, another's when an element that imports it loads).
 */

export const teleservicesContext = createContext<TeleservicesServices | undefined>(Symbol('teleservices-services'));
