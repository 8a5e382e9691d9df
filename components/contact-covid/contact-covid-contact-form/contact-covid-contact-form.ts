import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import { ficheFieldLabel } from '../../../domain/fiche/field-labels.ts';
import { ficheStatusLabel, type FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { formatDate } from '../../../domain/validation/dates.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';
import { formatPhone } from '../../../domain/identifiers/contact-details.ts';
import { requiredFicheFields } from '../../../domain/fiche/required-fields.ts';
import { DIAGNOSIS_LABELS, type Diagnosis, type FicheKind } from '../../../domain/fiche/vocabulary.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { errorSummary, selectField, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { FicheFields } from '../fiche-form/fiche-form-blocks.ts';
import { FicheFormController } from '../fiche-form/fiche-form-controller.ts';
import { InsuredPrefillController } from '../fiche-form/insured-prefill-controller.ts';
import { ficheFormMessages } from '../fiche-form/fiche-form.messages.ts';
import { ficheFormStyles } from '../fiche-form/fiche-form.styles.ts';
import { ContactEditCancelledEvent, ContactSavedEvent } from './contact-covid-contact-form.events.ts';
import { contactFormMessages } from './contact-covid-contact-form.messages.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';

/** What this user does with the form: everything, record a mask (pharmacist), record a sample (biologist). */
export type ContactFormMode = 'full' | 'mask' | 'sampling';

/**
 * Creates or edits a patient contact linked to a patient zéro ("NOUVEAU PATIENT CONTACT"):
 * informations personne contact (même foyer, the patient zéro's agreement to share their
 * identity…), contextes infections/symptômes, prélèvement test, destinataire du résultat, masque,
 * the legal notice, éléments environnementaux (date of the last contact…). Only nom, prénom and
 * département are required. Its status follows the phone (`PC - À contacter` with one,
 * `PC - Contact à trouver` without), and a positive or probable result makes the contact a
 * patient zéro. Role-aware: a pharmacist on another structure's contact records the mask
 * ("Masque délivré : Oui" → Valider) or a positive antigen test (with its date and the legal
 * notice; it promotes the contact), a biologist sees what the sampling needs (address, phone,
 * home sampling, results) and records its date. Each save is confirmed in words.
 *
 * @summary Create / edit a contact, record a mask delivery or a sampling.
 *
 * @csspart form - The form.
 * @csspart field - Each field wrapper.
 * @csspart error-summary - The list of errors at the top.
 * @csspart heading - The title(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart notice - Each informative notice (not an error).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --contact-covid-form-max-width - Width of the form. Defaults to `56rem`.
 * @cssproperty --contact-covid-form-title-color - Colour of the title. Defaults to `--ts-color-primary`.
 *
 * @fires contact-saved - Saved on the device; `detail: {id, indexCaseId, status, kind, promoted}`.
 * @fires contact-edit-cancelled - ANNULER; `detail: {id, indexCaseId}`.
 */
@customElement('contact-covid-contact-form')
export class ContactCovidContactForm extends LocalizedElement {
  static override styles = [baseStyles, formStyles, ficheFormStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The contact to edit; empty for a new contact of `indexCaseId`. */
  @property({ attribute: 'fiche-id' }) ficheId = '';

  /** The patient zéro a new contact belongs to. */
  @property({ attribute: 'index-case-id' }) indexCaseId = '';

  /** Forces a mode; by default it follows the user's role and the file's structure. */
  @property() mode: ContactFormMode | '' = '';

  @state() private message = '';
  @state() private indexCase: LocalFiche | null = null;

  readonly #form = new FicheFormController(this, 'contact');
  readonly #insured = new InsuredPrefillController(this, () => this.services);
  // The form's fields are gone with the session (the element shows « connectez-vous »); its errors too.
  readonly #scope = new SessionScopeController(this, () => this.services?.session, () => (this.#form.errors = {}));
  #indexSubscription: Subscription | null = null;
  #indexWatched = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') || changed.has('ficheId')) this.#form.watch(this.services, this.ficheId);
    this.#watchIndexCase(this.#form.fiche?.indexCaseId || this.indexCaseId, changed.has('services'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#indexSubscription?.unsubscribe();
    this.#indexSubscription = null;
    this.#indexWatched = '';
  }

  /** Follows the patient zéro of the contact, to name it. */
  #watchIndexCase(id: string, servicesChanged: boolean): void {
    if (id === this.#indexWatched && !servicesChanged) return;
    this.#indexWatched = id;
    this.#indexSubscription?.unsubscribe();
    this.#indexSubscription = id && this.services ? this.services.fiches.get$(id).subscribe((fiche) => (this.indexCase = fiche)) : null;
  }

  /** The mode this user gets on this file. */
  get effectiveMode(): ContactFormMode {
    if (this.mode) return this.mode;
    const user = this.services?.session.user;
    const fiche = this.#form.fiche;
    if (!user || !fiche) return 'full';
    if (user.role === 'biologiste') return 'sampling';
    const ownStructure = user.structures.some((s) => s.id === fiche.structureId) || !fiche.structureId;
    return user.role === 'pharmacien' && !ownStructure ? 'mask' : 'full';
  }

  get #initial(): Record<string, unknown> {
    return { indexCaseId: this.indexCaseId, ...this.#insured.initial };
  }

  /** A new contact's NIR typed: the insurer's directory may know the person. */
  async #nirChanged(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    if (input.name === 'nir' && !this.#form.fiche) await this.#insured.lookUp(input.value);
  }

  /** Another NIR than the one the directory answered for: the identity is typed again. */
  #forgetInsured(): void {
    this.#insured.forget();
    void this.updateComplete.then(() => this.#form.focusField('nir'));
  }

  focusField(field: string): void {
    this.#form.focusField(field);
  }

  async #save(): Promise<void> {
    const t = translator(contactFormMessages, this.locale);
    const mode = this.effectiveMode;
    this.message = '';
    const outcome = await this.#form.save('validate', this.#initial, { detectDuplicates: false });
    if (outcome.kind !== 'saved') return;
    const { fiche, previous } = outcome;
    const promoted = fiche.kind === 'patient_zero';
    const status = ficheStatusLabel(fiche.status as FicheStatus, this.locale);
    const name = `${fiche.lastName.toUpperCase()} ${fiche.firstName}`.trim();
    this.message = promoted
      ? t('promoted', { status })
      : mode === 'mask' && fiche.maskDelivered === true && previous?.maskDelivered !== true
        ? t('maskSaved', { name })
        : mode === 'sampling' && fiche.samplingDate
          ? t('samplingSaved', { name, date: formatDate(fiche.samplingDate, this.locale) })
          : t('saved', { status });
    this.ficheId = fiche.id;
    this.dispatchEvent(
      new ContactSavedEvent({ id: fiche.id, indexCaseId: fiche.indexCaseId, status: fiche.status as FicheStatus, kind: fiche.kind as FicheKind, promoted, message: this.message }),
    );
  }

  /** What the biologist needs to take the sample: where, how to reach the person, who gets the result. */
  #samplingDetails(fiche: Record<string, unknown>, t: Translate<typeof contactFormMessages.fr>) {
    const answer = (field: string) => (fiche[field] === true ? t('yes') : fiche[field] === false ? t('no') : '—');
    return html`
      <p>${t('homeSampling', { answer: answer('homeSampling') })}</p>
      <p>${t('wantsResults', { answer: answer('wantsResults') })}</p>
      ${fiche['resultsRecipient'] ? html`<p>${t('resultsRecipient', { details: String(fiche['resultsRecipient']) })}</p>` : nothing}
      ${fiche['lastContactDate'] ? html`<p>${t('lastContact', { date: formatDate(String(fiche['lastContactDate']), this.locale) })}</p>` : nothing}
    `;
  }

  /** A pharmacist's positive antigen test on someone else's contact: result, date, notice. */
  #antigenBlock(fields: FicheFields, doc: Record<string, unknown>, t: Translate<typeof contactFormMessages.fr>) {
    const current = String(doc['diagnosis'] ?? '') as Diagnosis | '';
    const choices = [...new Set<Diagnosis>([...(current ? [current] : []), 'antigenique_positif'])];
    return html`<section class="block" aria-labelledby="block-antigen">
      <h3 id="block-antigen">${t('blockAntigen')}</h3>
      <p part="hint" class="hint">${t('antigenHelp')}</p>
      ${selectField({
        ...fields.field('diagnosis'),
        value: current,
        placeholder: fields.t('diagnosisPlaceholder'),
        choices: choices.map((d) => ({ value: d, label: DIAGNOSIS_LABELS[d][this.locale === 'en' ? 'en' : 'fr'] })),
      })}
      ${fields.date('samplingDate')} ${fields.checkbox('legalNotice', { label: t('legalNotice') })}
    </section>`;
  }

  #identitySummary(fiche: Record<string, unknown>, t: Translate<typeof contactFormMessages.fr>) {
    const text = (name: string) => String(fiche[name] ?? '');
    return html`<section class="block" aria-labelledby="block-identity">
      <h3 id="block-identity">${t('identity')}</h3>
      <p class="identity-name"><strong>${text('lastName').toUpperCase()} ${text('firstName')}</strong></p>
      ${text('nir') ? html`<p>${t('nir', { nir: formatNir(text('nir')) })}</p>` : nothing}
      ${text('birthDate') ? html`<p>${t('birthDate', { date: formatDate(text('birthDate'), this.locale) })}</p>` : nothing}
      <p>${t('address', { address: `${text('postcode')} ${text('commune')}`.trim() })}</p>
      ${text('phone') ? html`<p>${t('phone', { phone: formatPhone(text('phone')) })}</p>` : nothing}
    </section>`;
  }

  override render() {
    const shared = translator(ficheFormMessages, this.locale);
    const t = translator(contactFormMessages, this.locale);
    const form = this.#form;
    if (!this.services) return html`<p>${shared('noSession')}</p>`;
    if (!form.loaded) return html`<p role="status">${shared('loading')}</p>`;
    if (this.ficheId && !form.fiche) return html`<p role="status">${shared('notFound')}</p>`;
    if (!form.fiche && !this.indexCaseId) return html`<p role="status">${t('noIndexCase')}</p>`;

    const fiche = form.fiche;
    const doc = form.base(this.#initial);
    const mode = this.effectiveMode;
    const fields = new FicheFields(doc, form.errors, form.locked(this.#initial), new Set(requiredFicheFields('contact', true)), this.locale);
    const summary = Object.entries(form.errors).map(([f, message]) => ({ field: f, label: ficheFieldLabel(f, this.locale), message }));
    const title = mode === 'mask' ? t('titleMask') : mode === 'sampling' ? t('titleSampling') : fiche ? t('titleEdit') : t('titleNew');
    const indexName = this.indexCase ? `${this.indexCase.lastName.toUpperCase()} ${this.indexCase.firstName}`.trim() : '';

    return html`
      <h2 part="heading" class="title">${title}</h2>
      ${indexName ? html`<p class="index-case">${t('indexCase', { name: indexName })}</p>` : nothing}
      ${errorSummary(form.problem ? shared('notSaved') : shared('summaryTitle'), summary, (f) => form.focusField(f), this.locale, form.problem)}
      ${fields.syncNotice(form.syncEntry)}
      ${this.message && form.syncEntry?.state !== 'refused' ? html`<p class="status-message" role="status">${this.message}</p>` : nothing}
      <form
        part="form"
        novalidate
        @change=${(e: Event) => void this.#nirChanged(e)}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#save();
        }}
      >
        ${mode === 'mask'
          ? html`${this.#identitySummary(doc, t)}
              <section class="block" aria-labelledby="block-mask">
                <h3 id="block-mask">${t('blockMask')}</h3>
                <p part="hint" class="hint">${t('maskHelp')}</p>
                ${fields.yesNo('maskDelivered')}
              </section>
              ${fiche?.kind === 'contact' ? this.#antigenBlock(fields, doc, t) : nothing}`
          : mode === 'sampling'
            ? html`${this.#identitySummary(doc, t)}
                <section class="block" aria-labelledby="block-sampling">
                  <h3 id="block-sampling">${t('blockSampling')}</h3>
                  ${this.#samplingDetails(doc, t)}
                  <p part="hint" class="hint">${t('samplingHelp')}</p>
                  ${fields.date('samplingDate')}
                </section>`
            : html`
                <p part="hint" class="hint">${shared('required')}</p>
                <section class="block" aria-labelledby="block-contact">
                  <h3 id="block-contact">${t('blockContact')}</h3>
                  ${fields.identityNotice(doc['identityFromDirectory'] === true)}
                  ${this.#insured.person && !fiche
                    ? html`<p><button part="button" type="button" name="other-nir" @click=${this.#forgetInsured}>${t('otherNir')}</button></p>`
                    : nothing}
                  ${fields.identity()} ${fields.checkbox('sameHousehold')}
                  ${fields.yesNo('shareIdentityWithContacts', t('shareIdentity'))} ${fields.contactDetails()}
                </section>
                <section class="block" aria-labelledby="block-context">
                  <h3 id="block-context">${shared('blockContext')}</h3>
                  ${fields.symptoms()}
                </section>
                <section class="block" aria-labelledby="block-sampling">
                  <h3 id="block-sampling">${t('blockSampling')}</h3>
                  ${fields.date('samplingDate')}
                </section>
                <section class="block" aria-labelledby="block-results">
                  <h3 id="block-results">${t('blockResults')}</h3>
                  ${fields.yesNo('wantsResults')}
                  ${textField({ ...fields.field('resultsRecipient'), value: fields.text('resultsRecipient'), multiline: true, maxlength: 500 })}
                </section>
                <section class="block" aria-labelledby="block-mask">
                  <h3 id="block-mask">${t('blockMask')}</h3>
                  ${fields.yesNo('maskDelivered')}
                </section>
                <section class="block" aria-labelledby="block-environment">
                  <h3 id="block-environment">${shared('blockEnvironment')}</h3>
                  ${fields.date('lastContactDate')} ${fields.environment()}
                </section>
                ${fields.checkbox('legalNotice', { label: t('legalNotice') })}
                <p part="hint" class="hint">${shared('noDeletion')}</p>
              `}
        <div class="actions">
          <button part="button" type="button" name="cancel" @click=${() => this.dispatchEvent(new ContactEditCancelledEvent({ id: fiche?.id ?? null, indexCaseId: String(doc['indexCaseId'] ?? '') }))}>
            ${shared('cancel')}
          </button>
          <button part="button primary" type="submit" class="primary" ?disabled=${form.saving}>${form.saving ? shared('saving') : shared('validate')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-covid-contact-form': ContactCovidContactForm;
  }
}
