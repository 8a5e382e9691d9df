import { provide } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StrongAuthFlow } from '../../account/account-sign-in/account-sign-in.events.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { teleservicesContext } from '../../data/teleservices-context.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { localeContext } from '../../i18n/locale-context.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { AccountFlowController } from './account-flow-controller.ts';
import { ActingController } from './acting-controller.ts';
import { ElementLoaderController } from './element-loader-controller.ts';
import { SessionController } from './session-controller.ts';
import { teleservicesProviderMessages } from './teleservices-provider.messages.ts';
import { teleservicesProviderStyles } from './teleservices-provider.styles.ts';
// The events the provider's controllers dispatch, typed for the host (`addEventListener('session-started', …)`).
export type { ProviderSignOutEvent, SessionEndedEvent, SessionStartedEvent, SyncStatusChangedEvent } from './teleservices-provider.events.ts';

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
  'account-migration': () => import('../../account/account-migration/account-migration.ts'),
  'delegation-invitation': () => import('../../delegation/delegation-invitation/delegation-invitation.ts'),
};

/**
 * The host of the teleservices widgets. It signs the user in (or takes a token from the host
 * page), opens the user's local database, starts the replication with the sync server, and
 * provides the repositories, the session and the sync status to every widget inside it.
 *
 * It composes controllers with one job each: the session's lifecycle (`session-controller.ts`),
 * acting for a délégant (`acting-controller.ts`), the account screens and the link attributes
 * (`account-flow-controller.ts`), the elements loaded on demand (`element-loader-controller.ts`).
 *
 * @summary Session, local database and sync for the widgets it contains.
 *
 * @slot - The widgets, shown once a session is open.
 *
 * @csspart sign-in - The `<account-sign-in>` shown when there is no session, or `<account-create>` /
 *   `<account-password-reset>` in its place (their shared parts are forwarded).
 * @csspart welcome - The first sign-in's `<account-welcome>`, or a former pharmacy or laboratory account's `<account-migration>` (their parts forwarded too).
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

  /**
   * How the sign-in's and the account creation's « carte CPS » reach Pro Santé Connect:
   * `redirect` (default: the page leaves and comes back to `PSC_REDIRECT_URL`, this page) or
   * `popup` (`PSC_REDIRECT_URL` is a page of this origin that relays the return).
   */
  @property({ attribute: 'strong-auth-flow' }) strongAuthFlow: StrongAuthFlow = 'redirect';

  @provide({ context: teleservicesContext })
  @state()
  services: TeleservicesServices | undefined;

  @provide({ context: localeContext })
  @state()
  protected providedLocaleForChildren: Locale = 'fr';

  /**
   * The token of an e-mailed password-reset link: the provider shows the new-password form
   * instead of the sign-in (the host reads it from its URL).
   */
  @property({ attribute: 'reset-token' }) resetToken = '';

  /**
   * The token of an e-mailed "Valider adresse e-mail" link: the provider follows it and says
   * the result, above the sign-in or the widgets (the host reads it from its URL).
   */
  @property({ attribute: 'validation-token' }) validationToken = '';

  /**
   * The token of an e-mailed delegation invitation (`#delegation?token=…`): the provider shows
   * `<delegation-invitation>` (the délégué answers, or creates their account).
   */
  @property({ attribute: 'delegation-token' }) delegationToken = '';

  readonly #session = new SessionController(this);
  readonly #acting = new ActingController(this);
  readonly #elements = new ElementLoaderController(this, ON_DEMAND_ELEMENTS, (reason) => translator(teleservicesProviderMessages, this.locale)('loadFailed', { reason }));
  readonly #flow = new AccountFlowController(this, this.#session, this.#elements);

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.providedLocaleForChildren = this.locale;
    if (changed.has('token')) this.#session.tokenChanged(this.token);
    if (changed.has('offline')) this.#session.offlineChanged(this.offline);
  }

  /** Resolves once the session and database are open (or opening failed). */
  get ready(): Promise<void> {
    return this.#session.ready;
  }

  /** The runtime (database + replication), for hosts and tests that need more than the context. */
  get runtime(): TeleservicesRuntime | null {
    return this.#session.runtime;
  }

  /**
   * What a « Se déconnecter » button calls. With every entry accepted by the server, it signs out
   * (`signOut()`). With entries still waiting (or refused), it first warns and offers to wait:
   * « Attendre l’envoi puis me déconnecter » signs out once the last one is accepted; « Me
   * déconnecter sans attendre » leaves them on the device, in the person's name, for their return.
   */
  requestSignOut(): Promise<void> {
    return this.#session.requestSignOut();
  }

  /**
   * Signs out now: the sign-in form is back at once, then the token is revoked on the server (when
   * it answers; offline, it expires on its own). If the server has accepted every entry of the
   * person, their data is erased from the device (their local database: files, messages,
   * delegations, sync journal; and the kept session), so the next person of a shared computer
   * cannot read it. Entries not yet accepted are never lost: they stay on the device, in the
   * person's name, until they sign in here again.
   */
  signOut(): Promise<void> {
    // Signing out while acting for someone ends the délégué's own session too.
    const ownToken = this.#acting.takeOwnToken();
    this.#flow.reset();
    return this.#session.signOut(ownToken);
  }

  /** Back to the délégué's own account: the delegated session is revoked. */
  stopActing(): Promise<void> {
    return this.#acting.stop();
  }

  override render() {
    const loadError = this.#elements.render(translator(teleservicesProviderMessages, this.locale)('retryLoad'));
    return html`${loadError}${this.#flow.validation()}${this.#body()}`;
  }

  #body() {
    const session = this.#session;
    if (this.delegationToken) return this.#flow.invitation();
    if (session.phase === 'ready') return html`${session.signOutWarning()}${session.othersWaiting()}${this.#acting.render()}<slot></slot>${session.welcoming ? this.#flow.welcome() : nothing}`;
    if (session.phase === 'password-required' || session.phase === 'migration-required') return this.#flow.welcome();
    if (session.phase === 'opening') return html`<p class="opening" role="status">${translator(teleservicesProviderMessages, this.locale)('opening')}</p>`;
    return this.#flow.signedOut(session.othersWaiting());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'teleservices-provider': TeleservicesProvider;
  }
}
