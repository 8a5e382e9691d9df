import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Locale } from '../../../domain/i18n/index.ts';
import { formatDate } from '../../../domain/validation/dates.ts';
import type { DelegationActRequestEvent } from '../../delegation/delegation-dashboard/delegation-dashboard.ts';
import { signOut } from '../../data/session/session.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { translator } from '../../i18n/messages.ts';
import { teleservicesProviderMessages } from './teleservices-provider.messages.ts';

/** Where the délégué's own token waits while they act for a délégant (to come back to it). */
const ACTING_FROM_KEY = 'teleservices.actingFrom';

export interface ActingHost extends ReactiveControllerHost, HTMLElement {
  readonly server: string;
  readonly locale: Locale;
  readonly services: TeleservicesServices | undefined;
  /** The session to open: the delegated one, or the délégué's own again. */
  token: string | null;
  signOut(): Promise<void>;
}

/**
 * « Agir pour le compte de… »: a délégué opens the délégant's delegated session from
 * `<delegation-dashboard>` (`delegation-act-request`), works in it under the banner that says
 * so, and comes back to their own account (`stop()`). Their own token is kept meanwhile, in
 * memory first and in localStorage to come back after a reload.
 */
export class ActingController implements ReactiveController {
  /** Why « Agir pour le compte de… » failed, shown above the widgets. */
  #error = '';
  /** The delegation profiles' names, loaded only for a délégué acting for someone. */
  #profileLabels: Readonly<Record<string, { fr: string; en: string }>> | null = null;
  /**
   * The délégué's own token while they act for someone: held here first, so another page of the
   * origin clearing its storage does not strand this one in the delegated session.
   */
  #actingFrom: string | null = null;

  constructor(private readonly host: ActingHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('delegation-act-request', this.#actFor);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('delegation-act-request', this.#actFor);
  }

  readonly #actFor = async (event: Event): Promise<void> => {
    const { delegationId } = (event as DelegationActRequestEvent).detail;
    const services = this.host.services;
    if (!services || services.session.actor) return;
    this.#error = '';
    this.host.requestUpdate();
    try {
      // The request comes from the delegation dashboard, whose feature gives the commands.
      const { token } = await services.delegationCommands.actFor(delegationId);
      this.#actingFrom = services.session.token;
      localStorage.setItem(ACTING_FROM_KEY, services.session.token);
      this.host.token = token;
    } catch (error) {
      this.#error = translator(teleservicesProviderMessages, this.host.locale)('actFailed', { reason: error instanceof Error ? error.message : String(error) });
      this.host.requestUpdate();
    }
  };

  /** The délégué's own token kept while acting (memory first, then storage), forgotten at once. */
  takeOwnToken(): string | null {
    const own = this.#actingFrom ?? localStorage.getItem(ACTING_FROM_KEY);
    this.#actingFrom = null;
    localStorage.removeItem(ACTING_FROM_KEY);
    return own;
  }

  /** Back to the délégué's own account: the delegated session is revoked. */
  async stop(): Promise<void> {
    const own = this.takeOwnToken();
    const delegated = this.host.services?.session.actor ? this.host.services.session.token : null;
    if (delegated) void signOut(this.host.server, delegated);
    if (own) this.host.token = own;
    else await this.host.signOut();
  }

  /** The failure of « Agir pour le compte de… », and the banner while acting. */
  render(): TemplateResult | typeof nothing {
    const session = this.host.services?.session;
    const locale = this.host.locale;
    const t = translator(teleservicesProviderMessages, locale);
    const error = this.#error ? html`<p class="act-error" role="alert">${this.#error}</p>` : nothing;
    if (!session?.actor || !session.delegation) return error;
    if (!this.#profileLabels) {
      // Delegation code is loaded only by the pages of a délégué acting for someone.
      void import('../../../domain/delegation/delegation.ts').then(({ DELEGATION_PROFILE_DEFINITIONS }) => {
        this.#profileLabels = Object.fromEntries(Object.entries(DELEGATION_PROFILE_DEFINITIONS).map(([key, definition]) => [key, definition.label]));
        this.host.requestUpdate();
      });
    }
    const profile = this.#profileLabels?.[session.delegation.profile]?.[locale] ?? session.delegation.profile;
    const who = [session.user.civility, session.user.firstName, session.user.lastName].filter(Boolean).join(' ');
    return html`${error}<div class="acting" part="acting-banner" role="status">
      <span>${t('acting', { who, profile, until: formatDate(session.delegation.validUntil, locale) })}</span>
      <button part="button" type="button" name="stop-acting" @click=${() => void this.stop()}>${t('stopActing')}</button>
    </div>`;
  }
}
