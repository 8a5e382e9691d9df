import { consume } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { contactOfficeByCode, contactOfficesForScheme, defaultContactOffice, officeHoursText, officeServesScheme } from '../../../domain/organisations/contact-offices.ts';
import { HEALTH_INSURANCE_SCHEMES } from '../../../domain/organisations/insurer-offices.ts';
import { INSURER_CONTACT_MESSAGE_MAX, INSURER_CONTACT_SUBJECTS, findSensitiveData, visibleLength, type InsurerContactReceipt, type SensitiveDataFound } from '../../../domain/insurer-contact/insurer-contact.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import { OnDemand } from '../../data/on-demand.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { errorSummary, selectField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { InsurerContactApi, type InsurerContactService } from '../insurer-contact-api.ts';
import { InsurerContactCancelledEvent, InsurerContactSentEvent } from './insurer-contact-form.events.ts';
import { insurerContactFormMessages } from './insurer-contact-form.messages.ts';
import { insurerContactFormStyles } from './insurer-contact-form.styles.ts';

/** The message's schema, loaded with the first send. */
const validation = new OnDemand(() => import('./insurer-contact-validation.ts'));

type Translator = Translate<(typeof insurerContactFormMessages)['fr']>;

/** The schema's fields, in the order they show (the first invalid one gets the focus). */
const FIELDS = ['scheme', 'office', 'subject', 'message'] as const;
type Field = (typeof FIELDS)[number];

/** From this many characters on, the counter is also announced (after a pause in the typing). */
const ANNOUNCE_FROM = INSURER_CONTACT_MESSAGE_MAX - 200;
const ANNOUNCE_AFTER_MS = 1000;

/**
 * « Contacter l'Assurance Maladie »: a general question (administrative or technical) to an
 * insurer office, as amelipro offers it. « Destinataire »: the régime and the office (the
 * user's own caisse by default, from `services.account.profile()`); « Envoyer un message »:
 * the objet and the message (2000 characters at most, counted as seen, with a live
 * « n / 2000 » counter); « Coordonnées organisme »: the chosen office's details.
 *
 * Nothing confidential belongs here: the form says so, and as the user types it points at a NIR
 * or a date of birth in the message (medical vocabulary is welcome); « Valider » refuses while they stand (the server refuses them
 * too). The form is checked with the shared `InsurerContactSchema`, each error next to its field.
 * Sending needs the network: without it the form says so and keeps what was typed.
 *
 * @summary Writes to an insurer office: recipient, subject, message (no confidential data).
 *
 * @csspart base - The whole element.
 * @csspart field - Each labelled field.
 * @csspart error-summary - The list of errors at the top of the form, when there are several.
 * @csspart details - The « Coordonnées organisme » block.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --insurer-contact-form-max-width - Width of the element. Defaults to `64rem`.
 * @cssproperty --insurer-contact-form-title-color - Colour of the title. Defaults to `--ts-color-primary`.
 *
 * @fires insurer-contact-sent - The office has the message; `detail: {reference, office}` (the request's number, the office's code).
 * @fires insurer-contact-cancelled - « Annuler ».
 */
@customElement('insurer-contact-form')
export class InsurerContactForm extends LocalizedElement {
  static override styles = [baseStyles, formStyles, insurerContactFormStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The recipient office's 3-digit code (e.g. `941`); by default the office of the user's first structure. */
  @property() office = '';

  /** Stands in for the server (stories); by default `POST /api/insurer-contact` with the provider's session. */
  @property({ attribute: false }) api: InsurerContactService | null = null;

  @state() private scheme = 'general';
  @state() private subject = '';
  @state() private message = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = false;
  @state() private offline = false;
  @state() private receipt: (InsurerContactReceipt & { officeLabel: string }) | null = null;
  /** What the visually hidden counter status says (set after a pause, near the limit only). */
  @state() private counterAnnouncement = '';

  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #loads = 0;
  /** The department of the user's own office: the default recipient when the scheme changes. */
  #homeDepartment = '';

  readonly #scope = new SessionScopeController(
    this,
    () => this.services?.session,
    () => {
      this.scheme = 'general';
      this.#homeDepartment = '';
      this.subject = '';
      this.message = '';
      this.errors = {};
      this.problem = '';
      this.receipt = null;
      this.counterAnnouncement = '';
    },
  );

  readonly #connection = new SubscriptionsController(
    this,
    () => [this.services?.syncStatus$],
    () => {
      this.offline = false;
      const status$ = this.services?.syncStatus$;
      return status$ ? [status$.subscribe((status) => (this.offline = status.connection === 'offline'))] : [];
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && changed.get('services')?.account !== this.services?.account) void this.#loadDefaultOffice();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  get #t(): Translator {
    return translator(insurerContactFormMessages, this.locale);
  }

  get #sensitive(): SensitiveDataFound[] {
    return findSensitiveData(this.message);
  }

  /** The office of the user's first structure (or its scheme's office of that department), unless one was chosen already. */
  async #loadDefaultOffice(): Promise<void> {
    const load = ++this.#loads;
    const account = this.services?.account;
    // A délégué acting for someone may not read the délégant's account: they pick the office.
    if (!account || this.office !== '' || this.services?.session.actor) return;
    try {
      const profile = await account.profile();
      const code = profile.structures.find((s) => s.insurerOffice)?.insurerOffice?.code;
      const own = code ? contactOfficeByCode(code) : undefined;
      if (load !== this.#loads || !own) return;
      this.#homeDepartment = own.department;
      if (this.office === '') this.office = (officeServesScheme(own.code, this.scheme) ? own : defaultContactOffice(this.scheme, own.department))?.code ?? '';
    } catch {
      // Offline or refused: the user picks the office; sending will say what is wrong.
    }
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #onChange(event: Event): void {
    const target = event.target as HTMLSelectElement | HTMLTextAreaElement;
    const name = target.name as Field;
    if (!FIELDS.includes(name)) return;
    if (name === 'message') {
      this.message = target.value;
      this.#scheduleAnnouncement();
    } else if (name === 'scheme') {
      this.scheme = target.value;
      // MSA lists no CPAM: an office of another scheme gives way to the scheme's office of the user's department.
      if (!officeServesScheme(this.office, this.scheme)) this.office = defaultContactOffice(this.scheme, this.#homeDepartment)?.code ?? '';
    }
    else if (name === 'office') this.office = target.value;
    else this.subject = target.value;
  }

  /** Announces the counter once the typing pauses, and only near (or past) the limit: not on every keystroke. */
  #scheduleAnnouncement(): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const count = visibleLength(this.message);
      const max = INSURER_CONTACT_MESSAGE_MAX;
      const t = this.#t;
      if (count > max) this.counterAnnouncement = t(`over.${pluralCategory(this.locale, count - max)}`, { over: count - max, max });
      else if (count >= ANNOUNCE_FROM) this.counterAnnouncement = t(`left.${pluralCategory(this.locale, max - count)}`, { left: max - count, max });
      else this.counterAnnouncement = '';
    }, ANNOUNCE_AFTER_MS);
  }

  #showInvalid(errors: Partial<Record<Field, string>>): void {
    this.errors = errors;
    const first = FIELDS.find((field) => errors[field]);
    if (first) this.#focus(`[name="${first}"]`);
  }

  /** The schema's module loading for a send; `updateComplete` waits for it, so that a send's errors are shown when it resolves. */
  #validation: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#validation;
    return super.getUpdateComplete();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.problem = '';
    const loading = validation.get();
    this.#validation = loading.catch(() => undefined);
    let checkInsurerContact: Awaited<typeof loading>['checkInsurerContact'];
    try {
      ({ checkInsurerContact } = await loading);
    } catch (error) {
      this.problem = moduleUnavailableMessage(error, this.locale) ?? String(error);
      this.#focus('.form-problem');
      return;
    }
    const checked = checkInsurerContact({ scheme: this.scheme, office: this.office, subject: this.subject, message: this.message }, this.locale);
    const errors: Partial<Record<Field, string>> = { ...checked.errors };
    if (!errors.message && this.#sensitive.length > 0) errors.message = this.#t('sensitiveBlocked');
    if (!checked.output || errors.message) return this.#showInvalid(errors);

    const sender = this.api ?? (this.services ? new InsurerContactApi(this.services.api) : null);
    if (!sender) return;
    const form = checked.output;
    this.errors = {};
    this.busy = true;
    try {
      const receipt = await sender.send(form);
      this.receipt = { ...receipt, officeLabel: contactOfficeByCode(form.office)?.label ?? form.office };
      this.subject = '';
      this.message = '';
      this.counterAnnouncement = '';
      this.#focus('#sent-title');
      this.dispatchEvent(new InsurerContactSentEvent({ reference: receipt.reference, office: form.office }));
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** The server's refusal next to its fields; anything else (no network…) above the buttons, the text kept. */
  #refused(error: unknown): void {
    const fields = error instanceof ApiRequestError ? error.body['fields'] : undefined;
    if (fields && typeof fields === 'object') {
      const shown = Object.fromEntries(Object.entries(fields).filter(([field, text]) => FIELDS.includes(field as Field) && typeof text === 'string'));
      if (Object.keys(shown).length > 0) return this.#showInvalid(shown);
    }
    if (error instanceof ApiRequestError) this.problem = error.kind === 'offline' ? this.#t('offline') : error.message;
    else this.problem = error instanceof Error ? error.message : String(error);
    this.#focus('.form-problem');
  }

  #cancel(): void {
    this.subject = '';
    this.message = '';
    this.errors = {};
    this.problem = '';
    this.counterAnnouncement = '';
    // The selects follow their `selected` attributes again (a user's pick makes them ignore it).
    void this.updateComplete.then(() => this.renderRoot.querySelector('form')?.reset());
    this.dispatchEvent(new InsurerContactCancelledEvent());
  }

  #writeAnother(): void {
    this.receipt = null;
    this.#focus('[name="subject"]');
  }

  override render() {
    const t = this.#t;
    if (!this.services) return html`<p>${t('noSession')}</p>`;
    return html`<section part="base" aria-labelledby="title">
      <h2 part="heading" id="title">${t('title')}</h2>
      ${this.receipt ? this.#sent(this.receipt, t) : this.#form(t)}
    </section>`;
  }

  #sent(receipt: InsurerContactReceipt & { officeLabel: string }, t: Translator): TemplateResult {
    return html`<div class="sent" role="status">
      <h3 id="sent-title" tabindex="-1">${t('sentTitle')}</h3>
      <p class="sent-message">${t('sent', { reference: receipt.reference, office: receipt.officeLabel })}</p>
      <p>${t('sentHint')}</p>
      <div class="actions"><button part="button" type="button" @click=${() => this.#writeAnother()}>${t('another')}</button></div>
    </div>`;
  }

  #form(t: Translator): TemplateResult {
    const e = this.errors;
    const locale = this.locale;
    const labels: Record<Field, string> = { scheme: t('scheme'), office: t('office'), subject: t('subject'), message: t('message') };
    const summary = FIELDS.filter((field) => e[field]).map((field) => ({ field, label: labels[field], message: e[field]! }));
    return html`<p class="intro">${t('intro')}</p>
      <form part="form" novalidate aria-labelledby="title" @submit=${this.#submit} @input=${this.#onChange} @change=${this.#onChange}>
        ${summary.length > 1 ? errorSummary(t('summaryTitle'), summary, (field) => this.#focus(`[name="${field}"]`), this.locale) : nothing}
        ${this.offline ? html`<p class="offline" role="status">${t('offlineNotice')}</p>` : nothing}
        <div class="columns">
          <div class="main">
            <section class="block" aria-labelledby="recipient-title">
              <h3 id="recipient-title">${t('recipientTitle')}</h3>
              ${selectField({
                name: 'scheme',
                label: labels.scheme,
                value: this.scheme,
                placeholder: t('choose'),
                required: true,
                error: e.scheme,
                choices: HEALTH_INSURANCE_SCHEMES.map((s) => ({ value: s.value, label: s.label[locale] })),
              })}
              ${selectField({
                name: 'office',
                label: labels.office,
                value: this.office,
                placeholder: t('choose'),
                required: true,
                error: e.office,
                choices: contactOfficesForScheme(this.scheme).map((o) => ({ value: o.code, label: o.label })),
              })}
            </section>
            <section class="block" aria-labelledby="message-title">
              <h3 id="message-title">${t('messageTitle')}</h3>
              <p class="warning" id="confidentiality"><span class="icon" aria-hidden="true">i</span><span>${t('warning')}</span></p>
              ${selectField({
                name: 'subject',
                label: labels.subject,
                value: this.subject,
                placeholder: t('choose'),
                required: true,
                error: e.subject,
                choices: INSURER_CONTACT_SUBJECTS.map((s) => ({ value: s.value, label: s.label[locale] })),
              })}
              ${this.#messageField(labels.message, t)}
            </section>
          </div>
          ${this.#details(t)}
        </div>
        ${this.problem ? html`<p class="problem form-problem" role="alert" tabindex="-1">${this.problem}</p>` : nothing}
        <div class="actions">
          <button part="button" type="button" ?disabled=${this.busy} @click=${() => this.#cancel()}>${t('cancel')}</button>
          <button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('sending') : t('validate')}</button>
        </div>
      </form>`;
  }

  #messageField(label: string, t: Translator): TemplateResult {
    const error = this.errors.message;
    const count = visibleLength(this.message);
    const max = INSURER_CONTACT_MESSAGE_MAX;
    const sensitive = this.#sensitive;
    const describedBy = ['confidentiality', 'message-counter', sensitive.length > 0 ? 'message-sensitive' : '', error ? 'message-error' : ''].filter(Boolean).join(' ');
    // No native maxlength: it counts UTF-16 units (an emoji counts twice) and silently cuts a
    // pasted text; the counter turns red past the limit and the schema refuses instead.
    return html`<div class="field ${error ? 'invalid' : ''}" part="field">
      <label part="label" for="message">${label}<span class="required" aria-hidden="true"> *</span></label>
      <textarea part="input" id="message" name="message" rows="10" required .value=${this.message} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy}></textarea>
      <p class="hint counter ${count > max ? 'over' : ''}" id="message-counter">${t('counter', { count, max })}</p>
      <p class="visually-hidden" role="status">${this.counterAnnouncement}</p>
      <div class="sensitive" id="message-sensitive" aria-live="polite">${sensitive.length > 0
          ? html`<p>${t('sensitiveTitle')}</p>
              <ul>
                ${sensitive.map((found) => html`<li>${t(found.kind === 'nir' ? 'sensitiveNir' : 'sensitiveBirthdate', { excerpt: found.excerpt })}</li>`)}
              </ul>`
          : nothing}</div>
      ${error ? html`<p part="error" class="field-error" id="message-error">${error}</p>` : nothing}
    </div>`;
  }

  #details(t: Translator): TemplateResult {
    const office = contactOfficeByCode(this.office);
    return html`<section class="block details" part="details" aria-labelledby="details-title">
      <h3 id="details-title">${t('detailsTitle')}</h3>
      ${office
        ? html`<dl>
            <div><dt>${t('detailsName')}</dt><dd>${office.label}</dd></div>
            ${office.details.address ? html`<div><dt>${t('detailsAddress')}</dt><dd>${office.details.address}</dd></div>` : nothing}
            <div><dt>${t('detailsArea')}</dt><dd>${office.departments.length > 0 ? office.departments.join(', ') : t('national')}</dd></div>
            <div><dt>${t('detailsPhone')}</dt><dd>${office.details.phone === '3608' ? t('phone') : office.details.phone}</dd></div>
            <div><dt>${t('detailsHours')}</dt><dd>${officeHoursText(office.details.hours, this.locale === 'en' ? 'en' : 'fr')}</dd></div>
          </dl>`
        : html`<p part="hint" class="hint">${t('detailsNone')}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'insurer-contact-form': InsurerContactForm;
  }
}
