import { consume } from '@lit/context';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { AccountDataController } from './account-data.ts';
import { AccountErrorReportRequestedEvent, type AccountEmailChangeRequestedEvent, type AccountPasswordChangedEvent, type AccountPreferencesSavedEvent } from './account-settings.events.ts';
import { accountSettingsMessages } from './account-settings.messages.ts';
import { accountSettingsStyles } from './account-settings.styles.ts';
import { focusAfterUpdate, problemText, type Translator } from './account-settings-view.ts';
import { informationsTab } from './informations-tab.ts';
import { PreferencesTabController } from './preferences-tab.ts';
import { SecurityTabController } from './security-tab.ts';

export const ACCOUNT_SECTIONS = ['informations', 'securite', 'parametres'] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];

/**
 * "Mon compte" (the portal's "Gestion de compte"), in three sections:
 * **Informations professionnelles** (who the user is, and each place of practice with its
 * AM/FINESS number, address and insurer office), **Connexion et sécurité** (the identifiers —
 * number, e-mail, password — with inline forms to change the e-mail or the password, and the
 * latest events) and **Paramètres de compte** (language, e-mails from the insurer, setting up the workstation, technical support).
 *
 * Everything comes from the sync server through the provider's `account` service: the page
 * needs the network and says so when it is not there. Forms are checked with the shared schemas
 * before anything is sent, each message next to its field; the server's refusals land there too.
 * A new e-mail only becomes the identifier once the link sent to it is followed.
 *
 * Each tab is its own module with its form (`informations-tab.ts`, `security-tab.ts`,
 * `preferences-tab.ts`); this element holds the tabs and what they show (`account-data.ts`).
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
 * @fires account-error-report-requested - « Signaler une erreur » on the professional information: the host opens the insurer-contact form for `detail.office` (the office's code).
 */
@customElement('account-settings')
export class AccountSettings extends LocalizedElement {
  static override styles = [baseStyles, formStyles, accountSettingsStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The section shown: `informations`, `securite` or `parametres`. */
  @property({ reflect: true }) section: AccountSection = 'informations';

  readonly #data = new AccountDataController(this);
  readonly #security = new SecurityTabController(this, this.#data);
  readonly #preferences = new PreferencesTabController(this, this.#data);

  /** Waits for a send's check too (its schema loads on demand): its errors are shown when `updateComplete` resolves. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#security.checked;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && changed.get('services')?.account !== this.services?.account) void this.#load();
  }

  get #section(): AccountSection {
    return ACCOUNT_SECTIONS.includes(this.section) ? this.section : 'informations';
  }

  get #t(): Translator {
    return translator(accountSettingsMessages, this.locale);
  }

  /** Another session (or « Réessayer »): the forms closed, then the account fetched again. */
  #load(): Promise<void> {
    this.#resetForms();
    this.#security.forgetPasswordChosen();
    return this.#data.load();
  }

  #resetForms(): void {
    this.#security.reset();
    this.#preferences.reset();
  }

  #select(section: AccountSection, focusTab: boolean): void {
    if (section !== this.#section) this.#resetForms();
    this.section = section;
    if (focusTab) focusAfterUpdate(this, `#tab-${section}`);
  }

  #onTabKey(event: KeyboardEvent): void {
    const index = ACCOUNT_SECTIONS.indexOf(this.#section);
    const last = ACCOUNT_SECTIONS.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#select(ACCOUNT_SECTIONS[next]!, true);
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
    const heading = html`<h3>${t(`section.${section}`)}</h3>
      <p class="intro">${t(`intro.${section}`)}</p>`;
    if (this.#data.loadFailure) {
      return html`${heading}
        <p class="problem" role="alert">${problemText(this.#data.loadFailure, t)}</p>
        <div class="actions"><button part="button" type="button" @click=${() => void this.#load()}>${t('retry')}</button></div>`;
    }
    const profile = this.#data.profile;
    if (!profile) return html`${heading}<p role="status">${t('loading')}</p>`;
    if (section === 'informations') return html`${heading}${informationsTab(profile, t, this.locale, (office) => this.dispatchEvent(new AccountErrorReportRequestedEvent({ office })))}`;
    if (section === 'securite') return html`${heading}${this.#security.messages(t)}${this.#security.render(profile, t)}`;
    return html`${heading}${this.#preferences.messages(t)}${this.#preferences.render(profile, t)}`;
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
    'account-error-report-requested': AccountErrorReportRequestedEvent;
  }
}
