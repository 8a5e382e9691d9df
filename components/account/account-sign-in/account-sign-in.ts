import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { signInWithCps, signInWithPassword, type Session } from '../../data/session/session.ts';
import { textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { AccountCreateRequestEvent, AccountSignedInEvent, PasswordResetRequestEvent } from './account-sign-in.events.ts';
import { signInMessages } from './account-sign-in.messages.ts';
import { signInStyles } from './account-sign-in.styles.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';

/**
 * The sign-in of the portal: identifier (e-mail, AM or FINESS number) and password, "Mot de passe
 * oublié", "VOUS CONNECTER PAR CARTE CPS" (a simulated card here, said so on screen), "Créer un
 * compte". It says why a sign-in fails in the server's words: a wrong password, the lockout
 * after the third one with the delay left ("réessayez dans N min ou connectez-vous avec votre
 * carte CPS"), an e-mail shared by several accounts (then the AM/FINESS number is asked).
 *
 * @summary Password or CPS sign-in, with the lockout and its delay.
 *
 * @csspart panel - Each block (identifiers, CPS card, account creation).
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart field - Each labelled field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Why the sign-in failed (wrong password, lockout and its delay…).
 * @csspart notice - The simulated-card notice and other information.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --account-sign-in-width - Width of the element. Defaults to `30rem`.
 *
 * @fires account-signed-in - Signed in; `detail: {session, method}`.
 * @fires password-reset-request - "Mot de passe oublié" (cancelable); `detail: {identifier}`.
 * @fires account-create-request - "Créer un compte" (cancelable).
 */
@customElement('account-sign-in')
export class AccountSignIn extends LocalizedElement {
  static override styles = [baseStyles, formStyles, surfaceStyles, signInStyles];

  /** The sync server's origin ('' for the page's own). */
  @property() server = '';

  /** A message to show on arrival (e.g. "your session expired"), set by the host. */
  @property() notice = '';

  /**
   * The device is offline (set by the provider): the form says plainly that signing in needs the
   * network. It says so too after an attempt that found no server.
   */
  @property({ type: Boolean }) offline = false;

  /** The last attempt found no server. */
  @state() private unreachable = false;

  @state() private error = '';
  @state() private errorField: 'identifier' | 'password' | 'rpps' | 'code' | '' = '';
  @state() private submitting = false;
  @state() private cpsOpen = false;
  /** A card read without an account: "Créer mon compte avec cette carte". */
  @state() private unknownCard: { rpps: string; code: string } | null = null;

  #fail(error: unknown): void {
    const t = translator(signInMessages, this.locale);
    if (error instanceof ApiRequestError) {
      const reason = error.body['reason'];
      const retryAfter = Number(error.body['retryAfter']);
      this.unreachable = error.kind === 'offline';
      if (this.unreachable) {
        this.error = '';
        this.errorField = '';
        return;
      }
      this.error = error.status === 423 && retryAfter > 0 ? t('locked', { minutes: Math.ceil(retryAfter / 60) }) : error.message;
      this.errorField =
        reason === 'shared_email' ? 'identifier' : reason === 'wrong_card_code' ? 'code' : reason === 'invalid_card' || reason === 'unknown_card' ? 'rpps' : this.cpsOpen ? '' : 'password';
    } else {
      this.error = String(error);
      this.errorField = '';
    }
    void this.updateComplete.then(() => {
      if (this.errorField) this.renderRoot.querySelector<HTMLInputElement>(`[name="${this.errorField}"]`)?.focus();
    });
  }

  async #run(method: 'password' | 'cps', attempt: () => Promise<Session>): Promise<void> {
    this.submitting = true;
    this.error = '';
    this.errorField = '';
    try {
      const session = await attempt();
      this.unreachable = false;
      this.dispatchEvent(new AccountSignedInEvent({ session, method }));
    } catch (error) {
      this.#fail(error);
    } finally {
      this.submitting = false;
    }
  }

  #submitPassword(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const identifier = String(data.get('identifier') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!identifier || !password) {
      this.error = translator(signInMessages, this.locale)('required');
      this.errorField = !identifier ? 'identifier' : 'password';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`[name="${this.errorField}"]`)?.focus());
      return;
    }
    void this.#run('password', () => signInWithPassword(this.server, identifier, password, () => this.locale));
  }

  #submitCard(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const card = { rpps: String(data.get('rpps') ?? ''), code: String(data.get('code') ?? '') };
    this.unknownCard = null;
    void this.#run('cps', async () => {
      try {
        return await signInWithCps(this.server, card, () => this.locale);
      } catch (error) {
        if (error instanceof ApiRequestError && error.body['reason'] === 'unknown_card') this.unknownCard = card;
        throw error;
      }
    });
  }

  override render() {
    const t = translator(signInMessages, this.locale);
    const fieldError = (name: string) => (this.errorField === name ? this.error : undefined);
    const generalError = this.error && !this.errorField ? html`<p part="error" class="field-error" role="alert">${this.error}</p>` : nothing;
    const identifierValue = () => this.renderRoot.querySelector<HTMLInputElement>('[name="identifier"]')?.value ?? '';
    return html`
      ${this.notice ? html`<p part="notice" class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.offline || this.unreachable ? html`<p part="notice" class="notice offline" role="status">${t('offline')}</p>` : nothing}
      <section part="panel" class="panel" aria-labelledby="sign-in-title">
        <h2 part="heading" id="sign-in-title">${t('title')}</h2>
        ${this.cpsOpen ? nothing : generalError}
        ${this.error && this.errorField && !this.cpsOpen ? html`<p class="visually-hidden" role="alert">${this.error}</p>` : nothing}
        <form part="form" novalidate @submit=${this.#submitPassword}>
          ${textField({ name: 'identifier', label: t('identifier'), value: '', autocomplete: 'username', error: fieldError('identifier') })}
          ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'current-password', error: fieldError('password') })}
          <button part="button" type="button" class="link" name="forgotten" @click=${() => this.dispatchEvent(new PasswordResetRequestEvent({ identifier: identifierValue() }))}>
            ${t('forgotten')}
          </button>
          <div class="actions">
            <button part="button primary" type="submit" class="primary" ?disabled=${this.submitting}>${this.submitting && !this.cpsOpen ? t('submitting') : t('submit')}</button>
          </div>
        </form>
      </section>
      <section part="panel" class="panel" aria-labelledby="cps-title">
        <h2 part="heading" id="cps-title">${t('cpsTitle')}</h2>
        <p part="hint" class="hint">${t('cpsHint')}</p>
        ${this.cpsOpen
          ? html`<form part="form" novalidate @submit=${this.#submitCard}>
              <p part="notice" class="notice">${t('cpsSimulated')}</p>
              ${generalError}
              ${textField({ name: 'rpps', label: t('cpsRpps'), value: '', inputmode: 'numeric', maxlength: 11, error: fieldError('rpps') })}
              ${textField({ name: 'code', label: t('cpsCode'), value: '', type: 'password', inputmode: 'numeric', maxlength: 8, error: fieldError('code') })}
              <div class="actions">
                ${this.unknownCard
                  ? html`<button part="button" type="button" name="create-with-card" @click=${() => this.dispatchEvent(new AccountCreateRequestEvent({ card: this.unknownCard! }))}>${t('createWithCard')}</button>`
                  : nothing}
                <button part="button primary" type="submit" class="primary" ?disabled=${this.submitting}>${t('cpsRead')}</button>
              </div>
            </form>`
          : html`<div class="actions">
              <button part="button primary" type="button" class="primary" name="cps" @click=${() => (this.cpsOpen = true)}>${t('cpsButton')}</button>
            </div>`}
      </section>
      <section part="panel" class="panel" aria-labelledby="create-title">
        <h2 part="heading" id="create-title">${t('noAccount')}</h2>
        <p part="hint" class="hint">${t('createHint')}</p>
        <div class="actions"><button part="button" type="button" name="create" @click=${() => this.dispatchEvent(new AccountCreateRequestEvent())}>${t('create')}</button></div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-sign-in': AccountSignIn;
  }
}
