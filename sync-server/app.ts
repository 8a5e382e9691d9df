import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { SqliteDatabase } from './db/database.ts';
import { schemaVersion } from './db/migrations.ts';
import { localize, type Localized } from '../domain/i18n/index.ts';
import { ApiError } from './http-errors.ts';
import { requestLocale, varyOnLanguage } from './i18n.ts';
import type { AccountStorage } from './accounts/account-storage.ts';
import { SqliteAccountStore } from './accounts/sqlite-account-store.ts';
import type { AuthStores } from './auth/auth-storage.ts';
import { SessionCache } from './auth/sessions.ts';
import { sqliteAuthStores } from './auth/sqlite-auth-store.ts';
import type { StrongAuthenticator } from './auth/strong-auth.ts';
import { authenticate, PublicRoutes, SERVER_PUBLIC_ROUTES, type AuthVariables } from './middleware/authenticate.ts';
import { corsHeaders } from './middleware/cors.ts';
import { bodyLimits, cappedDetails, securityHeaders } from './middleware/http-hardening.ts';
import { readOutbox, type OutgoingMessage } from './outbox/outbox.ts';
import { useOutboxKey } from './outbox/outbox-key.ts';
import { DelegatedSessions, type ServiceRoutes } from './access/delegated-sessions.ts';
import type { CollectionDefinition, CollectionModule, ServerContext } from './collection-module.ts';
import { delegationsCollection } from './delegations/delegation-module.ts';
import { DEFAULT_PURGE_DAYS } from './delegations/delegation-purge.ts';
import { emsCollection } from './ems/ems-module.ts';
import { fichesCollection } from './fiches/fiche-module.ts';
import { insurerContactService } from './insurer-contact/insurer-contact-module.ts';
import { CHANGE_STREAM_PATH, changeStreamRoutes } from './replication/change-stream-routes.ts';
import { replicationRoutes, type ReplicatedCollectionHandler } from './replication/replication-routes.ts';
import { StreamRegistry } from './replication/stream-registry.ts';
import { AccountMigrations } from './accounts/account-migration.ts';
import { accountRoutes } from './routes/account.ts';
import { accountsRoutes } from './routes/accounts.ts';
import { authRoutes } from './routes/auth.ts';
import { SessionEvents } from './session-events.ts';

/**
 * The server's collections and services, each one folder exporting its definition (its store,
 * policy, replication handlers and routes: `collection-module.ts`). Adding a collection is a
 * folder and a line here.
 */
export const COLLECTIONS = [fichesCollection, delegationsCollection, emsCollection, insurerContactService] as const;

type StoreOf<Definition> = Definition extends CollectionDefinition<infer Store, string> ? Store : never;
/** The stores of another back end than SQLite, by collection name (each its collection's storage interface). */
export type CollectionStores = { readonly [Definition in (typeof COLLECTIONS)[number] as Definition['name']]?: StoreOf<Definition> };

/** The demo host page (vite's default port) when `APP_URL` is not set. */
export const DEFAULT_APP_URL = 'http://127.0.0.1:5173/';

const HOUSEKEEPING_MS = 10 * 60 * 1000;

const NOT_FOUND = { fr: 'Cette adresse n’existe pas sur le serveur de synchronisation.', en: 'This address does not exist on the sync server.' } satisfies Localized;
const REQUEST_REFUSED = { fr: 'Requête refusée.', en: 'Request refused.' } satisfies Localized;
const INTERNAL_ERROR = { fr: 'Erreur interne du serveur de synchronisation.', en: 'Internal error of the sync server.' } satisfies Localized;

/** What the server-wide routes read of the database itself (health, the demo mailbox). */
export interface ServerDatabase {
  schemaVersion(): Promise<number>;
  /** The latest messages of the outbox, newest first, in clear. */
  readOutbox(limit: number): Promise<(OutgoingMessage & { seq: number; createdAt: string })[]>;
}

/** A back end other than the SQLite file (`db/postgres/postgres-backend.ts`): every store, and the database's own reads. */
export interface ServerBackend {
  readonly database: ServerDatabase;
  readonly stores: Required<CollectionStores>;
  readonly authStores: AuthStores;
  readonly accountStore: AccountStorage;
  readonly otherInstances?: AppDependencies['otherInstances'];
}

export interface AppDependencies {
  /**
   * The SQLite database: every store's unless `stores`, `authStores`, `accountStore` name others.
   * Without it, `backend` holds them all (PostgreSQL).
   */
  readonly db?: SqliteDatabase;
  /** Another back end than SQLite, with every store (`DATABASE_URL`); excludes `db`. */
  readonly backend?: ServerBackend;
  /** The server's clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /**
   * Origins of the host pages allowed to call the API from a browser (`*` by default: the
   * session travels in the Authorization header, never in a cookie, so no credentials are shared).
   */
  readonly allowedOrigins?: readonly string[] | '*';
  /** Where the host page lives, for the links sent by e-mail (`APP_URL`). */
  readonly appUrl?: string;
  /** `TRUST_PROXY=1`: client addresses come from X-Forwarded-For (the rate limits use them). */
  readonly trustProxy?: boolean;
  /**
   * Strong authentication (the CPS card): who a proof belongs to. None by default: card sign-in
   * and card account creation answer 403 `strong_auth_disabled`. The simulated card
   * (`simulatedCpsAuthenticator`) only with `SIMULATED_CPS=1` or `SEED=demo`.
   */
  readonly strongAuthenticator?: StrongAuthenticator | null;
  /**
   * `OUTBOX_KEY`: the key that encrypts the outbox's bodies (links, temporary passwords) until
   * they are sent; without it, a random key of this process (`outbox/outbox-key.ts`).
   */
  readonly outboxKey?: Buffer | null;
  /** `DEMO_MAILBOX`: the outbox readable without a session at `GET /api/demo/outbox` (demo only). */
  readonly demoMailbox?: boolean;
  /** `DELEGATION_PURGE_DAYS`: unanswered delegation invitations are purged after this delay. */
  readonly delegationPurgeDays?: number;
  /** The collections' stores when they are not the SQLite ones on `db` (another back end). */
  readonly stores?: CollectionStores;
  /**
   * On a database several instances share (`db/postgres/`): the session ends are told to and by
   * the others (a sign-out on one ends the streams every instance holds for that session), and
   * when the connection that tells this instance of the others' writes is back after a drop, what
   * was told meanwhile is lost: every open stream here ends with a RESYNC, and its client pulls
   * from its checkpoint.
   */
  readonly otherInstances?: { onReconnect(handler: () => void): void; shareSessionEnds(events: SessionEvents): void };
  /**
   * Accounts, sessions, lockouts, rate limits and single-use links when they are not the SQLite
   * ones on `db` (another back end: `postgresAuthStores`). The strong authenticator must then be
   * built on the same stores (`simulatedCpsAuthenticator(authStores.lockouts)`,
   * `proSanteConnectAuthenticator(authStores.strongAuthFlows, …)`).
   */
  readonly authStores?: AuthStores;
  /** The accounts' store (directory, creation, e-mail validation, profile) on the same back end as `authStores`. */
  readonly accountStore?: AccountStorage;
}

/**
 * The sync server as a Hono app, without a port: `index.ts` serves it, tests call
 * `app.request()` or serve it on an ephemeral port.
 */
export function createApp(dependencies: AppDependencies) {
  const { db, backend, now = () => new Date(), allowedOrigins = '*', appUrl = DEFAULT_APP_URL, trustProxy = false, strongAuthenticator = null, outboxKey = null, demoMailbox = false, delegationPurgeDays = DEFAULT_PURGE_DAYS } = dependencies;
  if ((db === undefined) === (backend === undefined)) throw new Error('createApp takes either db (SQLite) or backend (another database), not both, and not neither');
  const sqlite = db ? sqliteBackend(db, outboxKey) : null;
  const { database, authStores, accountStore, otherInstances } = {
    ...(backend ?? sqlite!),
    ...(dependencies.authStores ? { authStores: dependencies.authStores } : {}),
    ...(dependencies.accountStore ? { accountStore: dependencies.accountStore } : {}),
    ...(dependencies.otherInstances ? { otherInstances: dependencies.otherInstances } : {}),
  };
  const stores: Readonly<Record<string, unknown>> = backend?.stores ?? dependencies.stores ?? {};
  const app = new Hono<{ Variables: AuthVariables }>();

  // First, so that every answer carries them, refusals and errors included.
  app.use('*', ...securityHeaders());
  app.use(
    '/api/*',
    corsHeaders({
      origin: allowedOrigins,
      allowHeaders: ['authorization', 'content-type', 'accept', 'accept-language'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  // Sign-out, password changes and delegations ending tell the open streams of the sessions they end.
  const sessionEvents = new SessionEvents();
  const context: ServerContext = { now, appUrl, trustProxy, sessionEvents, delegationPurgeDays, rateLimits: authStores.rateLimits };
  const modules: CollectionModule<unknown>[] = COLLECTIONS.map((definition: CollectionDefinition<unknown, string>) => definition.create(context, stores[definition.name] ?? definition.sqliteStore(db!)));
  const publicRoutes = new PublicRoutes([
    ...SERVER_PUBLIC_ROUTES,
    ...modules.flatMap(({ name, policy }) => (policy.publicRoutes ?? []).map((route) => route.replace(' ', ` /api/${name}`))),
  ]);
  app.use('/api/*', bodyLimits(publicRoutes));
  // What a délégué may reach: each module's routes belong to the service its policy names.
  const serviceRoutes: ServiceRoutes = modules.flatMap(({ name, policy, replication }) =>
    policy.delegatedService === null ? [] : [[`/api/${name}`, policy.delegatedService] as const, ...(replication ? [[`/api/replication/${name}`, policy.delegatedService] as const] : [])],
  );
  const delegated = new DelegatedSessions(serviceRoutes);
  const sessions = new SessionCache(authStores.sessions, sessionEvents);
  const streams = { now, delegated, sessions, registry: new StreamRegistry(sessionEvents, now) };
  otherInstances?.onReconnect(() => streams.registry.resyncAll());
  otherInstances?.shareSessionEnds(sessionEvents);
  let housekeptAt = Number.NEGATIVE_INFINITY;
  app.use('/api/*', async (_c, next) => {
    // Work that follows the passing of time (unanswered invitations purged, rate-limit windows and
    // lockouts of unknown identifiers that are over forgotten), at most every 10 minutes.
    const at = now().getTime();
    if (at - housekeptAt >= HOUSEKEEPING_MS) {
      housekeptAt = at;
      for (const module of modules) await module.housekeeping?.();
      await authStores.rateLimits.purge(at);
      await authStores.lockouts.purge(new Date(at));
    }
    return next();
  });

  if (demoMailbox) app.get('/api/demo/outbox', async (c) => c.json({ messages: await database.readOutbox(100) }));
  app.use('/api/*', authenticate(sessions, now, delegated, publicRoutes));
  app.get('/api/health', async (c) => c.json({ status: 'ok', schemaVersion: await database.schemaVersion() }));
  const accountMigrations = new AccountMigrations(accountStore, now, appUrl);
  app.route('/api/auth', authRoutes(authStores, now, { appUrl, trustProxy, strongAuthenticator, sessionEvents, accountMigrations }));
  app.route('/api/accounts', accountsRoutes(accountStore, authStores, now, { appUrl, trustProxy, strongAuthenticator }));
  app.route('/api/account', accountRoutes(accountStore, authStores.rateLimits, now, appUrl, sessionEvents, accountMigrations));
  for (const { name, routes } of modules) if (routes) app.route(`/api/${name}`, routes);

  // RxDB's protocol per collection (`/api/replication/<name>/pull|push|pull-stream`), and one
  // stream for all of them.
  const collections: Record<string, ReplicatedCollectionHandler<unknown, unknown>> = Object.assign({}, ...modules.map((module) => module.replication ?? {}));
  app.route(CHANGE_STREAM_PATH, changeStreamRoutes(streams, collections));
  for (const [name, collection] of Object.entries(collections)) app.route(`/api/replication/${name}`, replicationRoutes(streams, collection));

  // Errors are answered in the request's language (Accept-Language; French by default).
  app.notFound((c) => {
    varyOnLanguage(c);
    return c.json({ error: NOT_FOUND[requestLocale(c)] }, 404);
  });

  app.onError((error, c) => {
    const locale = requestLocale(c);
    varyOnLanguage(c);
    if (error instanceof ApiError) return c.json(localize({ error: error.error, ...cappedDetails(error.details) }, locale), error.status);
    // Hono's own refusals: their message when they have one (English, from the library).
    if (error instanceof HTTPException) return c.json({ error: error.message || REQUEST_REFUSED[locale] }, error.status);
    console.error('[sync-server] unexpected error', error);
    return c.json({ error: INTERNAL_ERROR[locale] }, 500);
  });

  return app;
}

/** The SQLite file as a back end: its stores, its outbox (sealed with `outboxKey` from now on). */
function sqliteBackend(db: SqliteDatabase, outboxKey: Buffer | null): Omit<ServerBackend, 'stores'> {
  useOutboxKey(db, outboxKey);
  return {
    database: { schemaVersion: async () => schemaVersion(db), readOutbox: async (limit) => readOutbox(db, limit) },
    authStores: sqliteAuthStores(db),
    accountStore: new SqliteAccountStore(db),
  };
}
