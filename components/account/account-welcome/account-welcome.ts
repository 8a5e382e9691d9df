import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import * as v from 'valibot';
import { firstIssueByField } from '../../../domain/validation/fields.ts';
import { EmailChangeSchema, PasswordChangeSchema } from '../../../domain/account/account-schemas.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { AccountService } from '../../data/session/account-api.ts';
import { checkboxField, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { baseStyles, token } from '../../styles/tokens.ts';
import '../password-checklist/password-checklist.ts';
import { accountWelcomeMessages } from './account-welcome.messages.ts';

/**
 * The one-time dialog of the first sign-in (seed 002, "Première connexion"): it presents the
 * teleservices and does not come back once closed. After a sign-in with the temporary password
 * sent by post, it first asks for the personal password (the server refuses everything else
 * until then) and cannot be dismissed before. With `own-email-required` (an e-mail shared with
 * other accounts: a group practice, a doctor with several practices), it then asks for a unique
 * address of their own, valid for all their practices, validated by the e-mailed link.
 *
 * @summary First sign-in: choose the password (after a letter), an e-mail of one's own, then the welcome.
 *
 * @csspart dialog - The modal dialog.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart field - Each labelled field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart notice - Each informative notice (not an error).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires account-password-chosen - The personal password replaced the temporary one.
 * @fires account-own-email-requested - The address of one's own was sent its validation link.
 * @fires account-welcome-closed - "Continuer": the welcome was read (the server remembers it).
 */
@customElement('account-welcome')
export class AccountWelcome extends LocalizedElement {
  static override styles = [
    baseStyles,
    formStyles,
    surfaceStyles,
    css`
      h2 {
        margin-top: 0;
        color: ${token('color-primary')};
      }
      ul {
        padding-left: 1.2em;
      }
    `,
  ];

  /** The signed-in user's account API (the provider passes it). */
  @property({ attribute: false }) api: Pick<AccountService, 'changePassword' | 'changeEmail' | 'welcomed'> | null = null;

  /** Signed in with the temporary password: the personal one is asked first. */
  @property({ type: Boolean, attribute: 'password-required' }) passwordRequired = false;

  /** The name the welcome greets ("Dr Claire Martin"). */
  @property() name = '';

  /** The e-mail still waits for its validation link: a reminder is shown. */
  @property({ type: Boolean, attribute: 'email-pending' }) emailPending = false;

  /** The account's e-mail is shared with other accounts: a unique address of one's own is asked before the welcome. */
  @property({ type: Boolean, attribute: 'own-email-required' }) ownEmailRequired = false;

  /** The server's confirmation that the validation link left (shown with the welcome). */
  @state() private ownEmailSent = '';

  @state() private password = '';
  @state() private errors: Record<string, string> = {};
  @state() private error = '';
  @state() private busy = false;

  @query('dialog') private dialog!: HTMLDialogElement;

  protected override firstUpdated(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  async #choosePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const form = { password: String(data.get('password') ?? ''), passwordConfirmation: String(data.get('passwordConfirmation') ?? '') };
    await this.#submit(PasswordChangeSchema, form, async () => {
      await this.api?.changePassword(form);
      this.passwordRequired = false;
      this.dispatchEvent(new Event('account-password-chosen', { bubbles: true, composed: true }));
    });
  }

  async #declareOwnEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const form = { email: String(data.get('email') ?? '').trim(), emailConfirmation: String(data.get('emailConfirmation') ?? '').trim(), consent: data.get('consent') === 'true' };
    await this.#submit(EmailChangeSchema, form, async (email) => {
      this.ownEmailSent = (await this.api?.changeEmail(email)) ?? '';
      this.ownEmailRequired = false;
      this.dispatchEvent(new Event('account-own-email-requested', { bubbles: true, composed: true }));
    });
  }

  /** One step's sending: the first issue of each field next to it (focused), or `send` while busy, a refusal shown. */
  async #submit<Output>(schema: v.GenericSchema<unknown, Output>, form: unknown, send: (output: Output) => Promise<void>): Promise<void> {
    const parsed = v.safeParse(schema, form, { lang: this.locale });
    this.error = '';
    if (!parsed.success) {
      this.errors = firstIssueByField(parsed.issues);
      return this.#focusError();
    }
    this.errors = {};
    this.busy = true;
    try {
      await send(parsed.output);
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
  }

  #refused(error: unknown): void {
    const fields = error instanceof ApiRequestError ? (error.body['fields'] as Record<string, string> | undefined) : undefined;
    if (fields) this.errors = fields;
    else this.error = error instanceof ApiRequestError && error.kind === 'offline' ? translator(accountWelcomeMessages, this.locale)('unreachable') : String((error as Error).message ?? error);
    this.#focusError();
  }

  #focusError(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus());
  }

  #close(): void {
    // Remembered on the server; offline, the welcome simply shows again next time.
    void this.api?.welcomed().catch(() => undefined);
    this.dialog.close();
    this.dispatchEvent(new Event('account-welcome-closed', { bubbles: true, composed: true }));
  }

  #cancel(event: Event): void {
    // Escape: refused while the password or the e-mail of one's own is asked; otherwise it is "Continuer".
    event.preventDefault();
    if (!this.passwordRequired && !this.ownEmailRequired) this.#close();
  }

  override render() {
    const t = translator(accountWelcomeMessages, this.locale);
    const problem = this.error ? html`<p part="error" class="field-error" role="alert" tabindex="-1">${this.error}</p>` : nothing;
    const body = this.passwordRequired
      ? html`<h2 part="heading" id="welcome-title">${t('passwordTitle')}</h2>
          <p>${t('passwordIntro')}</p>
          ${problem}
          <form
            part="form"
            novalidate
            @submit=${this.#choosePassword}
            @input=${(e: Event) => {
              const target = e.target as HTMLInputElement;
              if (target.name === 'password') this.password = target.value;
            }}
          >
            ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: this.errors['password'] })}
            <password-checklist .password=${this.password}></password-checklist>
            ${textField({ name: 'passwordConfirmation', label: t('passwordConfirmation'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: this.errors['passwordConfirmation'] })}
            <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button></div>
          </form>`
      : this.ownEmailRequired
        ? html`<h2 part="heading" id="welcome-title">${t('ownEmailTitle')}</h2>
            <p>${t('ownEmailIntro')}</p>
            ${problem}
            <form part="form" novalidate @submit=${this.#declareOwnEmail}>
              ${textField({ name: 'email', label: t('ownEmail'), value: '', type: 'email', autocomplete: 'email', required: true, error: this.errors['email'] })}
              ${textField({ name: 'emailConfirmation', label: t('ownEmailConfirmation'), value: '', type: 'email', autocomplete: 'off', required: true, error: this.errors['emailConfirmation'] })}
              ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: this.errors['consent'] })}
              <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('saving') : t('save')}</button></div>
            </form>`
      : html`<h2 part="heading" id="welcome-title">${t('title', { name: this.name })}</h2>
          <p>${t('intro')}</p>
          <ul>
            <li>${t('contactCovid')}</li>
            <li>${t('delegation')}</li>
            <li>${t('ems')}</li>
            <li>${t('contact')}</li>
          </ul>
          ${this.ownEmailSent
            ? html`<p part="notice" class="notice" role="status">${this.ownEmailSent}</p>`
            : this.emailPending
              ? html`<p part="notice" class="notice">${t('emailPending')}</p>`
              : nothing}
          <div class="actions"><button part="button primary" type="button" class="primary" name="continue" autofocus @click=${this.#close}>${t('continue')}</button></div>`;
    return html`<dialog part="dialog" aria-labelledby="welcome-title" @cancel=${this.#cancel}>${body}</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-welcome': AccountWelcome;
  }
}
