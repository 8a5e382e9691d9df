import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkPassword, passwordPolicyMessage } from '../../../domain/account/password-policy.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { confirmPasswordReset, requestPasswordReset } from '../../data/session/session.ts';
import { textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import '../password-checklist/password-checklist.ts';
import { signInStyles } from '../account-sign-in/account-sign-in.styles.ts';
import { passwordResetMessages } from './account-password-reset.messages.ts';

/**
 * "Mot de passe oublié": without `token`, asks for the e-mail (shown in clear in the
 * confirmation) or the AM/FINESS number (the address is not shown) and says a link was sent —
 * the same words whether an account exists or not. An e-mail shared by several accounts gets no
 * link: the form then asks for the AM / FINESS number (« ou N° d'Assurance Maladie ou FINESS »). With the `token` of the e-mailed link, sets a
 * new password, typed twice, with the live checklist of the policy.
 *
 * @summary Ask for a reset link, then choose a new password with it.
 *
 * @csspart panel - The block.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart field - Each labelled field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires password-reset-completed - The new password is set; the host shows the sign-in.
 * @fires password-reset-cancelled - "Retour à la connexion".
 */
@customElement('account-password-reset')
export class AccountPasswordReset extends LocalizedElement {
  static override styles = [baseStyles, formStyles, signInStyles];

  @property() server = '';

  /** The token of the e-mailed link: shows the new-password form. */
  @property() token = '';

  @state() private password = '';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;
  /**
   * An e-mail several accounts share (a group practice): the form asks for the AM / FINESS number
   * instead. Set when the server answers so; a host may set it (its sign-in got the same answer).
   */
  @property({ attribute: 'shared-email' }) sharedEmail = '';

  #showError(field: string, message: string): void {
    this.errors = { [field]: message };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus());
  }

  #serverError(error: unknown, field: string): void {
    const t = translator(passwordResetMessages, this.locale);
    this.#showError(field, error instanceof ApiRequestError ? (error.kind === 'offline' ? t('unreachable') : error.message) : String(error));
  }

  async #request(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const field = this.sharedEmail ? 'number' : 'identifier';
    const identifier = String(new FormData(event.target as HTMLFormElement).get(field) ?? '').trim();
    if (!identifier) return this.#showError(field, translator(passwordResetMessages, this.locale)('required'));
    this.busy = true;
    this.errors = {};
    try {
      this.message = await requestPasswordReset(this.server, identifier, () => this.locale);
    } catch (error) {
      if (error instanceof ApiRequestError && error.body['reason'] === 'shared_email') {
        // Nothing was sent: the form asks for the number.
        this.sharedEmail = identifier;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[name="number"]')?.focus());
      } else this.#serverError(error, field);
    } finally {
      this.busy = false;
    }
  }

  async #reset(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = translator(passwordResetMessages, this.locale);
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const confirmation = String(data.get('confirmation') ?? '');
    const policy = checkPassword(password, this.locale);
    if (!policy.valid) return this.#showError('password', passwordPolicyMessage(policy, this.locale));
    if (password !== confirmation) return this.#showError('confirmation', t('mismatch'));
    this.busy = true;
    this.errors = {};
    try {
      this.message = await confirmPasswordReset(this.server, this.token, password, () => this.locale);
      this.dispatchEvent(new Event('password-reset-completed', { bubbles: true, composed: true }));
    } catch (error) {
      this.#serverError(error, 'password');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = translator(passwordResetMessages, this.locale);
    const back = html`<button part="button" type="button" class="link" name="back" @click=${() => this.dispatchEvent(new Event('password-reset-cancelled', { bubbles: true, composed: true }))}>${t('back')}</button>`;
    if (this.message) {
      return html`<section part="panel" class="panel"><p class="status-message notice" role="status">${this.message}</p>${back}</section>`;
    }
    if (!this.token) {
      return html`<section part="panel" class="panel" aria-labelledby="reset-title">
        <h2 part="heading" id="reset-title">${t('titleRequest')}</h2>
        <p>${this.sharedEmail ? t('sharedIntro') : t('intro')}</p>
        <form part="form" novalidate @submit=${this.#request}>
          ${this.sharedEmail
            ? html`${textField({ name: 'identifier', label: t('sharedEmail'), value: this.sharedEmail, type: 'email', readonly: true })}
              ${textField({ name: 'number', label: t('number'), value: '', inputmode: 'numeric', autocomplete: 'username', hint: t('numberHint'), error: this.errors['number'] })}`
            : textField({ name: 'identifier', label: t('identifier'), value: '', autocomplete: 'username', error: this.errors['identifier'] })}
          <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('sending') : t('send')}</button></div>
        </form>
        ${back}
      </section>`;
    }
    return html`<section part="panel" class="panel" aria-labelledby="reset-title">
      <h2 part="heading" id="reset-title">${t('titleReset')}</h2>
      <form part="form" novalidate @submit=${this.#reset} @input=${(e: Event) => {
        const target = e.target as HTMLInputElement;
        if (target.name === 'password') this.password = target.value;
      }}>
        ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'new-password', error: this.errors['password'] })}
        <password-checklist .password=${this.password}></password-checklist>
        ${textField({ name: 'confirmation', label: t('confirmation'), value: '', type: 'password', autocomplete: 'new-password', error: this.errors['confirmation'] })}
        <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button></div>
      </form>
      ${nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-password-reset': AccountPasswordReset;
  }
}
