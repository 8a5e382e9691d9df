import type { Hono } from 'hono';
import type { DelegableService } from '../domain/index.ts';
import type { RateLimitStorage } from './auth/auth-storage.ts';
import type { SqliteDatabase } from './db/database.ts';
import type { AuthVariables } from './middleware/authenticate.ts';
import type { ReplicatedCollectionHandler } from './replication/replication-routes.ts';
import type { SessionEvents } from './session-events.ts';

/**
 * One feature of the sync server — a replicated collection (fiches, delegations, EMS) or a
 * service with routes only (insurer contact) — as `createApp` mounts it. Each lives in its own
 * folder and exports one `CollectionDefinition`; `app.ts` lists them (`COLLECTIONS`). Adding a
 * collection is one folder and one line in that list (ARCHITECTURE.md, « Adding a collection »).
 *
 * A module's paths follow its name: its REST routes at `/api/<name>`, its replicated collections
 * at `/api/replication/<collection>` (and in the shared stream's `collections=`).
 */
export interface CollectionModule<Store> {
  readonly name: string;
  /** What it reads and writes through (its storage interface; storage/storage.ts). */
  readonly store: Store;
  /** The server-wide checks' settings this feature asks for. */
  readonly policy: CollectionPolicy;
  /** Its collections in RxDB's replication protocol, by collection name (`fiches`, `ems/threads`…). */
  readonly replication?: Readonly<Record<string, ReplicatedCollectionHandler<unknown, unknown>>>;
  /** Its REST routes, mounted at `/api/<name>`. */
  readonly routes?: Hono<{ Variables: AuthVariables }>;
  /** Work that follows the passing of time (purges): run on a request at most every 10 minutes. */
  readonly housekeeping?: () => unknown;
}

export interface CollectionPolicy {
  /**
   * The service a délégué's profile must include to reach this module's routes (`/api/<name>`,
   * `/api/replication/<name>`); null: a délégué never reaches them (they stay the délégant's own).
   */
  readonly delegatedService: DelegableService | null;
  /** Its routes reachable without a session, `METHOD /path` under `/api/<name>` (an invitation link's). */
  readonly publicRoutes?: readonly string[];
}

/** What every module is built with. */
export interface ServerContext {
  /** The server's clock. */
  readonly now: () => Date;
  /** Where the host page lives, for the links sent by e-mail. */
  readonly appUrl: string;
  /** Client addresses from X-Forwarded-For (the rate limits). */
  readonly trustProxy: boolean;
  /** Whoever ends sessions (a delegation deleted) tells the open streams and the session cache here. */
  readonly sessionEvents: SessionEvents;
  /** `DELEGATION_PURGE_DAYS`. */
  readonly delegationPurgeDays: number;
  /** The rate limits' windows, in the database every instance shares (`RateLimiter`, `IdentifierAndAddressLimit`). */
  readonly rateLimits: RateLimitStorage;
}

/**
 * A feature as `app.ts` lists it: its name, its SQLite store (the default back end; another back
 * end passes its own through `createApp({ stores })`), and how to build the module on a store.
 */
export interface CollectionDefinition<Store, Name extends string = string> {
  readonly name: Name;
  sqliteStore(db: SqliteDatabase): Store;
  create(context: ServerContext, store: Store): CollectionModule<Store>;
}

/** A handler typed for its collection, as the list of a module holds it. */
export const replicated = <Doc, Scope>(handler: ReplicatedCollectionHandler<Doc, Scope>) => handler as ReplicatedCollectionHandler<unknown, unknown>;
