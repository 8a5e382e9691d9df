import { editableFicheFields } from '../../../domain/fiche/fiche-field-rights.ts';
import { IDENTITY_FIELDS, type FicheKind } from '../../../domain/fiche/vocabulary.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';

/** How each control of a file form turns into a document field. */
export const TEXT_FIELDS = [
  'nir',
  'lastName',
  'birthName',
  'firstName',
  'birthDate',
  'phone',
  'email',
  'address',
  'postcode',
  'commune',
  'patientSituation',
  'samplingDate',
  'socialSupportDetails',
  'lastContactDate',
  'resultsRecipient',
  'symptoms',
  'diagnosis',
] as const;
export const CHECKBOX_FIELDS = [
  'emailConsent',
  'collectivityExposure',
  'travel14Days',
  'socialSupport',
  'homeSampling',
  'healthcareWorker',
  'legalNotice',
  'sameHousehold',
] as const;
/** Oui / Non radio buttons: true, false, or not answered. */
export const YES_NO_FIELDS = ['shareIdentityWithContacts', 'wantsResults', 'maskDelivered'] as const;
export const LIST_FIELDS = ['socialSupportNeeds'] as const;

/**
 * Reads a file form into a document: `base` is the file being edited (or the new file's id and
 * kind), `locked` the fields shown read-only (they keep the base's value, since disabled
 * controls are not submitted).
 */
export function readFicheForm(form: HTMLFormElement, base: Record<string, unknown>, locked: ReadonlySet<string>): Record<string, unknown> {
  const data = new FormData(form);
  const doc: Record<string, unknown> = { ...base };
  const present = (name: string) => form.elements.namedItem(name) !== null && !locked.has(name);
  for (const name of TEXT_FIELDS) if (present(name)) doc[name] = String(data.get(name) ?? '').trim();
  for (const name of CHECKBOX_FIELDS) if (present(name)) doc[name] = data.has(name);
  for (const name of YES_NO_FIELDS) {
    if (!present(name)) continue;
    const value = data.get(name);
    if (value === 'true') doc[name] = true;
    else if (value === 'false') doc[name] = false;
    else delete doc[name];
  }
  for (const name of LIST_FIELDS) if (present(name)) doc[name] = data.getAll(name).map(String);
  if (doc['socialSupport'] !== true) doc['socialSupportNeeds'] = [];
  return doc;
}

/** The status a save asks for: a draft, or validation (the repository settles the entry state). */
export function requestedStatus(kind: FicheKind, current: FicheStatus | null, mode: 'draft' | 'validate'): FicheStatus {
  if (mode === 'draft') return 'brouillon';
  if (current !== null && current !== 'brouillon') return current;
  return kind === 'patient_zero' ? 'p0_confirme_a_trouver' : 'pc_a_contacter';
}

/** Every field a file form may show. */
export const FORM_FIELDS: readonly string[] = [...TEXT_FIELDS, ...CHECKBOX_FIELDS, ...YES_NO_FIELDS, ...LIST_FIELDS];

/**
 * Fields a user may not change on this file: the identity when it comes from the insurer's
 * directory, for a pharmacist the identity of any file already recorded, and on a file of
 * another structure whatever the role may not write there (`editableFicheFields`: a
 * pharmacist records the mask or a positive antigen test). The server refuses those changes too.
 */
export function lockedFields(role: string, fiche: Record<string, unknown> | null, ownStructure = true): Set<string> {
  const locked = new Set<string>();
  if (!fiche) return locked;
  const editable = editableFicheFields(role, ownStructure);
  if (editable !== 'all') FORM_FIELDS.filter((f) => !editable.includes(f)).forEach((f) => locked.add(f));
  const identity = IDENTITY_FIELDS as readonly string[];
  if (fiche['identityFromDirectory'] === true) identity.forEach((f) => locked.add(f));
  if (role === 'pharmacien' && fiche['status'] !== 'brouillon') {
    identity.forEach((f) => {
      const value = fiche[f];
      if (value !== undefined && value !== '') locked.add(f);
    });
  }
  return locked;
}

/** A new file id: random, URL-safe, valid for the schema. */
export function newFicheId(prefix: 'p0' | 'pc'): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
