import * as v from 'valibot';
import { validatePostcodeOrDepartment, validateEmail, validatePhone } from '../identifiers/contact-details.ts';
import { validateNir } from '../identifiers/nir.ts';
import { domainMessage } from '../i18n/index.ts';
import { calendarDate, choice, choices, fieldIssues, flag, identifier, instant, message, personName, text, type FieldIssue } from '../validation/fields.ts';
import { FICHE_STATUSES, ficheStatusLabel, isFicheStatus, isValidatedStatus, statusAppliesTo } from './fiche-status.ts';
import { requiredFicheFields } from './required-fields.ts';
import { DIAGNOSES, SOCIAL_SUPPORT_NEEDS, SYMPTOMS, type FicheKind } from './vocabulary.ts';

/**
 * The Contact COVID file ("fiche"), shared by the widgets, the sync server, the tests and
 * integrators. Both kinds carry the same fields: a contact promoted to patient zéro keeps what
 * was recorded about it. Optional text fields take '' for "not given".
 *
 * `declarantId`, `structureId`, `createdAt`, `statusSince` and `updatedAt` belong to the
 * server: it sets them from the session and its clock, whatever a client sends.
 */
export const FICHE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export { SERVER_OWNED_FICHE_FIELDS } from './server-owned-fields.ts';

const ficheId = () => v.pipe(v.string(message('fiche.id')), v.regex(FICHE_ID_PATTERN, message('fiche.id')));
const optionalChoice = <const T extends readonly string[]>(options: T) =>
  v.optional(v.union([v.literal(''), choice(options)], message('choice.invalid')));

const ficheEntries = {
  id: ficheId(),
  status: choice(FICHE_STATUSES),
  statusSince: v.optional(instant()),

  // Informations du patient / de la personne contact
  nir: v.optional(identifier(validateNir)),
  lastName: v.optional(personName()),
  birthName: v.optional(personName()),
  firstName: v.optional(personName()),
  birthDate: v.optional(calendarDate()),
  phone: v.optional(identifier(validatePhone)),
  email: v.optional(identifier(validateEmail)),
  emailConsent: v.optional(flag()),
  address: v.optional(text(300)),
  postcode: v.optional(identifier(validatePostcodeOrDepartment)),
  commune: v.optional(text(100)),
  /** Identity prefilled from the insurer's directory: NIR, names and birth date are read-only. */
  identityFromDirectory: v.optional(flag()),

  // Contextes infections / symptômes
  patientSituation: v.optional(text(500)),
  symptoms: optionalChoice(SYMPTOMS),
  diagnosis: optionalChoice(DIAGNOSES),
  samplingDate: v.optional(calendarDate()),

  // Éléments environnementaux
  collectivityExposure: v.optional(flag()),
  travel14Days: v.optional(flag()),
  socialSupport: v.optional(flag()),
  socialSupportNeeds: v.optional(choices(SOCIAL_SUPPORT_NEEDS)),
  socialSupportDetails: v.optional(text(1000)),
  homeSampling: v.optional(flag()),
  healthcareWorker: v.optional(flag()),

  /** On a patient zéro: identity may be told to the contacts; on a contact: to this contact. */
  shareIdentityWithContacts: v.optional(flag()),
  legalNotice: v.optional(flag()),

  // Patient contact
  indexCaseId: v.optional(v.union([v.literal(''), ficheId()], message('fiche.id'))),
  sameHousehold: v.optional(flag()),
  lastContactDate: v.optional(calendarDate()),
  wantsResults: v.optional(flag()),
  resultsRecipient: v.optional(text(500)),
  maskDelivered: v.optional(flag()),

  // Set by the server
  declarantId: v.optional(text(64)),
  structureId: v.optional(text(64)),
  createdAt: v.optional(instant()),
  updatedAt: v.optional(instant()),
};

export { requiredFicheFields };

interface DocumentIssue {
  readonly field: FicheField;
  readonly message: (lang?: string) => string;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The rules that look at the whole file rather than one field. They read the raw input
 * defensively, so a form can show them together with the field errors.
 */
export function ficheDocumentIssues(raw: unknown): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return issues;
  const input = raw as Record<string, unknown>;
  const kind = input['kind'];
  const status = input['status'];
  if ((kind !== 'patient_zero' && kind !== 'contact') || !isFicheStatus(status)) return issues;
  if (!statusAppliesTo(status, kind)) {
    issues.push({ field: 'status', message: (lang) => domainMessage('fiche.statusKind', { status: ficheStatusLabel(status, lang) }, lang) });
  }
  for (const field of requiredFicheFields(kind, isValidatedStatus(status))) {
    if (field === 'legalNotice') {
      if (input['legalNotice'] !== true) issues.push({ field, message: (lang) => domainMessage('fiche.legalNoticeRequired', {}, lang) });
    } else if (field === 'indexCaseId') {
      if (isBlank(input[field])) issues.push({ field, message: (lang) => domainMessage('fiche.indexCaseRequired', {}, lang) });
    } else if (isBlank(input[field])) {
      issues.push({ field, message: (lang) => domainMessage('required', {}, lang) });
    }
  }
  const birthDate = input['birthDate'];
  const samplingDate = input['samplingDate'];
  if (typeof birthDate === 'string' && typeof samplingDate === 'string' && birthDate !== '' && samplingDate !== '' && samplingDate < birthDate) {
    issues.push({ field: 'samplingDate', message: (lang) => domainMessage('fiche.samplingBeforeBirth', {}, lang) });
  }
  const needs = input['socialSupportNeeds'];
  if (Array.isArray(needs) && needs.length > 0 && input['socialSupport'] !== true) {
    issues.push({ field: 'socialSupportNeeds', message: (lang) => domainMessage('fiche.socialSupportNeedsWithoutSupport', {}, lang) });
  }
  return issues;
}

const objectMessage = (issue: v.BaseIssue<unknown>) =>
  domainMessage(issue.expected === 'never' ? 'fiche.unknownField' : 'fiche.notObject', {}, issue.lang);

export const PatientZeroSchema = v.strictObject({ ...ficheEntries, kind: v.literal('patient_zero') }, objectMessage);
export const ContactSchema = v.strictObject({ ...ficheEntries, kind: v.literal('contact') }, objectMessage);

const FicheVariant = v.variant('kind', [PatientZeroSchema, ContactSchema], (issue) =>
  domainMessage(issue.expected === 'Object' ? 'fiche.notObject' : 'choice.invalid', {}, issue.lang),
);

/** A file of either kind, with the whole-document rules. Its output is the stored form. */
export const FicheSchema = v.pipe(
  FicheVariant,
  v.rawCheck<v.InferOutput<typeof FicheVariant>>(({ dataset, addIssue }) => {
    const fiche = dataset.value as unknown as Record<string, unknown>;
    for (const issue of ficheDocumentIssues(fiche)) {
      addIssue({
        message: (i) => issue.message(i.lang),
        path: [{ type: 'object', origin: 'value', input: fiche, key: issue.field, value: fiche[issue.field] }],
      });
    }
  }),
);

export type FicheInput = v.InferInput<typeof FicheSchema>;
export type Fiche = v.InferOutput<typeof FicheSchema>;
export type FicheField = keyof typeof ficheEntries | 'kind';

export type FicheValidation =
  | { readonly success: true; readonly fiche: Fiche }
  | { readonly success: false; readonly issues: readonly FieldIssue[] };

/**
 * Validates a file and reports every problem at once: the field errors and the whole-document
 * rules, even when a field error stops valibot's pipeline early; one message per field, the
 * first found. French by default.
 */
export function validateFiche(input: unknown, locale: string = 'fr'): FicheValidation {
  const result = v.safeParse(FicheSchema, input, { lang: locale, abortPipeEarly: true });
  if (result.success) return { success: true, fiche: result.output };
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: FieldIssue) => {
    if (seen.has(issue.field)) return;
    seen.add(issue.field);
    issues.push(issue);
  };
  fieldIssues(result.issues).forEach(add);
  for (const issue of ficheDocumentIssues(input)) add({ field: issue.field, message: issue.message(locale) });
  return { success: false, issues };
}
