import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Subscription } from 'rxjs';
import type { Locale } from '../../../domain/i18n/index.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { deviceAccounts, type DeviceAccount } from '../../data/session/device-accounts.ts';
import { resumeSession, SESSION_STORAGE_KEY, sessionStorageArea, signOut, type Session } from '../../data/session/session.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { pluralCategory, translator } from '../../i18n/messages.ts';
import { ProviderSignOutEvent, SessionEndedEvent, SessionStartedEvent, SyncStatusChangedEvent } from './teleservices-provider.events.ts';
import { teleservicesProviderMessages } from './teleservices-provider.messages.ts';

export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  readonly server: string;
  readonly offline: boolean;
  readonly storage: 'dexie' | 'memory';
  readonly locale: Locale;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The token to open; the controller sets it to null when the session ends. */
  token: string | null;
  /** What the widgets receive (set by the controller: the runtime's services, or nothing). */
  services: TeleservicesServices | undefined;
  /** Signs out now (the host's own steps, then `SessionController.signOut`). */
  signOut(): Promise<void>;
}

export type SessionPhase = 'signed-out' | 'opening' | 'password-required' | 'migration-required' | 'ready';

/** How a person is named to the others of the device: « Dr Claire Martin » (and who acts for them). */
function personName(session: Session): string {
  const { user, actor } = session;
  const name = [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return actor ? `${[actor.civility, actor.firstName, actor.lastName].filter(Boolean).join(' ')} (${name})` : name;
}

/**
 * The data layer (the runtime: RxDB, Dexie, the core features), behind a dynamic import: a page
 * loads it after its first render (`hostConnected` asks for it), never in its first load.
 */
let dataLayerModule: Promise<typeof import('../../data/teleservices-runtime.ts') & typeof import('../../data/database.ts')> | null = null;
function dataLayer() {
  dataLayerModule ??= Promise.all([import('../../data/teleservices-runtime.ts'), import('../../data/database.ts')]).then(
    ([runtime, database]) => ({ ...runtime, ...database }),
    (error: unknown) => {
      // Not loaded (the network, a new version deployed): asked again next time.
      dataLayerModule = null;
      throw error;
    },
  );
  return dataLayerModule;
}

/**
 * The session's lifecycle for `<teleservices-provider>`: opens a token's session (from the
 * device when it is kept there, checked with the server afterwards), opens the runtime (database
 * and sync) and hands its services to the widgets, puts them away when the server refuses the
 * session or another tab ends it, and signs out (warning first about entries not yet accepted;
 * erasing the person's database when nothing is left to send). It also lists another person's
 * entries waiting on the device, with their confirmed deletion.
 */
export class SessionController implements ReactiveController {
  phase: SessionPhase = 'signed-out';
  /** What the sign-in says: the server's refusal, or the expired session. */
  error = '';
  /** The last attempt to open a session found no server (the sign-in then says it needs the network). */
  unreachable = false;
  /** The browser says it has no network (`navigator.onLine`). */
  browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  /** The first sign-in's welcome dialog is open. */
  welcoming = false;
  /**
   * A session that waits for a step before the widgets open: the personal password after a
   * temporary one (`password-required`), a former pharmacy or laboratory account's choice of kind
   * (`migration-required`).
   */
  pending: Session | null = null;
  /** `requestSignOut()` found entries not yet accepted by the server: the person chooses. */
  #signOutStep: 'confirm' | 'waiting' | null = null;
  /** The open session's entries the server has not accepted (waiting or refused), from the sync journal. */
  #unsent = 0;
  /** Another person's database whose deletion waits for a confirmation. */
  #discarding: string | null = null;
  /** The database of the person whose session just expired (not listed among the others: the notice speaks to them). */
  #expiredDatabase: string | null = null;
  /** The session kept on this device, opened from it without asking the server. */
  #stored: Session | null = null;
  #runtime: TeleservicesRuntime | null = null;
  #statusSubscription: Subscription | null = null;
  #opening: Promise<void> | null = null;
  /** The token being opened (or open): a session is opened once per token. */
  #openedToken: string | null = null;
  /** A session the sign-in form just obtained, so opening it needs no second request. */
  #freshSession: Session | null = null;
  /**
   * Bumped by each opening and by sign-out: an opening that finds it changed after an await was
   * overtaken (the user signed out meanwhile, or another token came) and opens nothing.
   */
  #generation = 0;
  /** The server answers in the provider's language, read at each request (it follows a change of `locale`). */
  readonly locale = (): Locale => this.host.locale;

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  #update(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // The data layer is not part of the page's first load; it is fetched now, while the page
    // renders and the person signs in, so that a session opens without waiting for it.
    void dataLayer().catch(() => undefined);
    window.addEventListener('online', this.#networkChanged);
    window.addEventListener('offline', this.#networkChanged);
    window.addEventListener('storage', this.#sessionChangedElsewhere);
    if (!this.host.token) {
      this.#stored = sessionStorageArea.load(this.host.server);
      if (this.#stored) this.host.token = this.#stored.token;
    }
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#networkChanged);
    window.removeEventListener('offline', this.#networkChanged);
    window.removeEventListener('storage', this.#sessionChangedElsewhere);
    this.#generation += 1;
    void this.#close();
  }

  /** The host's token changed: a new one opens its session (once per token). */
  tokenChanged(token: string | null): void {
    if (token && token !== this.#openedToken) {
      this.#openedToken = token;
      this.#opening = this.#openWithToken(token);
    }
  }

  /** The host's offline switch. */
  offlineChanged(offline: boolean): void {
    if (this.#runtime) void this.#runtime.setOffline(offline);
  }

  /** Resolves once the session and database are open (or opening failed). */
  get ready(): Promise<void> {
    return this.#opening ?? Promise.resolve();
  }

  get runtime(): TeleservicesRuntime | null {
    return this.#runtime;
  }

  /**
   * Another tab of the page signed out, or its session was refused, or another person signed in
   * there: this tab puts its widgets away too (what it holds stays in the database), so that it
   * never shows one person's data under another's session and lets a sign-out erase the database.
   */
  readonly #sessionChangedElsewhere = (event: StorageEvent): void => {
    const current = this.#runtime?.services.session;
    if (event.key !== SESSION_STORAGE_KEY || !current) return;
    // A session kept for another sync server (another provider of the origin) is not this one's:
    // only a session kept for this server, or this server's session removed, concerns this tab.
    const server = this.host.server;
    const keptFor = sessionStorageArea.serverOf(event.newValue);
    if (keptFor === null ? sessionStorageArea.serverOf(event.oldValue) !== server : keptFor !== server) return;
    const kept = sessionStorageArea.load(server);
    if (kept && kept.user.id === current.user.id && kept.actor?.id === current.actor?.id) {
      // The same person signed in again there (a renewed token): this tab takes it.
      if (kept.token !== current.token) {
        this.#stored = kept;
        this.host.token = kept.token;
      }
      return;
    }
    this.#generation += 1;
    void this.#close();
    this.#openedToken = null;
    this.host.token = null;
    this.phase = 'signed-out';
    this.#update();
    this.host.dispatchEvent(new SessionEndedEvent({ reason: 'sign-out' }));
  };

  readonly #networkChanged = (): void => {
    this.browserOnline = navigator.onLine;
    if (this.browserOnline) this.unreachable = false;
    this.#update();
  };

  /** See `TeleservicesProvider.requestSignOut`. */
  async requestSignOut(): Promise<void> {
    const journal = this.#runtime?.services.journal;
    const unsent = journal ? await journal.unsent() : 0;
    if (unsent === 0) return this.host.signOut();
    this.#unsent = unsent;
    this.#signOutStep = 'confirm';
    this.#update();
    // The choice takes the focus: the person who pressed « Se déconnecter » answers it first.
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLButtonElement>('button[name="wait-and-sign-out"]')?.focus();
  }

  /**
   * See `TeleservicesProvider.signOut`; `ownToken` is a délégué's own session, revoked too when
   * they sign out while acting for someone.
   */
  async signOut(ownToken: string | null): Promise<void> {
    const server = this.host.server;
    const token = this.host.services?.session.token ?? this.host.token;
    this.#generation += 1;
    const closing = this.#close({ signingOut: true });
    this.#openedToken = null;
    this.#stored = null;
    sessionStorageArea.clear();
    this.pending = null;
    this.host.token = null;
    this.welcoming = false;
    this.phase = 'signed-out';
    this.#update();
    this.host.dispatchEvent(new SessionEndedEvent({ reason: 'sign-out' }));
    const [, providerPage] = await Promise.all([closing, token ? signOut(server, token) : null, ownToken && ownToken !== token ? signOut(server, ownToken) : undefined]);
    // A Pro Santé Connect session: once the device is cleared, the provider's session ends too.
    if (providerPage) {
      const leaving = new ProviderSignOutEvent({ url: providerPage });
      this.host.dispatchEvent(leaving);
      if (!leaving.defaultPrevented) location.assign(providerPage);
    }
  }

  /**
   * Opens a token's session. A session kept on this device for that token opens from the device at
   * once, without asking the server (offline, after a reload or a restarted browser), and is checked
   * with the server afterwards; any other token is asked to the server first.
   */
  async #openWithToken(token: string): Promise<void> {
    const generation = ++this.#generation;
    this.phase = 'opening';
    this.error = '';
    this.#update();
    try {
      const fresh = this.#freshSession?.token === token ? this.#freshSession : null;
      this.#freshSession = null;
      const stored = fresh ? null : this.#stored?.token === token ? this.#stored : null;
      this.#stored = null;
      const session = fresh ?? stored ?? (await resumeSession(this.host.server, token, this.locale));
      if (generation !== this.#generation) return;
      if (session.user.passwordChangeRequired || session.user.accountMigration?.status === 'choice_required') {
        this.pending = session;
        this.phase = session.user.passwordChangeRequired ? 'password-required' : 'migration-required';
        this.#update();
        return;
      }
      await this.#start(session, generation);
      // The host's offline switch: nothing is sent; a refusal comes with the first request once it is off.
      if (stored && !this.host.offline) void this.#check(stored, generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#openedToken = null;
      this.phase = 'signed-out';
      this.unreachable = error instanceof ApiRequestError && error.kind === 'offline';
      this.error = error instanceof ApiRequestError && error.kind === 'offline' ? '' : error instanceof ApiRequestError ? error.message : String(error);
      this.#update();
      if (error instanceof ApiRequestError && error.kind === 'unauthorized') {
        this.#forgetKept(token);
        this.host.dispatchEvent(new SessionEndedEvent({ reason: 'refused' }));
      }
    }
  }

  /**
   * The server's word on a session opened from the device: still valid, it is kept up to date; refused
   * (expired, closed), the person is asked to sign in again. Offline, the session goes on locally —
   * the first request the server refuses later, on reconnection, asks them then (`onSessionExpired`).
   */
  async #check(stored: Session, generation: number): Promise<void> {
    try {
      const current = await resumeSession(this.host.server, stored.token, this.locale);
      if (generation === this.#generation) sessionStorageArea.save(this.host.server, current);
    } catch (error) {
      if (error instanceof ApiRequestError && error.kind === 'unauthorized') await this.#expire(generation);
    }
  }

  /** Forgets the kept session if it is still this token's (another tab may have kept a newer one). */
  #forgetKept(token: string): void {
    if (sessionStorageArea.load(this.host.server)?.token === token) sessionStorageArea.clear();
  }

  /**
   * The server refused the open session's token (expired while offline, or closed elsewhere): the
   * widgets are put away, the sign-in form says so, and the person's entries stay in their database
   * — the same person signing in again sends them under the new session; anyone else never does.
   */
  async #expire(generation: number): Promise<void> {
    if (generation !== this.#generation || !this.#runtime) return;
    this.#generation += 1;
    const runtime = this.#runtime;
    const unsent = await runtime.services.journal.unsent().catch(() => 0);
    this.#expiredDatabase = runtime.db.name;
    this.#forgetKept(runtime.services.session.token);
    this.#openedToken = null;
    this.host.token = null;
    this.#signOutStep = null;
    await this.#close();
    const locale = this.host.locale;
    const t = translator(teleservicesProviderMessages, locale);
    this.phase = 'signed-out';
    this.error = unsent > 0 ? t(`sessionExpired.${pluralCategory(locale, unsent)}`, { count: unsent }) : t('sessionExpiredNothing');
    this.#update();
    this.host.dispatchEvent(new SessionEndedEvent({ reason: 'refused' }));
  }

  async #start(session: Session, generation: number): Promise<void> {
    await this.#close();
    if (generation !== this.#generation) return;
    const { TeleservicesRuntime } = await dataLayer();
    const runtime = await TeleservicesRuntime.open({
      server: this.host.server,
      session,
      storage: this.host.storage,
      offline: this.host.offline,
      locale: this.locale,
      onSessionExpired: () => void this.#expire(generation),
    });
    if (generation !== this.#generation) {
      // Signed out (or another token came) while the database opened: nothing of it is shown or kept.
      await runtime.close();
      return;
    }
    sessionStorageArea.save(this.host.server, session);
    this.#runtime = runtime;
    this.unreachable = false;
    this.#expiredDatabase = null;
    // The host's offline switch may have moved while the database opened.
    void runtime.setOffline(this.host.offline);
    const account = { database: runtime.db.name, userId: session.user.id, name: personName(session) };
    this.#statusSubscription = runtime.syncStatus$.subscribe((status) => {
      this.#unsent = status.pending + status.refused;
      deviceAccounts.record({ ...account, unsent: this.#unsent });
      if (this.#signOutStep === 'waiting' && this.#unsent === 0) void this.host.signOut();
      this.#update();
      this.host.dispatchEvent(new SyncStatusChangedEvent(status));
    });
    // Again when a feature joins (an element the host page loads later).
    this.#statusSubscription.add(runtime.services$.subscribe((services) => (this.host.services = services)));
    this.welcoming = session.user.firstSignIn === true || session.user.ownEmailRequired === true || session.user.accountMigration?.status === 'migrated';
    this.phase = 'ready';
    this.#update();
    this.host.dispatchEvent(new SessionStartedEvent({ userId: session.user.id, role: session.user.role }));
  }

  /**
   * Takes the services away from the widgets at once, then closes the database and the sync. On a
   * sign-out with nothing left unsent, the person's database is deleted from the device.
   */
  async #close({ signingOut = false }: { signingOut?: boolean } = {}): Promise<void> {
    this.#statusSubscription?.unsubscribe();
    this.#statusSubscription = null;
    const runtime = this.#runtime;
    this.#runtime = null;
    this.host.services = undefined;
    this.#signOutStep = null;
    this.#update();
    if (!runtime) return;
    const session = runtime.services.session;
    const unsent = signingOut ? await runtime.services.journal.unsent().catch(() => 1) : 1;
    const wipe = signingOut && unsent === 0;
    if (signingOut && !wipe) deviceAccounts.record({ database: runtime.db.name, userId: session.user.id, name: personName(session), unsent });
    await runtime.close({ wipe });
    if (wipe) deviceAccounts.forget(runtime.db.name);
  }

  /** A session the sign-in form (or the account creation) just obtained: opened without a second request. */
  async openFresh(session: Session): Promise<void> {
    this.#freshSession = session;
    this.host.token = session.token;
    await this.host.updateComplete;
    await this.#opening;
  }

  /** The personal password replaced the temporary one: the pending session opens. */
  passwordChosen(): Promise<void> {
    return this.#openPending({ passwordChangeRequired: false });
  }

  /**
   * A former account's kind was chosen and its change read: the pending session opens as the
   * server now describes the account (an administrative account bears the structure's name), or
   * with the kind chosen when the server cannot be asked.
   */
  async migrationChosen(accountKind: string): Promise<void> {
    const pending = this.pending;
    const fresh = pending ? await resumeSession(this.host.server, pending.token, this.locale).catch(() => null) : null;
    if (pending !== this.pending) return;
    return this.#openPending({ ...fresh?.user, accountKind, accountMigration: null });
  }

  async #openPending(user: Partial<Session['user']>): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.phase = 'opening';
    this.#update();
    try {
      await this.#start({ ...pending, user: { ...pending.user, ...user } }, this.#generation);
    } catch (error) {
      this.phase = 'signed-out';
      this.error = error instanceof Error ? error.message : String(error);
      this.#update();
    }
  }

  /** Another person's entries waiting on this device, each with its confirmed deletion. */
  othersWaiting(): TemplateResult | typeof nothing {
    const current = this.#runtime?.db.name ?? this.#expiredDatabase;
    const others = deviceAccounts.list().filter((account) => account.database !== current && account.unsent > 0);
    if (others.length === 0) return nothing;
    const locale = this.host.locale;
    const t = translator(teleservicesProviderMessages, locale);
    return html`<div class="others" part="others-waiting">
      ${others.map(
        (account) => html`<div class="other" role="status">
          <p>${t(`othersWaiting.${pluralCategory(locale, account.unsent)}`, { count: account.unsent, name: account.name })}</p>
          ${this.#discarding === account.database
            ? html`<p role="alert">${t('discardConfirm', { name: account.name })}</p>
                <div class="actions">
                  <button part="button" type="button" name="discard-confirm" @click=${() => void this.#discard(account)}>${t('discardConfirmButton')}</button>
                  <button
                    part="button"
                    type="button"
                    name="discard-cancel"
                    @click=${() => {
                      this.#discarding = null;
                      this.#update();
                    }}
                  >
                    ${t('discardCancel')}
                  </button>
                </div>`
            : html`<div class="actions"><button part="button" type="button" name="discard" @click=${() => void this.#askDiscard(account.database)}>${t('discard')}</button></div>`}
        </div>`,
      )}
    </div>`;
  }

  /** The confirmation takes the focus on « Garder », the choice that loses nothing. */
  async #askDiscard(database: string): Promise<void> {
    this.#discarding = database;
    this.#update();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLButtonElement>('button[name="discard-cancel"]')?.focus();
  }

  async #discard(account: DeviceAccount): Promise<void> {
    this.#discarding = null;
    this.#update();
    const { removeTeleservicesDatabase } = await dataLayer();
    await removeTeleservicesDatabase({ name: account.database, storage: this.host.storage });
    deviceAccounts.forget(account.database);
    this.#update();
  }

  /** `requestSignOut()`'s warning: wait, sign out anyway, or cancel. */
  signOutWarning(): TemplateResult | typeof nothing {
    const step = this.#signOutStep;
    if (!step) return nothing;
    const locale = this.host.locale;
    const t = translator(teleservicesProviderMessages, locale);
    const plural = pluralCategory(locale, this.#unsent);
    const choose = (next: 'waiting' | null) => () => {
      this.#signOutStep = next;
      this.#update();
    };
    return html`<div class="sign-out-warning" part="sign-out-warning" role="alert">
      <p>${step === 'waiting' ? t(`waiting.${plural}`, { count: this.#unsent }) : t(`unsentWarning.${plural}`, { count: this.#unsent })}</p>
      ${step === 'confirm' ? html`<p>${t('unsentHint')}</p>` : nothing}
      <div class="actions">
        ${step === 'confirm' ? html`<button part="button" type="button" name="wait-and-sign-out" @click=${choose('waiting')}>${t('waitAndSignOut')}</button>` : nothing}
        <button part="button" type="button" name="sign-out-now" @click=${() => void this.host.signOut()}>${t('signOutNow')}</button>
        <button part="button" type="button" name="cancel-sign-out" @click=${choose(null)}>${t('cancelSignOut')}</button>
      </div>
    </div>`;
  }
}
