import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ficheFieldLabel } from '../../../domain/fiche/field-labels.ts';
import { ficheStatusLabel, isValidatedStatus, type FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { requiredFicheFields } from '../../../domain/fiche/required-fields.ts';
import type { FicheSummary } from '../../../domain/fiche/fiche-summary.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { errorSummary } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { FicheFields } from '../fiche-form/fiche-form-blocks.ts';
import { FicheFormController } from '../fiche-form/fiche-form-controller.ts';
import { InsuredPrefillController } from '../fiche-form/insured-prefill-controller.ts';
import { ficheFormMessages } from '../fiche-form/fiche-form.messages.ts';
import { ficheFormStyles } from '../fiche-form/fiche-form.styles.ts';
import { PatientDuplicateFoundEvent, PatientEditCancelledEvent, PatientSavedEvent } from './contact-covid-patient-form.events.ts';
import { patientFormMessages } from './contact-covid-patient-form.messages.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';

/** Identity known to the insurer's directory, given by the host: shown read-only. */
export interface PatientPrefill {
  readonly nir: string;
  readonly lastName: string;
  readonly birthName?: string;
  readonly firstName: string;
  readonly birthDate?: string;
}

/**
 * Creates or edits a patient zéro ("NOUVEAU PATIENT ZÉRO"), field by field as in the service:
 * informations du patient, éléments environnementaux (with the seven kinds of social support),
 * contextes infections/symptômes (diagnosis, sampling date), the patient's agreement to share
 * their identity, and the legal notice required to validate. "Enregistrer en brouillon" keeps a
 * draft before the result; "Valider" validates. Checked with the shared schema: each error next
 * to its field and in a summary, the first invalid field focused. Saving is local and works
 * offline; the sync sends it. Once the NIR is typed, the insurer's directory of insured people
 * prefills the identity, read-only (`prefill` from the host does the same). As soon as NIR, nom
 * and prénom are known, a file with the same three is opened instead of created twice: what was
 * typed is kept, the notice is brought into view. « En attente du résultat de test » keeps the
 * file as a draft until the result.
 *
 * @summary Create / edit a patient zéro, with drafts, validation and duplicate detection.
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
 * @fires patient-saved - Saved on the device; `detail: {id, status, draft}`.
 * @fires patient-edit-cancelled - ANNULER; `detail: {id}` (null for a new file).
 * @fires patient-duplicate-found - The file already existed and was opened; `detail: {id}`.
 */
@customElement('contact-covid-patient-form')
export class ContactCovidPatientForm extends LocalizedElement {
  static override styles = [baseStyles, formStyles, ficheFormStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The file to edit; empty for a new patient zéro. */
  @property({ attribute: 'fiche-id' }) ficheId = '';

  /** Identity from the insurer's directory for a new file: prefilled and read-only. */
  @property({ attribute: false }) prefill: PatientPrefill | null = null;

  @state() private message = '';
  /** The existing file the typed identity matched (its kind words the notice). */
  @state() private duplicateOf: FicheSummary | null = null;

  readonly #form = new FicheFormController(this, 'patient_zero');
  readonly #insured = new InsuredPrefillController(this, () => this.services);
  // The form's fields are gone with the session (the element shows « connectez-vous »); its errors too.
  readonly #scope = new SessionScopeController(this, () => this.services?.session, () => (this.#form.errors = {}));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') || changed.has('ficheId')) this.#form.watch(this.services, this.ficheId);
  }

  get #initial(): Record<string, unknown> {
    return this.prefill ? { ...this.prefill, identityFromDirectory: true } : this.#insured.initial;
  }

  focusField(field: string): void {
    this.#form.focusField(field);
  }

  /** A new file's identity typed: the directory is asked about the NIR, then duplicates are looked for. */
  async #identityChanged(event: Event): Promise<void> {
    const name = (event.target as HTMLInputElement).name;
    if (this.#form.fiche || !['nir', 'lastName', 'firstName'].includes(name)) return;
    if (name === 'nir' && !this.prefill) await this.#insured.lookUp((event.target as HTMLInputElement).value);
    const duplicate = await this.#form.findDuplicate(this.#initial);
    if (duplicate) await this.#showDuplicate(duplicate);
  }

  /** Another NIR than the one the directory answered for: the identity is typed again. */
  #forgetInsured(): void {
    this.#insured.forget();
    void this.updateComplete.then(() => this.#form.focusField('nir'));
  }

  async #showDuplicate(duplicate: FicheSummary): Promise<void> {
    this.duplicateOf = duplicate;
    this.ficheId = duplicate.id;
    this.dispatchEvent(new PatientDuplicateFoundEvent({ id: duplicate.id }));
    // The notice is what the user must read now: brought into view and focused, wherever the form was scrolled.
    await this.#form.whenLoaded;
    await this.updateComplete;
    const notice = this.renderRoot.querySelector<HTMLElement>('.duplicate');
    notice?.scrollIntoView({ block: 'start' });
    notice?.focus();
  }

  async #save(mode: 'draft' | 'validate'): Promise<void> {
    const shared = translator(ficheFormMessages, this.locale);
    this.message = '';
    const outcome = await this.#form.save(mode, this.#initial);
    if (outcome.kind === 'duplicate') {
      await this.#showDuplicate(outcome.fiche);
    } else if (outcome.kind === 'saved') {
      const draft = outcome.fiche.status === 'brouillon';
      const awaiting = draft && mode === 'validate' && outcome.fiche.diagnosis === 'en_attente';
      this.message = awaiting
        ? translator(patientFormMessages, this.locale)('savedAwaitingResult')
        : draft
          ? shared('savedDraft')
          : shared('savedValidated', { status: ficheStatusLabel(outcome.fiche.status as FicheStatus, this.locale) });
      this.ficheId = outcome.fiche.id;
      this.dispatchEvent(new PatientSavedEvent({ id: outcome.fiche.id, status: outcome.fiche.status as FicheStatus, draft }));
    }
  }

  override render() {
    const shared = translator(ficheFormMessages, this.locale);
    const t = translator(patientFormMessages, this.locale);
    const form = this.#form;
    if (!this.services) return html`<p>${shared('noSession')}</p>`;
    if (!form.loaded) return html`<p role="status">${shared('loading')}</p>`;
    if (this.ficheId && !form.fiche) return html`<p role="status">${shared('notFound')}</p>`;

    const fiche = form.fiche;
    const doc = form.base(this.#initial);
    const fields = new FicheFields(doc, form.errors, form.locked(this.#initial), new Set(requiredFicheFields('patient_zero', true)), this.locale);
    const validated = fiche !== null && isValidatedStatus(fiche.status as FicheStatus);
    const summary = Object.entries(form.errors).map(([f, message]) => ({ field: f, label: ficheFieldLabel(f, this.locale), message }));

    const title = !fiche ? t('titleNew') : fiche.kind === 'contact' ? t('titleEditContact') : t('titleEdit');
    // A refused save has no status yet: only the refusal is shown, not what it would have been.
    const refused = form.syncEntry?.state === 'refused';

    return html`
      <h2 part="heading" class="title">${title}</h2>
      ${errorSummary(form.problem ? shared('notSaved') : shared('summaryTitle'), summary, (f) => form.focusField(f), this.locale, form.problem)}
      ${this.duplicateOf
        ? html`<p part="notice" class="notice duplicate" role="status" tabindex="-1">${this.duplicateOf.kind === 'contact' ? shared('duplicateContact') : shared('duplicate')}</p>`
        : nothing}
      ${fields.syncNotice(form.syncEntry)}
      ${this.message && !refused ? html`<p class="status-message" role="status">${this.message}</p>` : nothing}
      <p part="hint" class="hint">${shared('required')}</p>
      <form
        part="form"
        novalidate
        @change=${(e: Event) => void this.#identityChanged(e)}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#save('validate');
        }}
      >
        <section class="block" aria-labelledby="block-patient">
          <h3 id="block-patient">${t('blockPatient')}</h3>
          ${fields.identityNotice(doc['identityFromDirectory'] === true)}
          ${this.#insured.person && !fiche
            ? html`<p><button part="button" type="button" name="other-nir" @click=${this.#forgetInsured}>${t('otherNir')}</button></p>`
            : nothing}
          ${fields.identity()} ${fields.contactDetails()}
        </section>
        <section class="block" aria-labelledby="block-environment">
          <h3 id="block-environment">${shared('blockEnvironment')}</h3>
          ${fields.environment()}
        </section>
        <section class="block" aria-labelledby="block-context">
          <h3 id="block-context">${shared('blockContext')}</h3>
          ${fields.symptoms()} ${fields.date('samplingDate')}
        </section>
        <section class="block" aria-labelledby="block-agreement">
          <h3 id="block-agreement">${t('blockAgreement')}</h3>
          ${fields.yesNo('shareIdentityWithContacts', t('shareIdentity'))} ${fields.checkbox('legalNotice', { label: t('legalNotice') })}
          <p part="hint" class="hint">${shared('noDeletion')}</p>
        </section>
        <div class="actions">
          ${validated
            ? nothing
            : html`<button part="button" type="button" name="draft" ?disabled=${form.saving} @click=${() => this.#save('draft')}>${shared('saveDraft')}</button>`}
          <button part="button" type="button" name="cancel" @click=${() => this.dispatchEvent(new PatientEditCancelledEvent({ id: fiche?.id ?? null }))}>${shared('cancel')}</button>
          <button part="button primary" type="submit" class="primary" ?disabled=${form.saving}>${form.saving ? shared('saving') : shared('validate')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-covid-patient-form': ContactCovidPatientForm;
  }
}
