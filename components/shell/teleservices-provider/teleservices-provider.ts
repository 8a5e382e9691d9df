import { provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import { formatDate } from '../../../domain/validation/dates.ts';
import { toLocale, type Locale } from '../../../domain/i18n/index.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { AccountCreatedEvent } from '../../account/account-create/account-create.events.ts';
import type { AccountCreateRequestEvent, AccountSignedInEvent } from '../../account/account-sign-in/account-sign-in.events.ts';
import type { DelegationActRequestEvent } from '../../delegation/delegation-dashboard/delegation-dashboard.ts';
import { ApiClient } from '../../data/replication/api-client.ts';
import { AccountApi } from '../../data/session/account-api.ts';
import { removeTeleservicesDatabase } from '../../data/database.ts';
import { deviceAccounts, type DeviceAccount } from '../../data/session/device-accounts.ts';
import { resumeSession, SESSION_STORAGE_KEY, sessionStorageArea, signOut, type Session } from '../../data/session/session.ts';
import type { CardProof } from '../../data/session/strong-auth.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { localeContext } from '../../i18n/locale-context.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator } from '../../i18n/messages.ts';
import { FORWARDED_PARTS } from '../../styles/parts.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { ProviderSignOutEvent, SessionEndedEvent, SessionStartedEvent, SyncStatusChangedEvent } from './teleservices-provider.events.ts';
import { teleservicesProviderMessages } from './teleservices-provider.messages.ts';
import { teleservicesProviderStyles } from './teleservices-provider.styles.ts';

/**
 * The elements the provider shows only on some paths, loaded when first needed: a page that passes
 * a token (or opens a session kept on the device) never downloads the sign-in, account creation,
 * reset or validation.
 */
const ON_DEMAND_ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'account-sign-in': () => import('../../account/account-sign-in/account-sign-in.ts'),
  'account-create': () => import('../../account/account-create/account-create.ts'),
  'account-password-reset': () => import('../../account/account-password-reset/account-password-reset.ts'),
  'account-email-validation': () => import('../../account/account-email-validation/account-email-validation.ts'),
  'account-welcome': () => import('../../account/account-welcome/account-welcome.ts'),
  'delegation-invitation': () => import('../../delegation/delegation-invitation/delegation-invitation.ts'),
};

/** Where the délégué's own token waits while they act for a délégant (to come back to it). */
const ACTING_FROM_KEY = 'teleservices.actingFrom';

/**
 * The host of the teleservices widgets. It signs the user in (or takes a token from the host
 * page), opens the user's local database, starts the replication with the sync server, and
 * provides the repositories, the session and the sync status to every widget inside it.
 *
 * @summary Session, local database and sync for the widgets it contains.
 *
 * @slot - The widgets, shown once a session is open.
 *
 * @csspart sign-in - The `<account-sign-in>` shown when there is no session, or `<account-create>` /
 *   `<account-password-reset>` in its place (their shared parts are forwarded).
 * @csspart welcome - The first sign-in's `<account-welcome>` (its parts forwarded too).
 * @csspart button - « Revenir à mon compte » in the acting banner; the shown account elements' buttons are forwarded.
 * @csspart email-validation - The result of an e-mail validation link (`validation-token`).
 * @csspart delegation-invitation - The délégué's answer to a delegation link (`delegation-token`).
 * @csspart acting-banner - "Vous agissez pour le compte de…", with « Revenir à mon compte ».
 * @csspart sign-out-warning - `requestSignOut()` with entries not yet accepted by the server: wait, sign out anyway, or cancel.
 * @csspart others-waiting - Another person's entries waiting on this device (sent only when they sign in again), with their confirmed deletion.
 *
 * @fires session-started - A session opened; `detail: {userId, role}`.
 * @fires session-ended - The session ended; `detail: {reason: 'sign-out' | 'refused'}`.
 * @fires provider-sign-out - Signed out of a Pro Santé Connect session (cancelable): the page then leaves for the provider's sign-out page; `detail: {url}`.
 * @fires sync-status-changed - The sync status changed; `detail` is the SyncStatus.
 */
@customElement('teleservices-provider')
export class TeleservicesProvider extends LocalizedElement {
  static override styles = [baseStyles, teleservicesProviderStyles];

  /** The sync server's origin ('' = the page's own origin, e.g. behind the same reverse proxy). */
  @property() server = '';

  /** A session token obtained by the host page's back end; replaces the sign-in form. */
  @property({ attribute: false }) token: string | null = null;

  /** Forces offline: nothing is sent or received, everything keeps working on local data. */
  @property({ type: Boolean, reflect: true }) offline = false;

  /** Local storage of the data: `dexie` (IndexedDB, the default) or `memory` (tests, kiosks). */
  @property() storage: 'dexie' | 'memory' = 'dexie';

  @provide({ context: teleservicesContext })
  @state()
  services: TeleservicesServices | undefined;

  @provide({ context: localeContext })
  @state()
  protected providedLocaleForChildren: Locale = 'fr';

  @state() private phase: 'signed-out' | 'opening' | 'password-required' | 'ready' = 'signed-out';
  @state() private error = '';

  /**
   * The token of an e-mailed password-reset link: the provider shows the new-password form
   * instead of the sign-in (the host reads it from its URL).
   */
  @property({ attribute: 'reset-token' }) resetToken = '';

  @state() private resetRequested = false;

  /**
   * The token of an e-mailed "Valider adresse e-mail" link: the provider follows it and says
   * the result, above the sign-in or the widgets (the host reads it from its URL).
   */
  @property({ attribute: 'validation-token' }) validationToken = '';

  /** "Créer un compte" was asked (with the card the sign-in read, if any). */
  @state() private creating: { card: CardProof | null } | null = null;

  /**
   * The token of an e-mailed delegation invitation (`#delegation?token=…`): the provider shows
   * `<delegation-invitation>` (the délégué answers, or creates their account).
   */
  @property({ attribute: 'delegation-token' }) delegationToken = '';

  /** Why « Agir pour le compte de… » failed, shown above the widgets. */
  @state() private actError = '';
  /** The delegation profiles' names, loaded only for a délégué acting for someone. */
  @state() private profileLabels: Readonly<Record<string, { fr: string; en: string }>> | null = null;

  /** An element shown on demand could not be loaded (network down while the page is old). */
  @state() private loadError = '';
  readonly #loadingElements = new Set<string>();
  /** Elements whose loading failed: tried again only when the user asks (« Réessayer »). */
  readonly #failedElements = new Set<string>();

  /** The first sign-in's welcome dialog is open. */
  @state() private welcoming = false;

  /** A session opened with the temporary password: the widgets wait for the personal one. */
  #passwordPending: Session | null = null;

  /** `requestSignOut()` found entries not yet accepted by the server: the person chooses. */
  @state() private signOutStep: 'confirm' | 'waiting' | null = null;
  /** The open session's entries the server has not accepted (waiting or refused), from the sync journal. */
  @state() private unsent = 0;
  /** Another person's database whose deletion waits for a confirmation. */
  @state() private discarding: string | null = null;
  /** The browser says it has no network (`navigator.onLine`). */
  @state() private browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  /** The last attempt to open a session found no server (the sign-in then says it needs the network). */
  @state() private unreachable = false;
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
   * The délégué's own token while they act for someone (also kept in localStorage, to come back
   * after a reload): held here first, so another page of the origin clearing its storage does not
   * strand this one in the delegated session.
   */
  #actingFrom: string | null = null;
  /**
   * Bumped by each opening and by sign-out: an opening that finds it changed after an await was
   * overtaken (the user signed out meanwhile, or another token came) and opens nothing.
   */
  #generation = 0;
  /** The server answers in the provider's language, read at each request (it follows a change of `locale`). */
  readonly #locale = (): Locale => this.locale;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('delegation-act-request', this.#actFor);
    window.addEventListener('online', this.#networkChanged);
    window.addEventListener('offline', this.#networkChanged);
    window.addEventListener('storage', this.#sessionChangedElsewhere);
    if (!this.token) {
      this.#stored = sessionStorageArea.load(this.server);
      if (this.#stored) this.token = this.#stored.token;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('delegation-act-request', this.#actFor);
    window.removeEventListener('online', this.#networkChanged);
    window.removeEventListener('offline', this.#networkChanged);
    window.removeEventListener('storage', this.#sessionChangedElsewhere);
    this.#generation += 1;
    void this.#close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.providedLocaleForChildren = this.locale;
    if (changed.has('token') && this.token && this.token !== this.#openedToken) {
      this.#openedToken = this.token;
      this.#opening = this.#openWithToken(this.token);
    }
    if (changed.has('offline') && this.#runtime) void this.#runtime.setOffline(this.offline);
  }

  /** Resolves once the session and database are open (or opening failed). */
  get ready(): Promise<void> {
    return this.#opening ?? Promise.resolve();
  }

  /** The runtime (database + replication), for hosts and tests that need more than the context. */
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
    const keptFor = sessionStorageArea.serverOf(event.newValue);
    if (keptFor === null ? sessionStorageArea.serverOf(event.oldValue) !== this.server : keptFor !== this.server) return;
    const kept = sessionStorageArea.load(this.server);
    if (kept && kept.user.id === current.user.id && kept.actor?.id === current.actor?.id) {
      // The same person signed in again there (a renewed token): this tab takes it.
      if (kept.token !== current.token) {
        this.#stored = kept;
        this.token = kept.token;
      }
      return;
    }
    this.#generation += 1;
    void this.#close();
    this.#openedToken = null;
    this.token = null;
    this.phase = 'signed-out';
    this.dispatchEvent(new SessionEndedEvent({ reason: 'sign-out' }));
  };

  readonly #networkChanged = (): void => {
    this.browserOnline = navigator.onLine;
    if (this.browserOnline) this.unreachable = false;
  };

  /**
   * What a « Se déconnecter » button calls. With every entry accepted by the server, it signs out
   * (`signOut()`). With entries still waiting (or refused), it first warns and offers to wait:
   * « Attendre l’envoi puis me déconnecter » signs out once the last one is accepted; « Me
   * déconnecter sans attendre » leaves them on the device, in the person's name, for their return.
   */
  async requestSignOut(): Promise<void> {
    const journal = this.#runtime?.services.journal;
    const unsent = journal ? await journal.unsent() : 0;
    if (unsent === 0) return this.signOut();
    this.unsent = unsent;
    this.signOutStep = 'confirm';
    // The choice takes the focus: the person who pressed « Se déconnecter » answers it first.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button[name="wait-and-sign-out"]')?.focus();
  }

  /**
   * Signs out now: the sign-in form is back at once, then the token is revoked on the server (when
   * it answers; offline, it expires on its own). If the server has accepted every entry of the
   * person, their data is erased from the device (their local database: files, messages,
   * delegations, sync journal; and the kept session), so the next person of a shared computer
   * cannot read it. Entries not yet accepted are never lost: they stay on the device, in the
   * person's name, until they sign in here again.
   */
  async signOut(): Promise<void> {
    const token = this.services?.session.token ?? this.token;
    // Signing out while acting for someone ends the délégué's own session too.
    const ownToken = this.#takeActingFrom();
    this.#generation += 1;
    const closing = this.#close({ signingOut: true });
    this.#openedToken = null;
    this.#stored = null;
    sessionStorageArea.clear();
    this.#passwordPending = null;
    this.token = null;
    this.welcoming = false;
    this.creating = null;
    this.phase = 'signed-out';
    this.dispatchEvent(new SessionEndedEvent({ reason: 'sign-out' }));
    const [, providerPage] = await Promise.all([closing, token ? signOut(this.server, token) : null, ownToken && ownToken !== token ? signOut(this.server, ownToken) : undefined]);
    // A Pro Santé Connect session: once the device is cleared, the provider's session ends too.
    if (providerPage) {
      const leaving = new ProviderSignOutEvent({ url: providerPage });
      this.dispatchEvent(leaving);
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
    try {
      const fresh = this.#freshSession?.token === token ? this.#freshSession : null;
      this.#freshSession = null;
      const stored = fresh ? null : this.#stored?.token === token ? this.#stored : null;
      this.#stored = null;
      const session = fresh ?? stored ?? (await resumeSession(this.server, token, this.#locale));
      if (generation !== this.#generation) return;
      if (session.user.passwordChangeRequired) {
        this.#passwordPending = session;
        this.phase = 'password-required';
        return;
      }
      await this.#start(session, generation);
      // The host's offline switch: nothing is sent; a refusal comes with the first request once it is off.
      if (stored && !this.offline) void this.#check(stored, generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#openedToken = null;
      this.phase = 'signed-out';
      this.unreachable = error instanceof ApiRequestError && error.kind === 'offline';
      this.error = error instanceof ApiRequestError && error.kind === 'offline' ? '' : error instanceof ApiRequestError ? error.message : String(error);
      if (error instanceof ApiRequestError && error.kind === 'unauthorized') {
        this.#forgetKept(token);
        this.dispatchEvent(new SessionEndedEvent({ reason: 'refused' }));
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
      const current = await resumeSession(this.server, stored.token, this.#locale);
      if (generation === this.#generation) sessionStorageArea.save(this.server, current);
    } catch (error) {
      if (error instanceof ApiRequestError && error.kind === 'unauthorized') await this.#expire(generation);
    }
  }

  /** Forgets the kept session if it is still this token's (another tab may have kept a newer one). */
  #forgetKept(token: string): void {
    if (sessionStorageArea.load(this.server)?.token === token) sessionStorageArea.clear();
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
    this.token = null;
    this.signOutStep = null;
    await this.#close();
    const t = translator(teleservicesProviderMessages, this.locale);
    this.phase = 'signed-out';
    this.error = unsent > 0 ? t(`sessionExpired.${pluralCategory(this.locale, unsent)}`, { count: unsent }) : t('sessionExpiredNothing');
    this.dispatchEvent(new SessionEndedEvent({ reason: 'refused' }));
  }

  async #start(session: Session, generation: number): Promise<void> {
    await this.#close();
    if (generation !== this.#generation) return;
    const runtime = await TeleservicesRuntime.open({
      server: this.server,
      session,
      storage: this.storage,
      offline: this.offline,
      locale: this.#locale,
      onSessionExpired: () => void this.#expire(generation),
    });
    if (generation !== this.#generation) {
      // Signed out (or another token came) while the database opened: nothing of it is shown or kept.
      await runtime.close();
      return;
    }
    sessionStorageArea.save(this.server, session);
    this.#runtime = runtime;
    this.unreachable = false;
    this.#expiredDatabase = null;
    // The host's offline switch may have moved while the database opened.
    void runtime.setOffline(this.offline);
    const account = { database: runtime.db.name, userId: session.user.id, name: personName(session) };
    this.#statusSubscription = this.#runtime.syncStatus$.subscribe((status) => {
      this.unsent = status.pending + status.refused;
      deviceAccounts.record({ ...account, unsent: this.unsent });
      if (this.signOutStep === 'waiting' && this.unsent === 0) void this.signOut();
      this.dispatchEvent(new SyncStatusChangedEvent(status));
    });
    // Again when a feature joins (an element the host page loads later).
    this.#statusSubscription.add(this.#runtime.services$.subscribe((services) => (this.services = services)));
    this.welcoming = session.user.firstSignIn === true;
    this.phase = 'ready';
    this.dispatchEvent(new SessionStartedEvent({ userId: session.user.id, role: session.user.role }));
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
    this.services = undefined;
    this.signOutStep = null;
    if (!runtime) return;
    const session = runtime.services.session;
    const unsent = signingOut ? await runtime.services.journal.unsent().catch(() => 1) : 1;
    const wipe = signingOut && unsent === 0;
    if (signingOut && !wipe) deviceAccounts.record({ database: runtime.db.name, userId: session.user.id, name: personName(session), unsent });
    await runtime.close({ wipe });
    if (wipe) deviceAccounts.forget(runtime.db.name);
  }

  /** Another person's entries waiting on this device, each with its confirmed deletion. */
  #othersWaiting() {
    const current = this.#runtime?.db.name ?? this.#expiredDatabase;
    const others = deviceAccounts.list().filter((account) => account.database !== current && account.unsent > 0);
    if (others.length === 0) return nothing;
    const t = translator(teleservicesProviderMessages, this.locale);
    return html`<div class="others" part="others-waiting">
      ${others.map(
        (account) => html`<div class="other" role="status">
          <p>${t(`othersWaiting.${pluralCategory(this.locale, account.unsent)}`, { count: account.unsent, name: account.name })}</p>
          ${this.discarding === account.database
            ? html`<p role="alert">${t('discardConfirm', { name: account.name })}</p>
                <div class="actions">
                  <button part="button" type="button" name="discard-confirm" @click=${() => void this.#discard(account)}>${t('discardConfirmButton')}</button>
                  <button part="button" type="button" name="discard-cancel" @click=${() => (this.discarding = null)}>${t('discardCancel')}</button>
                </div>`
            : html`<div class="actions"><button part="button" type="button" name="discard" @click=${() => void this.#askDiscard(account.database)}>${t('discard')}</button></div>`}
        </div>`,
      )}
    </div>`;
  }

  /** The confirmation takes the focus on « Garder », the choice that loses nothing. */
  async #askDiscard(database: string): Promise<void> {
    this.discarding = database;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button[name="discard-cancel"]')?.focus();
  }

  async #discard(account: DeviceAccount): Promise<void> {
    this.discarding = null;
    await removeTeleservicesDatabase({ name: account.database, storage: this.storage });
    deviceAccounts.forget(account.database);
    this.requestUpdate();
  }

  #signOutWarning() {
    if (!this.signOutStep) return nothing;
    const t = translator(teleservicesProviderMessages, this.locale);
    const plural = pluralCategory(this.locale, this.unsent);
    const cancel = () => (this.signOutStep = null);
    return html`<div class="sign-out-warning" part="sign-out-warning" role="alert">
      <p>${this.signOutStep === 'waiting' ? t(`waiting.${plural}`, { count: this.unsent }) : t(`unsentWarning.${plural}`, { count: this.unsent })}</p>
      ${this.signOutStep === 'confirm' ? html`<p>${t('unsentHint')}</p>` : nothing}
      <div class="actions">
        ${this.signOutStep === 'confirm'
          ? html`<button part="button" type="button" name="wait-and-sign-out" @click=${() => (this.signOutStep = 'waiting')}>${t('waitAndSignOut')}</button>`
          : nothing}
        <button part="button" type="button" name="sign-out-now" @click=${() => void this.signOut()}>${t('signOutNow')}</button>
        <button part="button" type="button" name="cancel-sign-out" @click=${cancel}>${t('cancelSignOut')}</button>
      </div>
    </div>`;
  }

  async #signedIn(event: AccountSignedInEvent): Promise<void> {
    event.stopPropagation();
    const { session } = event.detail;
    this.#freshSession = session;
    this.token = session.token;
    await this.updateComplete;
    await this.#opening;
  }

  async #accountCreated(event: AccountCreatedEvent): Promise<void> {
    event.stopPropagation();
    this.creating = null;
    this.#freshSession = event.detail.session;
    this.token = event.detail.session.token;
    await this.updateComplete;
    await this.#opening;
  }

  async #passwordChosen(): Promise<void> {
    const pending = this.#passwordPending;
    this.#passwordPending = null;
    if (!pending) return;
    this.phase = 'opening';
    try {
      await this.#start({ ...pending, user: { ...pending.user, passwordChangeRequired: false } }, this.#generation);
    } catch (error) {
      this.phase = 'signed-out';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #welcome() {
    const session = this.#passwordPending ?? this.services?.session;
    if (!session) return nothing;
    if (!this.#defined('account-welcome')) return this.#loading();
    const user = session.user;
    const api = this.services?.account ?? new AccountApi(new ApiClient({ server: this.server, token: () => session.token, locale: this.#locale }));
    return html`<account-welcome
      part="welcome"
      exportparts=${FORWARDED_PARTS}
      .api=${api}
      ?password-required=${this.phase === 'password-required'}
      ?email-pending=${!user.emailVerified}
      name=${[user.civility, user.firstName, user.lastName].filter(Boolean).join(' ')}
      @account-password-chosen=${() => void this.#passwordChosen()}
      @account-welcome-closed=${() => (this.welcoming = false)}
    ></account-welcome>`;
  }

  /**
   * « Agir pour le compte de… » from `<delegation-dashboard>`: opens the délégué's delegated
   * session (the délégant's services, in the delegation's structures); the délégué's own token is
   * kept on this device to come back with `stopActing()`.
   */
  readonly #actFor = async (event: Event): Promise<void> => {
    const { delegationId } = (event as DelegationActRequestEvent).detail;
    const services = this.services;
    if (!services || services.session.actor) return;
    this.actError = '';
    try {
      // The request comes from the delegation dashboard, whose feature gives the commands.
      const { token } = await services.delegationCommands.actFor(delegationId);
      this.#actingFrom = services.session.token;
      localStorage.setItem(ACTING_FROM_KEY, services.session.token);
      this.token = token;
    } catch (error) {
      this.actError = translator(teleservicesProviderMessages, this.locale)('actFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
  };

  /** The délégué's own token kept while acting (memory first, then storage), forgotten at once. */
  #takeActingFrom(): string | null {
    const own = this.#actingFrom ?? localStorage.getItem(ACTING_FROM_KEY);
    this.#actingFrom = null;
    localStorage.removeItem(ACTING_FROM_KEY);
    return own;
  }

  /** Back to the délégué's own account: the delegated session is revoked. */
  async stopActing(): Promise<void> {
    const own = this.#takeActingFrom();
    const delegated = this.services?.session.actor ? this.services.session.token : null;
    if (delegated) void signOut(this.server, delegated);
    if (own) this.token = own;
    else await this.signOut();
  }

  #actingBanner() {
    const session = this.services?.session;
    const t = translator(teleservicesProviderMessages, this.locale);
    const error = this.actError ? html`<p class="act-error" role="alert">${this.actError}</p>` : nothing;
    if (!session?.actor || !session.delegation) return error;
    if (!this.profileLabels) {
      // Delegation code is loaded only by the pages of a délégué acting for someone.
      void import('../../../domain/delegation/delegation.ts').then(({ DELEGATION_PROFILE_DEFINITIONS }) => {
        this.profileLabels = Object.fromEntries(Object.entries(DELEGATION_PROFILE_DEFINITIONS).map(([key, definition]) => [key, definition.label]));
      });
    }
    const profile = this.profileLabels?.[session.delegation.profile]?.[this.locale] ?? session.delegation.profile;
    const who = [session.user.civility, session.user.firstName, session.user.lastName].filter(Boolean).join(' ');
    return html`${error}<div class="acting" part="acting-banner" role="status">
      <span>${t('acting', { who, profile, until: formatDate(session.delegation.validUntil, this.locale) })}</span>
      <button part="button" type="button" name="stop-acting" @click=${() => void this.stopActing()}>${t('stopActing')}</button>
    </div>`;
  }

  #invitation() {
    // Loaded only when a delegation link is followed: a page without delegations never loads it.
    if (!this.#defined('delegation-invitation')) return this.#loading();
    return html`<delegation-invitation
      part="delegation-invitation"
      exportparts=${FORWARDED_PARTS}
      .server=${this.server}
      .token=${this.delegationToken}
      @delegation-invitation-closed=${() => (this.delegationToken = '')}
    ></delegation-invitation>`;
  }

  #validation() {
    if (!this.validationToken) return nothing;
    if (!this.#defined('account-email-validation')) return this.#loading();
    return html`<account-email-validation
      part="email-validation"
      exportparts=${FORWARDED_PARTS}
      .server=${this.server}
      .token=${this.validationToken}
      @email-validation-closed=${() => (this.validationToken = '')}
    ></account-email-validation>`;
  }

  override render() {
    const retry = () => {
      this.#failedElements.clear();
      this.loadError = '';
    };
    const loadError = this.loadError
      ? html`<p class="act-error" role="alert">${this.loadError} <button part="button" type="button" name="retry-load" @click=${retry}>${translator(teleservicesProviderMessages, this.locale)('retryLoad')}</button></p>`
      : nothing;
    return html`${loadError}${this.#validation()}${this.#body()}`;
  }

  /** Whether `tag` is defined; if not, loads it (once at a time) and renders again when it is. */
  #defined(tag: string): boolean {
    if (customElements.get(tag)) return true;
    if (!this.#loadingElements.has(tag) && !this.#failedElements.has(tag)) {
      this.#loadingElements.add(tag);
      void ON_DEMAND_ELEMENTS[tag]!().then(
        () => (this.loadError = ''),
        (error: unknown) => {
          this.#failedElements.add(tag);
          this.loadError = translator(teleservicesProviderMessages, this.locale)('loadFailed', { reason: error instanceof Error ? error.message : String(error) });
        },
      ).finally(() => {
        this.#loadingElements.delete(tag);
        this.requestUpdate();
      });
    }
    return false;
  }

  #loading() {
    return html`<p class="opening" role="status">${translator(teleservicesProviderMessages, this.locale)('loading')}</p>`;
  }

  #body() {
    const t = translator(teleservicesProviderMessages, this.locale);
    if (this.delegationToken) return this.#invitation();
    if (this.phase === 'ready') return html`${this.#signOutWarning()}${this.#othersWaiting()}${this.#actingBanner()}<slot></slot>${this.welcoming ? this.#welcome() : nothing}`;
    if (this.phase === 'password-required') return this.#welcome();
    if (this.phase === 'opening') return html`<p class="opening" role="status">${t('opening')}</p>`;
    if (this.creating) {
      if (!this.#defined('account-create')) return this.#loading();
      return html`<account-create
        part="sign-in"
        exportparts=${FORWARDED_PARTS}
        .server=${this.server}
        .card=${this.creating.card}
        @account-created=${this.#accountCreated}
        @account-create-cancelled=${() => (this.creating = null)}
      ></account-create>`;
    }
    if (this.resetToken || this.resetRequested) {
      const back = () => {
        this.resetToken = '';
        this.resetRequested = false;
      };
      if (!this.#defined('account-password-reset')) return this.#loading();
      return html`<account-password-reset
        part="sign-in"
        exportparts=${FORWARDED_PARTS}
        .server=${this.server}
        .token=${this.resetToken}
        @password-reset-cancelled=${back}
        @password-reset-completed=${() => setTimeout(back, 4000)}
      ></account-password-reset>`;
    }
    if (!this.#defined('account-sign-in')) return html`${this.#othersWaiting()}${this.#loading()}`;
    return html`${this.#othersWaiting()}<account-sign-in
      part="sign-in"
      exportparts=${FORWARDED_PARTS}
      .server=${this.server}
      ?offline=${this.offline || !this.browserOnline || this.unreachable}
      .notice=${this.error}
      @account-signed-in=${this.#signedIn}
      @password-reset-request=${(e: Event) =>
        // After the dispatch, so that the host page's own listener may still call preventDefault().
        queueMicrotask(() => {
          if (!e.defaultPrevented) this.resetRequested = true;
        })}
      @account-create-request=${(e: AccountCreateRequestEvent) =>
        queueMicrotask(() => {
          if (!e.defaultPrevented) this.creating = { card: e.detail.card ?? null };
        })}
    ></account-sign-in>`;
  }
}

/** How a person is named to the others of the device: « Dr Claire Martin » (and who acts for them). */
function personName(session: Session): string {
  const { user, actor } = session;
  const name = [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return actor ? `${[actor.civility, actor.firstName, actor.lastName].filter(Boolean).join(' ')} (${name})` : name;
}

declare global {
  interface HTMLElementTagNameMap {
    'teleservices-provider': TeleservicesProvider;
  }
}
