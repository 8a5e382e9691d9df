import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Subscription } from 'rxjs';
import {
  DIAGNOSES,
  DIAGNOSIS_LABELS,
  SOCIAL_SUPPORT_NEEDS,
  SOCIAL_SUPPORT_NEED_LABELS,
  SYMPTOMS,
  SYMPTOMS_LABELS,
  ficheFieldLabel,
  ficheStatusLabel,
  formatNir,
  isValidatedStatus,
  requiredFicheFields,
  type FicheStatus,
  type Role,
} from '../../../domain/index.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { checkboxField, checkboxGroup, errorSummary, radioGroup, selectField, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { lockedFields, newFicheId, readFicheForm, requestedStatus } from '../fiche-form/fiche-form-model.ts';
import { PatientDuplicateFoundEvent, PatientEditCancelledEvent, PatientSavedEvent } from './contact-covid-patient-form.events.ts';
import { patientFormMessages } from './contact-covid-patient-form.messages.ts';
import { patientFormStyles } from './contact-covid-patient-form.styles.ts';

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
 * offline; the sync sends it. A file with the same NIR, nom and prénom is opened instead of
 * created twice.
 *
 * @summary Create / edit a patient zéro, with drafts, validation and duplicate detection.
 *
 * @csspart form - The form.
 * @csspart field - Each field wrapper.
 * @csspart error-summary - The list of errors at the top.
 *
 * @cssproperty --contact-covid-patient-form-max-width - Width of the form. Defaults to `56rem`.
 * @cssproperty --contact-covid-patient-form-title-color - Colour of the title. Defaults to `--ts-color-primary`.
 *
 * @fires patient-saved - Saved on the device; `detail: {id, status, draft}`.
 * @fires patient-edit-cancelled - ANNULER; `detail: {id}` (null for a new file).
 * @fires patient-duplicate-found - The file already existed and was opened; `detail: {id}`.
 */
@customElement('contact-covid-patient-form')
export class ContactCovidPatientForm extends LocalizedElement {
  static override styles = [baseStyles, formStyles, patientFormStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The file to edit; empty for a new patient zéro. */
  @property({ attribute: 'fiche-id' }) ficheId = '';

  /** Identity from the insurer's directory for a new file: prefilled and read-only. */
  @property({ attribute: false }) prefill: PatientPrefill | null = null;

  @state() private fiche: LocalFiche | null = null;
  @state() private loaded = false;
  @state() private errors: Record<string, string> = {};
  @state() private saving = false;
  @state() private message = '';
  @state() private duplicateNotice = false;
  @state() private syncEntry: SyncJournalEntry | null = null;

  #newId = newFicheId('p0');
  #subscriptions: Subscription[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') || changed.has('ficheId')) this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services && this.#subscriptions.length === 0) this.#watch();
  }

  #unwatch(): void {
    this.#subscriptions.forEach((s) => s.unsubscribe());
    this.#subscriptions = [];
  }

  #watch(): void {
    this.#unwatch();
    this.fiche = null;
    this.syncEntry = null;
    this.loaded = !this.ficheId;
    const services = this.services;
    if (!services || !this.ficheId) return;
    this.#subscriptions.push(
      services.fiches.get$(this.ficheId).subscribe((fiche) => {
        this.fiche = fiche;
        this.loaded = true;
      }),
      services.journal.entry$('fiches', this.ficheId).subscribe((entry) => (this.syncEntry = entry)),
    );
  }

  get #role(): Role {
    return (this.services?.session.user.role ?? 'medecin') as Role;
  }

  /** The document the form starts from. */
  get #base(): Record<string, unknown> {
    if (this.fiche) return this.fiche;
    const prefill = this.prefill ? { ...this.prefill, identityFromDirectory: true } : {};
    return { id: this.#newId, kind: 'patient_zero', status: 'brouillon', ...prefill };
  }

  /** Fields shown read-only: a directory identity (prefilled or stored), a pharmacist on a recorded file. */
  get #locked(): Set<string> {
    return lockedFields(this.#role, this.fiche ?? (this.prefill ? this.#base : null));
  }

  focusField(field: string): void {
    const control = this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`);
    control?.focus();
  }

  async #save(mode: 'draft' | 'validate'): Promise<void> {
    const services = this.services;
    const form = this.renderRoot.querySelector('form');
    if (!services || !form || this.saving) return;
    const t = translator(patientFormMessages, this.locale);
    const base = this.#base;
    const doc = readFicheForm(form, base, this.#locked);
    doc['status'] = requestedStatus('patient_zero', (this.fiche?.status as FicheStatus | undefined) ?? null, mode);
    this.saving = true;
    this.message = '';
    try {
      if (!this.fiche && mode === 'validate') {
        const duplicate = await services.ficheServer.findDuplicate(doc as { id: string; nir?: string; lastName?: string; firstName?: string });
        if (duplicate) {
          if (!(await services.fiches.get(duplicate.id))) await services.ficheServer.open(duplicate.id).catch(() => undefined);
          this.errors = {};
          this.duplicateNotice = true;
          this.ficheId = duplicate.id;
          this.dispatchEvent(new PatientDuplicateFoundEvent({ id: duplicate.id }));
          return;
        }
      }
      const result = await services.fiches.save(doc, this.#role, this.locale);
      if (!result.ok) {
        const errors: Record<string, string> = {};
        for (const issue of result.issues) errors[issue.field.split('.')[0] ?? issue.field] ??= issue.message;
        this.errors = errors;
        await this.updateComplete;
        const first = result.issues[0]?.field.split('.')[0];
        if (first) this.focusField(first);
        return;
      }
      this.errors = {};
      const draft = result.fiche.status === 'brouillon';
      this.message = draft ? t('savedDraft') : t('savedValidated', { status: ficheStatusLabel(result.fiche.status, this.locale) });
      if (!this.fiche) this.ficheId = result.fiche.id;
      this.dispatchEvent(new PatientSavedEvent({ id: result.fiche.id, status: result.fiche.status, draft }));
    } finally {
      this.saving = false;
    }
  }

  #cancel(): void {
    this.errors = {};
    this.dispatchEvent(new PatientEditCancelledEvent({ id: this.fiche?.id ?? null }));
  }

  override render() {
    const t = translator(patientFormMessages, this.locale);
    if (!this.services) return html`<p>${t('noSession')}</p>`;
    if (!this.loaded) return html`<p role="status">${t('loading')}</p>`;
    if (this.ficheId && !this.fiche) return html`<p role="status">${t('notFound')}</p>`;

    const en = this.locale === 'en';
    const doc = this.#base;
    const text = (name: string) => String(doc[name] ?? '');
    const flag = (name: string) => doc[name] === true;
    const yesNo = (name: string) => (doc[name] === true ? 'true' : doc[name] === false ? 'false' : '');
    const locked = this.#locked;
    const validated = this.fiche !== null && isValidatedStatus(this.fiche.status as FicheStatus);
    const required = new Set<string>(requiredFicheFields('patient_zero', true));
    const label = (name: string) => ficheFieldLabel(name, this.locale);
    const field = (name: string) => ({ name, label: label(name), error: this.errors[name], required: required.has(name), readonly: locked.has(name) });
    const identityHint =
      locked.size === 0 ? undefined : this.fiche?.identityFromDirectory || (!this.fiche && this.prefill) ? t('identityLocked') : t('identityLockedPharmacist');
    const summary = Object.entries(this.errors).map(([f, message]) => ({ field: f, label: label(f), message }));
    const yesNoChoices = [
      { value: 'true', label: t('yes') },
      { value: 'false', label: t('no') },
    ];

    return html`
      <h2 class="title">${this.fiche ? t('titleEdit') : t('titleNew')}</h2>
      ${errorSummary(t('summaryTitle'), summary, (f) => this.focusField(f))}
      ${this.duplicateNotice ? html`<p class="notice" role="status">${t('duplicate')}</p>` : nothing}
      ${this.syncEntry?.state === 'refused' ? html`<p class="field-error" role="alert">${t('refused', { reason: this.syncEntry.reason })}</p>` : nothing}
      ${this.message ? html`<p class="status-message" role="status">${this.message}</p>` : nothing}
      <p class="hint">${t('required')}</p>
      <form part="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        void this.#save('validate');
      }}>
        <section class="block" aria-labelledby="block-patient">
          <h3 id="block-patient">${t('blockPatient')}</h3>
          ${identityHint ? html`<p class="notice">${identityHint}</p>` : nothing}
          ${textField({ ...field('nir'), value: locked.has('nir') ? formatNir(text('nir')) : text('nir'), inputmode: 'text', maxlength: 21, hint: t('nirHint'), autocomplete: 'off' })}
          <div class="columns">
            ${textField({ ...field('lastName'), value: text('lastName'), autocomplete: 'family-name' })}
            ${textField({ ...field('birthName'), value: text('birthName') })}
            ${textField({ ...field('firstName'), value: text('firstName'), autocomplete: 'given-name' })}
            ${textField({ ...field('birthDate'), value: text('birthDate'), type: 'date' })}
          </div>
          <p class="hint" id="contact-hint">${t('contactHint')}</p>
          <div class="columns">
            ${textField({ ...field('phone'), value: text('phone'), type: 'tel', autocomplete: 'tel' })}
            ${textField({ ...field('email'), value: text('email'), type: 'email', autocomplete: 'email' })}
          </div>
          ${checkboxField({ ...field('emailConsent'), checked: flag('emailConsent') })}
          ${textField({ ...field('address'), label: t('address'), value: text('address'), autocomplete: 'street-address' })}
          <div class="columns">
            ${textField({ ...field('postcode'), value: text('postcode'), inputmode: 'numeric', maxlength: 5, autocomplete: 'postal-code' })}
            ${textField({ ...field('commune'), value: text('commune'), autocomplete: 'address-level2' })}
          </div>
        </section>

        <section class="block" aria-labelledby="block-environment">
          <h3 id="block-environment">${t('blockEnvironment')}</h3>
          ${checkboxField({ ...field('collectivityExposure'), checked: flag('collectivityExposure') })}
          ${checkboxField({ ...field('travel14Days'), checked: flag('travel14Days') })}
          ${checkboxField({ ...field('socialSupport'), checked: flag('socialSupport'), hint: t('socialSupportHint') })}
          ${checkboxGroup({
            ...field('socialSupportNeeds'),
            values: (doc['socialSupportNeeds'] as string[] | undefined) ?? [],
            choices: SOCIAL_SUPPORT_NEEDS.map((need) => ({ value: need, label: SOCIAL_SUPPORT_NEED_LABELS[need][en ? 'en' : 'fr'] })),
          })}
          ${textField({ ...field('socialSupportDetails'), value: text('socialSupportDetails'), multiline: true, maxlength: 1000, hint: t('socialSupportDetailsHint') })}
          ${checkboxField({ ...field('homeSampling'), checked: flag('homeSampling') })}
          ${checkboxField({ ...field('healthcareWorker'), checked: flag('healthcareWorker') })}
        </section>

        <section class="block" aria-labelledby="block-context">
          <h3 id="block-context">${t('blockContext')}</h3>
          ${textField({ ...field('patientSituation'), value: text('patientSituation'), multiline: true, maxlength: 500 })}
          ${radioGroup({
            ...field('symptoms'),
            value: text('symptoms'),
            choices: SYMPTOMS.map((s) => ({ value: s, label: SYMPTOMS_LABELS[s][en ? 'en' : 'fr'] })),
          })}
          ${selectField({
            ...field('diagnosis'),
            value: text('diagnosis'),
            placeholder: t('diagnosisPlaceholder'),
            choices: DIAGNOSES.map((d) => ({ value: d, label: DIAGNOSIS_LABELS[d][en ? 'en' : 'fr'] })),
          })}
          ${textField({ ...field('samplingDate'), value: text('samplingDate'), type: 'date' })}
        </section>

        <section class="block" aria-labelledby="block-agreement">
          <h3 id="block-agreement">${t('blockAgreement')}</h3>
          ${radioGroup({ ...field('shareIdentityWithContacts'), label: t('shareIdentity'), value: yesNo('shareIdentityWithContacts'), choices: yesNoChoices })}
          ${checkboxField({ ...field('legalNotice'), label: t('legalNotice'), checked: flag('legalNotice') })}
          <p class="hint">${t('noDeletion')}</p>
        </section>

        <div class="actions">
          ${validated
            ? nothing
            : html`<button type="button" name="draft" ?disabled=${this.saving} @click=${() => this.#save('draft')}>${t('saveDraft')}</button>`}
          <button type="button" name="cancel" @click=${this.#cancel}>${t('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? t('saving') : t('validate')}</button>
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
