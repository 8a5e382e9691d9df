import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { AccountCreationApi, type AccountCreationService } from '../../data/session/account-api.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { signInStyles } from '../account-sign-in/account-sign-in.styles.ts';
import { emailValidationMessages } from './account-email-validation.messages.ts';

/**
 * The page of the "Valider adresse e-mail" link (account creation, change of address): it
 * follows the link once and says what happened — validated, or why not (used, expired).
 *
 * @summary Follows an e-mail validation link and tells the result.
 *
 * @csspart panel - The block.
 * @csspart heading - The title(s).
 * @csspart notice - The link was followed: the address is validated.
 * @csspart error - Why the link did not work (used, expired).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires email-validation-closed - "Continuer"; `detail: {validated: boolean}`.
 */
@customElement('account-email-validation')
export class AccountEmailValidation extends LocalizedElement {
  static override styles = [baseStyles, formStyles, signInStyles];

  @property() server = '';

  /** The token of the e-mailed link. */
  @property() token = '';

  /** Stands in for the server's account API (stories); by default the one of `server`. */
  @property({ attribute: false }) api: Pick<AccountCreationService, 'validateEmail'> | null = null;

  @state() private outcome: { ok: boolean; message: string; offline?: boolean } | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token) void this.#validate();
  }

  async #validate(): Promise<void> {
    this.outcome = null;
    try {
      const { message } = await (this.api ?? new AccountCreationApi(this.server, () => this.locale)).validateEmail(this.token);
      this.outcome = { ok: true, message };
    } catch (error) {
      const offline = error instanceof ApiRequestError && error.kind === 'offline';
      this.outcome = { ok: false, offline, message: offline ? translator(emailValidationMessages, this.locale)('unreachable') : (error as Error).message };
    }
  }

  override render() {
    const t = translator(emailValidationMessages, this.locale);
    const outcome = this.outcome;
    return html`<section part="panel" class="panel" aria-labelledby="validation-title">
      <h2 part="heading" id="validation-title">${t('title')}</h2>
      ${outcome === null
        ? html`<p role="status">${t('checking')}</p>`
        : html`<p part=${outcome.ok ? 'notice' : 'error'} class=${outcome.ok ? 'notice' : 'field-error'} role=${outcome.ok ? 'status' : 'alert'}>${outcome.message}</p>
            <div class="actions">
              ${outcome.offline ? html`<button part="button" type="button" name="retry" @click=${() => this.#validate()}>${t('retry')}</button>` : nothing}
              <button
                part="button primary"
                type="button"
                class="primary"
                name="continue"
                @click=${() => this.dispatchEvent(new CustomEvent('email-validation-closed', { bubbles: true, composed: true, detail: { validated: outcome.ok } }))}
              >
                ${t('continue')}
              </button>
            </div>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-email-validation': AccountEmailValidation;
  }
}
