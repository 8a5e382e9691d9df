import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { AccountCreatedEvent } from '../../account/account-create/account-create.events.ts';
import type { AccountMigrationClosedEvent } from '../../account/account-migration/account-migration.events.ts';
import type { AccountCreateRequestEvent, AccountSignedInEvent, StrongAuthFlow } from '../../account/account-sign-in/account-sign-in.events.ts';
import { ApiClient } from '../../data/replication/api-client.ts';
import { AccountApi } from '../../data/session/account-api.ts';
import type { CardProof } from '../../data/session/strong-auth.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { translator } from '../../i18n/messages.ts';
import { FORWARDED_PARTS } from '../../styles/parts.ts';
import type { ElementLoaderController } from './element-loader-controller.ts';
import type { SessionController } from './session-controller.ts';
import { teleservicesProviderMessages } from './teleservices-provider.messages.ts';

/** The provider's link attributes and switches the account screens read (and clear once used). */
export interface AccountFlowHost extends ReactiveControllerHost {
  readonly server: string;
  readonly offline: boolean;
  readonly locale: Locale;
  /** `strong-auth-flow`: Pro Santé Connect by redirect or popup, for the sign-in and the account creation. */
  readonly strongAuthFlow: StrongAuthFlow;
  readonly services: TeleservicesServices | undefined;
  /** `reset-token`: an e-mailed password-reset link. */
  resetToken: string;
  /** `validation-token`: an e-mailed « Valider adresse e-mail » link. */
  validationToken: string;
  /** `delegation-token`: an e-mailed delegation invitation. */
  delegationToken: string;
}

/**
 * The account screens `<teleservices-provider>` shows around the session: the sign-in, and from
 * it the password reset and the account creation; the welcome (temporary password, first
 * sign-in); the result of an e-mail validation link and the answer to a delegation link (the
 * `reset-token`, `validation-token` and `delegation-token` attributes). Each element loads when
 * first shown (`ElementLoaderController`).
 */
export class AccountFlowController implements ReactiveController {
  /** « Mot de passe oublié ? » was asked from the sign-in. */
  #resetRequested = false;
  /** "Créer un compte" was asked (with the card the sign-in read, if any). */
  #creating: { card: CardProof | null } | null = null;

  constructor(
    private readonly host: AccountFlowHost,
    private readonly session: SessionController,
    private readonly elements: ElementLoaderController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  #update(): void {
    this.host.requestUpdate();
  }

  #loading(): TemplateResult {
    return html`<p class="opening" role="status">${translator(teleservicesProviderMessages, this.host.locale)('loading')}</p>`;
  }

  /** Signed out: no account being created. */
  reset(): void {
    this.#creating = null;
    this.#update();
  }

  /** The result of an e-mail validation link, above the sign-in or the widgets. */
  validation(): TemplateResult | typeof nothing {
    if (!this.host.validationToken) return nothing;
    if (!this.elements.defined('account-email-validation')) return this.#loading();
    return html`<account-email-validation
      part="email-validation"
      exportparts=${FORWARDED_PARTS}
      .server=${this.host.server}
      .token=${this.host.validationToken}
      @email-validation-closed=${() => (this.host.validationToken = '')}
    ></account-email-validation>`;
  }

  /** The délégué's answer to a delegation link, in place of everything else. */
  invitation(): TemplateResult | typeof nothing {
    if (!this.host.delegationToken) return nothing;
    // Loaded only when a delegation link is followed: a page without delegations never loads it.
    if (!this.elements.defined('delegation-invitation')) return this.#loading();
    return html`<delegation-invitation
      part="delegation-invitation"
      exportparts=${FORWARDED_PARTS}
      .server=${this.host.server}
      .token=${this.host.delegationToken}
      @delegation-invitation-closed=${() => (this.host.delegationToken = '')}
    ></delegation-invitation>`;
  }

  /**
   * The welcome: the personal password after a temporary one, or the first sign-in's dialog; for a
   * former pharmacy or laboratory account, its migration (the choice of kind, or what changed).
   */
  welcome(): TemplateResult | typeof nothing {
    const session = this.session.pending ?? this.host.services?.session;
    if (!session) return nothing;
    const user = session.user;
    const api = this.host.services?.account ?? new AccountApi(new ApiClient({ server: this.host.server, token: () => session.token, locale: this.session.locale }));
    if (user.accountMigration) {
      if (!this.elements.defined('account-migration')) return this.#loading();
      const structure = user.structures[0];
      return html`<account-migration
        part="welcome"
        exportparts=${FORWARDED_PARTS}
        .api=${api}
        .migration=${user.accountMigration}
        structure-name=${structure?.name ?? ''}
        structure-number=${structure?.finess ?? structure?.amNumber ?? ''}
        email=${user.email}
        @account-migration-closed=${(event: AccountMigrationClosedEvent) => {
          if (this.session.phase === 'migration-required') return void this.session.migrationChosen(event.detail.accountKind);
          this.session.welcoming = false;
          this.#update();
        }}
      ></account-migration>`;
    }
    if (!this.elements.defined('account-welcome')) return this.#loading();
    return html`<account-welcome
      part="welcome"
      exportparts=${FORWARDED_PARTS}
      .api=${api}
      ?password-required=${this.session.phase === 'password-required'}
      ?email-pending=${!user.emailVerified}
      ?own-email-required=${user.ownEmailRequired === true}
      name=${[user.civility, user.firstName, user.lastName].filter(Boolean).join(' ')}
      @account-password-chosen=${() => void this.session.passwordChosen()}
      @account-welcome-closed=${() => {
        this.session.welcoming = false;
        this.#update();
      }}
    ></account-welcome>`;
  }

  /** Without a session: the sign-in, or the account creation or the password reset in its place. */
  signedOut(before: TemplateResult | typeof nothing): TemplateResult {
    const server = this.host.server;
    if (this.#creating) {
      if (!this.elements.defined('account-create')) return this.#loading();
      return html`<account-create
        part="sign-in"
        exportparts=${FORWARDED_PARTS}
        .server=${server}
        .strongAuthFlow=${this.host.strongAuthFlow}
        .card=${this.#creating.card}
        @account-created=${(event: AccountCreatedEvent) => void this.#accountCreated(event)}
        @account-create-cancelled=${() => this.reset()}
      ></account-create>`;
    }
    if (this.host.resetToken || this.#resetRequested) {
      const back = () => {
        this.host.resetToken = '';
        this.#resetRequested = false;
        this.#update();
      };
      if (!this.elements.defined('account-password-reset')) return this.#loading();
      return html`<account-password-reset
        part="sign-in"
        exportparts=${FORWARDED_PARTS}
        .server=${server}
        .token=${this.host.resetToken}
        @password-reset-cancelled=${back}
        @password-reset-completed=${() => setTimeout(back, 4000)}
      ></account-password-reset>`;
    }
    if (!this.elements.defined('account-sign-in')) return html`${before}${this.#loading()}`;
    return html`${before}<account-sign-in
      part="sign-in"
      exportparts=${FORWARDED_PARTS}
      .server=${server}
      .strongAuthFlow=${this.host.strongAuthFlow}
      ?offline=${this.host.offline || !this.session.browserOnline || this.session.unreachable}
      .notice=${this.session.error}
      @account-signed-in=${(event: AccountSignedInEvent) => void this.#signedIn(event)}
      @password-reset-request=${(e: Event) =>
        // After the dispatch, so that the host page's own listener may still call preventDefault().
        queueMicrotask(() => {
          if (e.defaultPrevented) return;
          this.#resetRequested = true;
          this.#update();
        })}
      @account-create-request=${(e: AccountCreateRequestEvent) =>
        queueMicrotask(() => {
          if (e.defaultPrevented) return;
          this.#creating = { card: e.detail.card ?? null };
          this.#update();
        })}
    ></account-sign-in>`;
  }

  async #signedIn(event: AccountSignedInEvent): Promise<void> {
    event.stopPropagation();
    await this.session.openFresh(event.detail.session);
  }

  async #accountCreated(event: AccountCreatedEvent): Promise<void> {
    event.stopPropagation();
    this.#creating = null;
    await this.session.openFresh(event.detail.session);
  }
}
