import { html, nothing, type TemplateResult } from 'lit';
import { DIAGNOSES, DIAGNOSIS_LABELS, SOCIAL_SUPPORT_NEEDS, SOCIAL_SUPPORT_NEED_LABELS, SYMPTOMS, SYMPTOMS_LABELS } from '../../../domain/fiche/vocabulary.ts';
import { ficheFieldLabel } from '../../../domain/fiche/field-labels.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import { checkboxField, checkboxGroup, radioGroup, selectField, textField, type FieldOptions } from '../../forms/form-fields.ts';
import { colon, translator, type Translate } from '../../i18n/messages.ts';
import { ficheFormMessages } from './fiche-form.messages.ts';

/**
 * The blocks both file forms show the same way (identity, contact details, environment,
 * symptoms), each control named after its schema field and labelled as in the seeds.
 */
export class FicheFields {
  readonly t: Translate<typeof ficheFormMessages.fr>;
  readonly en: boolean;

  constructor(
    readonly doc: Record<string, unknown>,
    readonly errors: Readonly<Record<string, string>>,
    readonly locked: ReadonlySet<string>,
    readonly required: ReadonlySet<string>,
    readonly locale: Locale,
  ) {
    this.t = translator(ficheFormMessages, locale);
    this.en = locale === 'en';
  }

  field(name: string): FieldOptions {
    return { name, label: ficheFieldLabel(name, this.locale), error: this.errors[name], required: this.required.has(name), readonly: this.locked.has(name) };
  }

  text(name: string): string {
    return String(this.doc[name] ?? '');
  }

  flag(name: string): boolean {
    return this.doc[name] === true;
  }

  yesNo(name: string, label?: string): TemplateResult {
    const value = this.doc[name] === true ? 'true' : this.doc[name] === false ? 'false' : '';
    return radioGroup({
      ...this.field(name),
      ...(label ? { label } : {}),
      value,
      choices: [
        { value: 'true', label: this.t('yes') },
        { value: 'false', label: this.t('no') },
      ],
    });
  }

  checkbox(name: string, extra: Partial<FieldOptions> = {}): TemplateResult {
    return checkboxField({ ...this.field(name), ...extra, checked: this.flag(name) });
  }

  date(name: string): TemplateResult {
    return textField({ ...this.field(name), value: this.text(name), type: 'date' });
  }

  /**
   * What the sync says about this file, above the form: the server's refusal, or the fields a
   * concurrent change overrode (the server's value is in the form; this device's is recalled).
   */
  syncNotice(entry: SyncJournalEntry | null): TemplateResult | typeof nothing {
    if (entry?.state === 'refused') return html`<p part="error" class="field-error" role="alert">${this.t('refused', { reason: entry.reason })}</p>`;
    if (entry?.state !== 'conflict') return nothing;
    return html`<div part="notice" class="notice" role="status">
      <p>${this.t('conflict')}</p>
      <ul>
        ${entry.conflicts.map((c) => html`<li>${ficheFieldLabel(c.field, this.locale)}${colon(this.locale)}${this.t('conflictYours', { value: String(JSON.parse(c.local) ?? '') })}</li>`)}
      </ul>
    </div>`;
  }

  /** A notice above the identity when it is locked, saying why. */
  identityNotice(fromDirectory: boolean): TemplateResult | typeof nothing {
    if (!['nir', 'lastName', 'firstName'].some((f) => this.locked.has(f))) return nothing;
    return html`<p part="notice" class="notice">${fromDirectory ? this.t('identityLocked') : this.t('identityLockedPharmacist')}</p>`;
  }

  identity(): TemplateResult {
    return html`
      ${textField({ ...this.field('nir'), value: this.locked.has('nir') ? formatNir(this.text('nir')) : this.text('nir'), maxlength: 21, hint: this.t('nirHint'), autocomplete: 'off' })}
      <div class="columns">
        ${textField({ ...this.field('lastName'), value: this.text('lastName'), autocomplete: 'family-name' })}
        ${textField({ ...this.field('birthName'), value: this.text('birthName') })}
        ${textField({ ...this.field('firstName'), value: this.text('firstName'), autocomplete: 'given-name' })}
        ${this.date('birthDate')}
      </div>
    `;
  }

  contactDetails(): TemplateResult {
    return html`
      <p part="hint" class="hint">${this.t('contactHint')}</p>
      <div class="columns">
        ${textField({ ...this.field('phone'), value: this.text('phone'), type: 'tel', autocomplete: 'tel' })}
        ${textField({ ...this.field('email'), value: this.text('email'), type: 'email', autocomplete: 'email' })}
      </div>
      ${this.checkbox('emailConsent')}
      ${textField({ ...this.field('address'), label: this.t('address'), value: this.text('address'), autocomplete: 'street-address' })}
      <div class="columns">
        ${textField({ ...this.field('postcode'), value: this.text('postcode'), inputmode: 'numeric', maxlength: 5, autocomplete: 'postal-code' })}
        ${textField({ ...this.field('commune'), value: this.text('commune'), autocomplete: 'address-level2' })}
      </div>
    `;
  }

  environment(): TemplateResult {
    return html`
      ${this.checkbox('collectivityExposure')} ${this.checkbox('travel14Days')}
      ${this.checkbox('socialSupport', { hint: this.t('socialSupportHint') })}
      ${checkboxGroup({
        ...this.field('socialSupportNeeds'),
        values: (this.doc['socialSupportNeeds'] as string[] | undefined) ?? [],
        choices: SOCIAL_SUPPORT_NEEDS.map((need) => ({ value: need, label: SOCIAL_SUPPORT_NEED_LABELS[need][this.en ? 'en' : 'fr'] })),
      })}
      ${textField({ ...this.field('socialSupportDetails'), value: this.text('socialSupportDetails'), multiline: true, maxlength: 1000, hint: this.t('socialSupportDetailsHint') })}
      ${this.checkbox('homeSampling')} ${this.checkbox('healthcareWorker')}
    `;
  }

  symptoms(): TemplateResult {
    return html`
      ${textField({ ...this.field('patientSituation'), value: this.text('patientSituation'), multiline: true, maxlength: 500 })}
      ${radioGroup({ ...this.field('symptoms'), value: this.text('symptoms'), choices: SYMPTOMS.map((s) => ({ value: s, label: SYMPTOMS_LABELS[s][this.en ? 'en' : 'fr'] })) })}
      ${selectField({
        ...this.field('diagnosis'),
        value: this.text('diagnosis'),
        placeholder: this.t('diagnosisPlaceholder'),
        choices: DIAGNOSES.map((d) => ({ value: d, label: DIAGNOSIS_LABELS[d][this.en ? 'en' : 'fr'] })),
      })}
    `;
  }
}
