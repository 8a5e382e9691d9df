import { html, nothing, svg, type ReactiveController, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ACCOUNT_EVENT_LABELS } from '../../../domain/account/account-vocabulary.ts';
import { formatDateTime } from '../../../domain/validation/dates.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { Checked } from '../../controllers/command-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import { fetchPasswordChecklist } from '../password-checklist/password-checklist-on-demand.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { AccountEvent, AccountProfile } from '../../data/session/account-api.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import { checkboxField, errorSummary, textField } from '../../forms/form-fields.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import type { AccountDataController } from './account-data.ts';
import { AccountEmailChangeRequestedEvent, AccountPasswordChangedEvent } from './account-settings.events.ts';
import { focusAfterUpdate, labelIn, problemText, row, TabFeedback, type AccountSettingsHost, type Translator } from './account-settings-view.ts';

type EditedIdentifier = 'email' | 'password';

/** The shared schemas of both forms, loaded with the first send. */
const validation = new OnDemand(() => import('./account-settings-validation.ts'));

/** The fields of each inline form, in the order they show (the first invalid one gets the focus). */
const FORM_FIELDS: Record<EditedIdentifier, readonly string[]> = {
  email: ['email', 'emailConfirmation', 'consent'],
  password: ['currentPassword', 'password', 'passwordConfirmation'],
};

const FIELD_LABELS: Record<string, 'newEmail' | 'emailConfirmation' | 'consent' | 'currentPassword' | 'newPassword' | 'passwordConfirmation'> = {
  email: 'newEmail',
  emailConfirmation: 'emailConfirmation',
  consent: 'consent',
  currentPassword: 'currentPassword',
  password: 'newPassword',
  passwordConfirmation: 'passwordConfirmation',
};

const pencil = svg`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
  <path d="M13.6 2.6l3.8 3.8L6.8 17H3v-3.8L13.6 2.6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
</svg>`;

/** The AM / FINESS numbers that sign the account in: one per place (a doctor with several practices has several). */
function signInNumbers(profile: AccountProfile): string {
  return profile.structures
    .map((place) => place.number)
    .filter(Boolean)
    .join(', ');
}

/** "jj/mm/aaaa - hh:mm" as the portal lists events (Paris time), in both languages. */
function eventTime(at: string, locale: Locale): string {
  return formatDateTime(at, locale).replace(' ', ' - ');
}

/**
 * « Connexion et sécurité »: the identifiers (number, e-mail, password) with the inline forms
 * that change the e-mail or the password (checked with the shared schemas, the server's
 * refusals next to their fields), the validation e-mail sent again, and the latest events.
 */
export class SecurityTabController implements ReactiveController {
  #editing: EditedIdentifier | null = null;
  #errors: Record<string, string> = {};
  #formProblem: unknown = null;
  readonly #feedback: TabFeedback;
  #newPassword = '';
  /** Set once the temporary password was replaced here (the session still says it is required). */
  #passwordChosen = false;
  /**
   * Settles once the latest send's check has (its schema loads on demand): the host's
   * `getUpdateComplete` waits for it, so that the errors are shown when `updateComplete` resolves.
   */
  checked: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: AccountSettingsHost,
    private readonly data: AccountDataController,
  ) {
    this.#feedback = new TabFeedback(host);
    host.addController(this);
  }

  hostConnected(): void {}

  get #temporaryPassword(): boolean {
    return !this.#passwordChosen && this.host.services?.session.user.passwordChangeRequired === true;
  }

  /** Another session: the temporary password is the new session's to tell. */
  forgetPasswordChosen(): void {
    this.#passwordChosen = false;
  }

  /** Every form closed, every message gone. */
  reset(): void {
    this.#editing = null;
    this.#errors = {};
    this.#formProblem = null;
    this.#feedback.clear();
    this.#newPassword = '';
    this.host.requestUpdate();
  }

  #focus(selector: string): void {
    focusAfterUpdate(this.host, selector);
  }

  #open(form: EditedIdentifier): void {
    this.reset();
    this.#editing = form;
    // The rules show once their module is here; the schema checks the password at the send anyway.
    // The live password rules, shown only in the password form: fetched when it opens.
    if (form === 'password') fetchPasswordChecklist();
    this.#focus(`[name="${this.#fieldsOf(form)[0]}"]`);
  }

  #close(): void {
    const form = this.#editing;
    this.reset();
    if (form) this.#focus(`#edit-${form}`);
  }

  #fieldsOf(form: EditedIdentifier): readonly string[] {
    return form === 'password' && this.#temporaryPassword ? FORM_FIELDS.password.filter((f) => f !== 'currentPassword') : FORM_FIELDS[form];
  }

  #showInvalid(form: EditedIdentifier, errors: Record<string, string>): void {
    this.#errors = errors;
    this.host.requestUpdate();
    const first = this.#fieldsOf(form).find((field) => errors[field]);
    if (first) this.#focus(`[name="${first}"]`);
  }

  /** A refusal of the server: its field messages next to the fields, anything else above the buttons. */
  #refused(form: EditedIdentifier, error: unknown): void {
    const fields = error instanceof ApiRequestError ? error.body['fields'] : undefined;
    if (fields && typeof fields === 'object') {
      const shown = Object.fromEntries(Object.entries(fields as Record<string, unknown>).filter(([field, text]) => this.#fieldsOf(form).includes(field) && typeof text === 'string')) as Record<string, string>;
      if (Object.keys(shown).length > 0) return this.#showInvalid(form, shown);
    }
    this.#formProblem = error;
    this.host.requestUpdate();
    this.#focus('.form-problem');
  }

  async #send(form: EditedIdentifier, submit: (account: TeleservicesServices['account']) => Promise<string>): Promise<boolean> {
    const account = this.host.services?.account;
    if (!account) return false;
    this.#feedback.busy = true;
    this.#errors = {};
    this.#formProblem = null;
    this.host.requestUpdate();
    try {
      const message = await submit(account);
      this.reset();
      this.#feedback.notice = message;
      this.#focus('.status-message');
      void this.data.refresh();
      return true;
    } catch (error) {
      this.#refused(form, error);
      return false;
    } finally {
      this.#feedback.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The form's check (loaded on demand): its output, or null with its errors shown — or the module's failure, what was typed kept. */
  #check<T>(form: EditedIdentifier, check: (module: typeof import('./account-settings-validation.ts')) => Checked<T>): Promise<T | null> {
    const done = validation.get().then(
      (module) => {
        const checked = check(module);
        if (checked.output !== undefined && Object.keys(checked.errors).length === 0) return checked.output;
        this.#showInvalid(form, checked.errors);
        return null;
      },
      (error: unknown) => {
        const unavailable = moduleUnavailableMessage(error, this.host.locale);
        if (unavailable === null) throw error;
        this.#errors = {};
        this.#formProblem = unavailable;
        this.host.requestUpdate();
        this.#focus('.form-problem');
        return null;
      },
    );
    this.checked = done.catch(() => undefined);
    return done;
  }

  async #changeEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input = { email: String(data.get('email') ?? '').trim(), emailConfirmation: String(data.get('emailConfirmation') ?? '').trim(), consent: data.get('consent') === 'true' };
    const form = await this.#check('email', ({ checkEmailChange }) => checkEmailChange(input, this.host.locale));
    if (!form) return;
    if (await this.#send('email', (account) => account.changeEmail(form))) this.host.dispatchEvent(new AccountEmailChangeRequestedEvent({ email: form.email }));
  }

  async #changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input = { currentPassword: String(data.get('currentPassword') ?? ''), password: String(data.get('password') ?? ''), passwordConfirmation: String(data.get('passwordConfirmation') ?? '') };
    const form = await this.#check('password', ({ checkPasswordChange }) => checkPasswordChange(input, this.host.locale));
    if (!form) return;
    if (await this.#send('password', (account) => account.changePassword(form))) {
      this.#passwordChosen = true;
      this.host.requestUpdate();
      this.host.dispatchEvent(new AccountPasswordChangedEvent());
    }
  }

  async #resendValidation(): Promise<void> {
    const account = this.host.services?.account;
    if (!account) return;
    await this.#feedback.run(() => account.resendValidation());
  }

  /** The tab's notice or problem, above its content. */
  messages(t: Translator): TemplateResult {
    return this.#feedback.render(t);
  }

  render(profile: AccountProfile, t: Translator): TemplateResult {
    return html`<section class="block" aria-labelledby="identifiers-title">
        <h4 id="identifiers-title">${t('identifiers')}</h4>
        <p class="muted">${profile.accountKind === 'responsable' ? t('identifiersHintManager') : t('identifiersHint')}</p>
        <dl>
          ${profile.accountKind === 'responsable' ? nothing : row(t('number'), signInNumbers(profile), t)}
          <div>
            <dt>${t('email')}</dt>
            <dd>
              <span class="identifier-value">
                <span>${profile.email}</span>
                ${profile.emailVerified ? nothing : html`<span class="badge">${t('notVerified')}</span>`} ${this.#editButton('email', t('editEmail'), t)}
              </span>
              ${profile.pendingEmail ? html`<p class="pending">${t('pending', { email: profile.pendingEmail })}</p>` : nothing}
              ${profile.emailVerified
                ? nothing
                : html`<button part="button" type="button" class="link" ?disabled=${this.#feedback.busy} @click=${() => void this.#resendValidation()}>${t('resend')}</button>`}
              ${this.#editing === 'email' ? this.#emailForm(t) : nothing}
            </dd>
          </div>
          <div>
            <dt>${t('password')}</dt>
            <dd>
              <span class="identifier-value"><span aria-hidden="true">********</span>${this.#editButton('password', t('editPassword'), t)}</span>
              ${this.#editing === 'password' ? this.#passwordForm(t) : nothing}
            </dd>
          </div>
        </dl>
      </section>
      <section class="block" aria-labelledby="events-title">
        <h4 id="events-title">${t('events')}</h4>
        ${this.#events(t)}
      </section>`;
  }

  #editButton(form: EditedIdentifier, hidden: string, t: Translator): TemplateResult {
    const open = this.#editing === form;
    return html`<button
      part="button"
      type="button"
      class="edit"
      id=${`edit-${form}`}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${ifDefined(open ? `${form}-form` : undefined)}
      ?disabled=${this.#feedback.busy}
      @click=${() => (open ? this.#close() : this.#open(form))}
    >
      ${pencil}${t('edit')}<span class="visually-hidden"> ${hidden}</span>
    </button>`;
  }

  #formTop(form: EditedIdentifier, t: Translator): TemplateResult {
    const summary = Object.entries(this.#errors).map(([field, message]) => {
      const label = FIELD_LABELS[field];
      return { field, label: label ? t(label) : field, message };
    });
    return html`${summary.length > 1 ? errorSummary(t('summaryTitle'), summary, (field) => this.#focus(`[name="${field}"]`), this.host.locale) : nothing}
    ${this.#formProblem ? html`<p class="problem form-problem" role="alert" tabindex="-1">${problemText(this.#formProblem, t)}</p>` : nothing}
    ${form === 'email' ? html`<p part="hint" class="hint">${t('emailHint')}</p>` : this.#temporaryPassword ? html`<p part="hint" class="hint">${t('temporaryPassword')}</p>` : nothing}
    ${form === 'password' && (this.data.profile?.structures.length ?? 0) > 1 ? html`<p part="hint" class="hint">${t('passwordAllPlaces')}</p>` : nothing}`;
  }

  #formActions(t: Translator): TemplateResult {
    return html`<div class="actions">
      <button part="button primary" type="submit" class="primary" ?disabled=${this.#feedback.busy}>${this.#feedback.busy ? t('sending') : t('validate')}</button>
      <button part="button" type="button" ?disabled=${this.#feedback.busy} @click=${() => this.#close()}>${t('cancel')}</button>
    </div>`;
  }

  #emailForm(t: Translator): TemplateResult {
    const e = this.#errors;
    return html`<div class="inline-form" id="email-form">
      <h5 id="email-form-title">${t('emailFormTitle')}</h5>
      <form part="form" novalidate aria-labelledby="email-form-title" @submit=${(event: SubmitEvent) => this.#changeEmail(event)}>
        ${this.#formTop('email', t)}
        ${textField({ name: 'email', label: t('newEmail'), value: '', type: 'email', autocomplete: 'email', required: true, error: e['email'] })}
        ${textField({ name: 'emailConfirmation', label: t('emailConfirmation'), value: '', type: 'email', autocomplete: 'off', required: true, error: e['emailConfirmation'] })}
        ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: e['consent'] })} ${this.#formActions(t)}
      </form>
    </div>`;
  }

  #passwordForm(t: Translator): TemplateResult {
    const e = this.#errors;
    return html`<div class="inline-form" id="password-form">
      <h5 id="password-form-title">${t('passwordFormTitle')}</h5>
      <form
        part="form"
        novalidate
        aria-labelledby="password-form-title"
        @submit=${(event: SubmitEvent) => this.#changePassword(event)}
        @input=${(event: Event) => {
          const target = event.target as HTMLInputElement;
          if (target.name === 'password') {
            this.#newPassword = target.value;
            this.host.requestUpdate();
          }
        }}
      >
        ${this.#formTop('password', t)}
        ${this.#temporaryPassword
          ? nothing
          : textField({ name: 'currentPassword', label: t('currentPassword'), value: '', type: 'password', autocomplete: 'current-password', required: true, error: e['currentPassword'] })}
        ${textField({ name: 'password', label: t('newPassword'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: e['password'] })}
        <password-checklist .password=${this.#newPassword}></password-checklist>
        ${textField({ name: 'passwordConfirmation', label: t('passwordConfirmation'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: e['passwordConfirmation'] })}
        ${this.#formActions(t)}
      </form>
    </div>`;
  }

  #events(t: Translator): TemplateResult {
    if (this.data.eventsFailure) return html`<p class="problem">${problemText(this.data.eventsFailure, t)}</p>`;
    const events: readonly AccountEvent[] | null = this.data.events;
    if (!events) return html`<p role="status">${t('loading')}</p>`;
    if (events.length === 0) return html`<p class="muted">${t('noEvents')}</p>`;
    const locale = this.host.locale;
    return html`<ul class="events">
      ${events.map((event) => html`<li><time datetime=${event.at}>${eventTime(event.at, locale)}</time> ${labelIn(ACCOUNT_EVENT_LABELS, event.action, locale)}</li>`)}
    </ul>`;
  }
}
