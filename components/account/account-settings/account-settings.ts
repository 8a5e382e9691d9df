import { consume } from '@lit/context';
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import * as v from 'valibot';
import { ACCOUNT_EVENT_LABELS, ACCOUNT_KIND_LABELS, EmailChangeSchema, PasswordChangeSchema, type AccountPreferences } from '../../../domain/account/account-schemas.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';
import { formatDateTime } from '../../../domain/validation/dates.ts';
import { toLocale, type Locale } from '../../../domain/i18n/index.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { AccountEvent, AccountProfile } from '../../data/session/account-api.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { checkboxField, errorSummary, radioGroup, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import '../password-checklist/password-checklist.ts';
import { AccountEmailChangeRequestedEvent, AccountPasswordChangedEvent, AccountPreferencesSavedEvent } from './account-settings.events.ts';
import { accountSettingsMessages } from './account-settings.messages.ts';
import { accountSettingsStyles } from './account-settings.styles.ts';

export const ACCOUNT_SECTIONS = ['informations', 'securite', 'parametres'] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];

type Translator = Translate<(typeof accountSettingsMessages)['fr']>;
type EditedIdentifier = 'email' | 'password';

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

/** "jj/mm/aaaa - hh:mm" as the portal lists events (Paris time), in both languages. */
function eventTime(at: string, locale: Locale): string {
  return formatDateTime(at, locale).replace(' ', ' - ');
}

function labelIn(labels: Readonly<Record<string, { fr: string; en: string }>>, key: string, locale: Locale): string {
  return labels[key]?.[locale] ?? key;
}

/**
 * "Mon compte" (the portal's "Gestion de compte"), in three sections:
 * **Informations professionnelles** (who the user is, and each place of practice with its
 * AM/FINESS number, address and insurer office), **Connexion et sécurité** (the identifiers —
 * number, e-mail, password — with inline forms to change the e-mail or the password, and the
 * latest events) and **Paramètres** (language, e-mails from the insurer, card readers).
 *
 * Everything comes from the sync server through the provider's `account` service: the page
 * needs the network and says so when it is not there. Forms are checked with the shared schemas
 * before anything is sent, each message next to its field; the server's refusals land there too.
 * A new e-mail only becomes the identifier once the link sent to it is followed.
 *
 * @summary The user's own account: professional information, e-mail and password, settings.
 *
 * @csspart base - The whole element (title, tabs and panel).
 * @csspart tabs - The list of the three section tabs.
 * @csspart panel - The shown section.
 * @csspart field - Each field wrapper of the forms.
 * @csspart error-summary - The list of errors at the top of a form, when there are several.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 * @csspart notice - Why the account is not shown to a délégué acting for someone.
 *
 * @cssproperty --account-settings-max-width - Width of the element. Defaults to `56rem`.
 * @cssproperty --account-settings-title-color - Colour of "Mon compte". Defaults to `--ts-color-primary`.
 *
 * @fires account-email-change-requested - A new address was accepted; its validation link was sent. `detail: {email}`.
 * @fires account-password-changed - The password was changed; the account's other sessions are closed.
 * @fires account-preferences-saved - The settings were saved; `detail: {locale, emailCommunications}`.
 */
@customElement('account-settings')
export class AccountSettings extends LocalizedElement {
  static override styles = [baseStyles, formStyles, accountSettingsStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The section shown: `informations`, `securite` or `parametres`. */
  @property({ reflect: true }) section: AccountSection = 'informations';

  @state() private profile: AccountProfile | null = null;
  @state() private loadFailure: unknown = null;
  @state() private accountEvents: readonly AccountEvent[] | null = null;
  @state() private eventsFailure: unknown = null;
  @state() private editing: EditedIdentifier | null = null;
  @state() private errors: Record<string, string> = {};
  @state() private formProblem: unknown = null;
  @state() private problem: unknown = null;
  @state() private notice = '';
  @state() private busy = false;
  @state() private newPassword = '';
  /** Set once the temporary password was replaced here (the session still says it is required). */
  @state() private passwordChosen = false;

  #loads = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && changed.get('services')?.account !== this.services?.account) void this.#load();
  }

  get #section(): AccountSection {
    return ACCOUNT_SECTIONS.includes(this.section) ? this.section : 'informations';
  }

  get #temporaryPassword(): boolean {
    return !this.passwordChosen && this.services?.session.user.passwordChangeRequired === true;
  }

  get #t(): Translator {
    return translator(accountSettingsMessages, this.locale);
  }

  /** Fetches the profile and the events; a newer load (another session) wins over a late answer. */
  async #load(): Promise<void> {
    const load = ++this.#loads;
    const account = this.services?.account;
    this.profile = null;
    this.accountEvents = null;
    this.loadFailure = null;
    this.eventsFailure = null;
    this.#resetForms();
    this.passwordChosen = false;
    // A délégué acting for someone: the account is the délégant's own, the server would refuse.
    if (!account || this.services?.session.actor) return;
    const [profile, events] = await Promise.allSettled([account.profile(), account.events()]);
    if (load !== this.#loads) return;
    if (profile.status === 'fulfilled') this.profile = profile.value;
    else this.loadFailure = profile.reason;
    if (events.status === 'fulfilled') this.accountEvents = events.value;
    else this.eventsFailure = events.reason;
  }

  /** After a change: the profile (pending address) and the events again, keeping what is shown on failure. */
  async #refresh(): Promise<void> {
    const account = this.services?.account;
    if (!account) return;
    const load = this.#loads;
    const [profile, events] = await Promise.allSettled([account.profile(), account.events()]);
    if (load !== this.#loads) return;
    if (profile.status === 'fulfilled') this.profile = profile.value;
    if (events.status === 'fulfilled') {
      this.accountEvents = events.value;
      this.eventsFailure = null;
    }
  }

  #problemText(problem: unknown): string {
    if (problem instanceof ApiRequestError) return problem.kind === 'offline' ? this.#t('offline') : problem.message;
    return problem instanceof Error ? problem.message : String(problem);
  }

  #resetForms(): void {
    this.editing = null;
    this.errors = {};
    this.formProblem = null;
    this.problem = null;
    this.notice = '';
    this.newPassword = '';
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #select(section: AccountSection, focusTab: boolean): void {
    if (section !== this.#section) this.#resetForms();
    this.section = section;
    if (focusTab) this.#focus(`#tab-${section}`);
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = ACCOUNT_SECTIONS.indexOf(this.#section);
    const last = ACCOUNT_SECTIONS.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#select(ACCOUNT_SECTIONS[next]!, true);
  }

  #open(form: EditedIdentifier): void {
    this.#resetForms();
    this.editing = form;
    this.#focus(`[name="${this.#fieldsOf(form)[0]}"]`);
  }

  #close(): void {
    const form = this.editing;
    this.#resetForms();
    if (form) this.#focus(`#edit-${form}`);
  }

  #fieldsOf(form: EditedIdentifier): readonly string[] {
    return form === 'password' && this.#temporaryPassword ? FORM_FIELDS.password.filter((f) => f !== 'currentPassword') : FORM_FIELDS[form];
  }

  #showInvalid(form: EditedIdentifier, errors: Record<string, string>): void {
    this.errors = errors;
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
    this.formProblem = error;
    this.#focus('.form-problem');
  }

  async #send(form: EditedIdentifier, submit: (account: TeleservicesServices['account']) => Promise<string>): Promise<boolean> {
    const account = this.services?.account;
    if (!account) return false;
    this.busy = true;
    this.errors = {};
    this.formProblem = null;
    try {
      const message = await submit(account);
      this.#resetForms();
      this.notice = message;
      this.#focus('.status-message');
      void this.#refresh();
      return true;
    } catch (error) {
      this.#refused(form, error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async #changeEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const parsed = v.safeParse(
      EmailChangeSchema,
      { email: String(data.get('email') ?? '').trim(), emailConfirmation: String(data.get('emailConfirmation') ?? '').trim(), consent: data.get('consent') === 'true' },
      { lang: this.locale },
    );
    if (!parsed.success) return this.#showInvalid('email', firstIssueByField(parsed.issues));
    const form = parsed.output;
    if (await this.#send('email', (account) => account.changeEmail(form))) this.dispatchEvent(new AccountEmailChangeRequestedEvent({ email: form.email }));
  }

  async #changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const parsed = v.safeParse(
      PasswordChangeSchema,
      { currentPassword: String(data.get('currentPassword') ?? ''), password: String(data.get('password') ?? ''), passwordConfirmation: String(data.get('passwordConfirmation') ?? '') },
      { lang: this.locale },
    );
    if (!parsed.success) return this.#showInvalid('password', firstIssueByField(parsed.issues));
    const form = parsed.output;
    if (await this.#send('password', (account) => account.changePassword(form))) {
      this.passwordChosen = true;
      this.dispatchEvent(new AccountPasswordChangedEvent());
    }
  }

  async #resendValidation(): Promise<void> {
    const account = this.services?.account;
    if (!account) return;
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      this.notice = await account.resendValidation();
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
    }
  }

  async #savePreferences(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const account = this.services?.account;
    if (!account || !this.profile) return;
    const data = new FormData(event.target as HTMLFormElement);
    const wanted: AccountPreferences = { locale: toLocale(String(data.get('locale') ?? this.profile.preferences.locale)), emailCommunications: data.get('emailCommunications') === 'true' };
    this.busy = true;
    this.problem = null;
    this.notice = '';
    try {
      const preferences = await account.savePreferences(wanted);
      this.profile = { ...this.profile, preferences };
      this.notice = this.#t('saved');
      this.dispatchEvent(new AccountPreferencesSavedEvent(preferences));
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.#t;
    if (!this.services) return html`<p>${t('noSession')}</p>`;
    const { actor, user } = this.services.session;
    if (actor) {
      return html`<section part="base" aria-labelledby="account-title">
        <h2 part="heading" id="account-title">${t('title')}</h2>
        <p part="notice" role="status">${t('actingNotice', { who: [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ') })}</p>
      </section>`;
    }
    const section = this.#section;
    return html`<section part="base" aria-labelledby="account-title">
      <h2 part="heading" id="account-title">${t('title')}</h2>
      <div role="tablist" part="tabs" class="tabs" aria-labelledby="account-title" @keydown=${this.#onTabKey}>
        ${ACCOUNT_SECTIONS.map(
          (s) => html`<button
            part="button"
            type="button"
            role="tab"
            id=${`tab-${s}`}
            aria-selected=${s === section ? 'true' : 'false'}
            aria-controls=${ifDefined(s === section ? `panel-${s}` : undefined)}
            tabindex=${s === section ? '0' : '-1'}
            @click=${() => this.#select(s, false)}
          >
            ${t(`section.${s}`)}
          </button>`,
        )}
      </div>
      <div role="tabpanel" part="panel" class="panel" id=${`panel-${section}`} aria-labelledby=${`tab-${section}`} tabindex="0">${this.#panel(section, t)}</div>
    </section>`;
  }

  #panel(section: AccountSection, t: Translator): TemplateResult {
    const heading = html`<h3>${t(`section.${section}`)}</h3>`;
    if (this.loadFailure) {
      return html`${heading}
        <p class="problem" role="alert">${this.#problemText(this.loadFailure)}</p>
        <div class="actions"><button part="button" type="button" @click=${() => void this.#load()}>${t('retry')}</button></div>`;
    }
    const profile = this.profile;
    if (!profile) return html`${heading}<p role="status">${t('loading')}</p>`;
    const messages = html`${this.notice ? html`<p class="status-message" role="status" tabindex="-1">${this.notice}</p>` : nothing}
    ${this.problem ? html`<p class="problem" role="alert">${this.#problemText(this.problem)}</p>` : nothing}`;
    if (section === 'informations') return html`${heading}${this.#informations(profile, t)}`;
    if (section === 'securite') return html`${heading}${messages}${this.#security(profile, t)}`;
    return html`${heading}${messages}${this.#settings(profile, t)}`;
  }

  #row(label: string, value: unknown): TemplateResult {
    const shown = typeof value === 'string' && value.trim() !== '' ? value : this.#t('notProvided');
    return html`<div><dt>${label}</dt><dd>${shown}</dd></div>`;
  }

  #informations(profile: AccountProfile, t: Translator): TemplateResult {
    const locale = this.locale;
    return html`<section class="block" aria-labelledby="identity-title">
        <h4 id="identity-title">${`${profile.civility} ${profile.firstName} ${profile.lastName}`.trim()}</h4>
        <dl>
          ${this.#row(t('civility'), profile.civility)} ${this.#row(t('lastName'), profile.lastName)} ${this.#row(t('firstName'), profile.firstName)}
          ${this.#row(t('role'), labelIn(ROLE_LABELS, profile.role, locale))} ${this.#row(t('specialty'), profile.specialty)} ${this.#row(t('rpps'), profile.rpps)}
          ${this.#row(t('accountKind'), labelIn(ACCOUNT_KIND_LABELS, profile.accountKind, locale))}
        </dl>
      </section>
      ${profile.structures.length === 0
        ? html`<p class="muted">${t('noPlace')}</p>`
        : profile.structures.map(
            (place, index) => html`<section class="block" aria-labelledby=${`place-${index}-title`}>
              <h4 id=${`place-${index}-title`}>${t('place', { name: place.name })}</h4>
              <dl>
                ${this.#row(t('placeNumber'), place.number)} ${this.#row(t('street'), place.street)} ${this.#row(t('postcode'), place.postcode)}
                ${this.#row(t('commune'), place.commune)} ${this.#row(t('insurerOffice'), place.insurerOffice?.label)}
              </dl>
            </section>`,
          )}`;
  }

  #editButton(form: EditedIdentifier, hidden: string, t: Translator): TemplateResult {
    const open = this.editing === form;
    return html`<button
      part="button"
      type="button"
      class="edit"
      id=${`edit-${form}`}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${ifDefined(open ? `${form}-form` : undefined)}
      ?disabled=${this.busy}
      @click=${() => (open ? this.#close() : this.#open(form))}
    >
      ${pencil}${t('edit')}<span class="visually-hidden"> ${hidden}</span>
    </button>`;
  }

  #security(profile: AccountProfile, t: Translator): TemplateResult {
    return html`<section class="block" aria-labelledby="identifiers-title">
        <h4 id="identifiers-title">${t('identifiers')}</h4>
        <dl>
          ${this.#row(t('number'), profile.structures[0]?.number)}
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
                : html`<button part="button" type="button" class="link" ?disabled=${this.busy} @click=${() => void this.#resendValidation()}>${t('resend')}</button>`}
              ${this.editing === 'email' ? this.#emailForm(t) : nothing}
            </dd>
          </div>
          <div>
            <dt>${t('password')}</dt>
            <dd>
              <span class="identifier-value"><span aria-hidden="true">********</span>${this.#editButton('password', t('editPassword'), t)}</span>
              ${this.editing === 'password' ? this.#passwordForm(t) : nothing}
            </dd>
          </div>
        </dl>
      </section>
      <section class="block" aria-labelledby="events-title">
        <h4 id="events-title">${t('events')}</h4>
        ${this.#events(t)}
      </section>`;
  }

  #formTop(form: EditedIdentifier, t: Translator): TemplateResult {
    const summary = Object.entries(this.errors).map(([field, message]) => {
      const label = FIELD_LABELS[field];
      return { field, label: label ? t(label) : field, message };
    });
    return html`${summary.length > 1 ? errorSummary(t('summaryTitle'), summary, (field) => this.#focus(`[name="${field}"]`), this.locale) : nothing}
    ${this.formProblem ? html`<p class="problem form-problem" role="alert" tabindex="-1">${this.#problemText(this.formProblem)}</p>` : nothing}
    ${form === 'email' ? html`<p part="hint" class="hint">${t('emailHint')}</p>` : this.#temporaryPassword ? html`<p part="hint" class="hint">${t('temporaryPassword')}</p>` : nothing}`;
  }

  #formActions(t: Translator): TemplateResult {
    return html`<div class="actions">
      <button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('sending') : t('validate')}</button>
      <button part="button" type="button" ?disabled=${this.busy} @click=${() => this.#close()}>${t('cancel')}</button>
    </div>`;
  }

  #emailForm(t: Translator): TemplateResult {
    const e = this.errors;
    return html`<div class="inline-form" id="email-form">
      <h5 id="email-form-title">${t('emailFormTitle')}</h5>
      <form part="form" novalidate aria-labelledby="email-form-title" @submit=${this.#changeEmail}>
        ${this.#formTop('email', t)}
        ${textField({ name: 'email', label: t('newEmail'), value: '', type: 'email', autocomplete: 'email', required: true, error: e['email'] })}
        ${textField({ name: 'emailConfirmation', label: t('emailConfirmation'), value: '', type: 'email', autocomplete: 'off', required: true, error: e['emailConfirmation'] })}
        ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: e['consent'] })} ${this.#formActions(t)}
      </form>
    </div>`;
  }

  #passwordForm(t: Translator): TemplateResult {
    const e = this.errors;
    return html`<div class="inline-form" id="password-form">
      <h5 id="password-form-title">${t('passwordFormTitle')}</h5>
      <form
        part="form"
        novalidate
        aria-labelledby="password-form-title"
        @submit=${this.#changePassword}
        @input=${(event: Event) => {
          const target = event.target as HTMLInputElement;
          if (target.name === 'password') this.newPassword = target.value;
        }}
      >
        ${this.#formTop('password', t)}
        ${this.#temporaryPassword
          ? nothing
          : textField({ name: 'currentPassword', label: t('currentPassword'), value: '', type: 'password', autocomplete: 'current-password', required: true, error: e['currentPassword'] })}
        ${textField({ name: 'password', label: t('newPassword'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: e['password'] })}
        <password-checklist .password=${this.newPassword}></password-checklist>
        ${textField({ name: 'passwordConfirmation', label: t('passwordConfirmation'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: e['passwordConfirmation'] })}
        ${this.#formActions(t)}
      </form>
    </div>`;
  }

  #events(t: Translator): TemplateResult {
    if (this.eventsFailure) return html`<p class="problem">${this.#problemText(this.eventsFailure)}</p>`;
    const events = this.accountEvents;
    if (!events) return html`<p role="status">${t('loading')}</p>`;
    if (events.length === 0) return html`<p class="muted">${t('noEvents')}</p>`;
    const locale = this.locale;
    return html`<ul class="events">
      ${events.map((event) => html`<li><time datetime=${event.at}>${eventTime(event.at, locale)}</time> ${labelIn(ACCOUNT_EVENT_LABELS, event.action, locale)}</li>`)}
    </ul>`;
  }

  #settings(profile: AccountProfile, t: Translator): TemplateResult {
    return html`<section class="block" aria-labelledby="settings-title">
        <h4 id="settings-title">${t('settingsTitle')}</h4>
        <form part="form" novalidate aria-labelledby="settings-title" @submit=${this.#savePreferences}>
          ${radioGroup({
            name: 'locale',
            label: t('language'),
            value: profile.preferences.locale,
            choices: [
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ],
          })}
          ${checkboxField({ name: 'emailCommunications', label: t('emailCommunications'), checked: profile.preferences.emailCommunications })}
          <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('sending') : t('save')}</button></div>
        </form>
      </section>
      <section class="block" aria-labelledby="configure-title">
        <h4 id="configure-title">${t('configureTitle')}</h4>
        <p>${t('configureCards')}</p>
        <p class="muted">${t('configureHelp')}</p>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-settings': AccountSettings;
  }
  interface GlobalEventHandlersEventMap {
    'account-email-change-requested': AccountEmailChangeRequestedEvent;
    'account-password-changed': AccountPasswordChangedEvent;
    'account-preferences-saved': AccountPreferencesSavedEvent;
  }
}
