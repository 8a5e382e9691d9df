import { domainMessage, type DomainMessageKey, type MessageParams } from '../i18n/index.ts';
import type { Role } from '../roles.ts';
import { POSITIVE_DIAGNOSES, type Diagnosis, type FicheKind } from './vocabulary.ts';

/**
 * The Contact COVID status state machine, as data.
 *
 * A file starts as a draft (`brouillon`, optional) and is validated into its entry state:
 * `p0_confirme_a_trouver` for a patient zéro, `pc_a_contacter` (reachable: a phone is known) or
 * `pc_contact_a_trouver` (not reachable yet) for a contact. A patient zéro validated « En attente
 * du résultat de test » stays a draft until the result. The insurer's platform then calls
 * people and moves files to contacted, unreachable and closed. A contact whose diagnosis turns
 * positive (RT-PCR, antigen) or probable is promoted to patient zéro. Nothing moves back to
 * draft, and nothing is ever deleted.
 */
export const FICHE_STATUSES = [
  'brouillon',
  'p0_confirme_a_trouver',
  'p0_confirme_contacte',
  'p0_confirme_injoignable',
  'p0_cloture',
  'pc_contact_a_trouver',
  'pc_a_contacter',
  'pc_contacte',
  'pc_injoignable',
  'pc_cloture',
] as const;
export type FicheStatus = (typeof FICHE_STATUSES)[number];

interface StatusDefinition {
  /** Kinds of file that may carry this status. */
  readonly kinds: readonly FicheKind[];
  readonly label: { readonly fr: string; readonly en: string };
  /** Whether the file is past validation (and so may never be deleted or go back to draft). */
  readonly validated: boolean;
  /** No platform work is left on the file. */
  readonly final: boolean;
}

const BOTH: readonly FicheKind[] = ['patient_zero', 'contact'];
const P0: readonly FicheKind[] = ['patient_zero'];
const PC: readonly FicheKind[] = ['contact'];

export const FICHE_STATUS_DEFINITIONS: Record<FicheStatus, StatusDefinition> = {
  brouillon: { kinds: BOTH, label: { fr: 'Brouillon', en: 'Draft' }, validated: false, final: false },
  p0_confirme_a_trouver: {
    kinds: P0,
    label: { fr: 'P0 - Confirmé - À trouver', en: 'P0 - Confirmed - To be reached' },
    validated: true,
    final: false,
  },
  p0_confirme_contacte: {
    kinds: P0,
    label: { fr: 'P0 - Confirmé - Contacté', en: 'P0 - Confirmed - Contacted' },
    validated: true,
    final: false,
  },
  p0_confirme_injoignable: {
    kinds: P0,
    label: { fr: 'P0 - Confirmé - Injoignable', en: 'P0 - Confirmed - Unreachable' },
    validated: true,
    final: false,
  },
  p0_cloture: { kinds: P0, label: { fr: 'P0 - Clôturé', en: 'P0 - Closed' }, validated: true, final: true },
  pc_contact_a_trouver: {
    kinds: PC,
    label: { fr: 'PC - Contact à trouver', en: 'PC - Contact to be found' },
    validated: true,
    final: false,
  },
  pc_a_contacter: { kinds: PC, label: { fr: 'PC - À contacter', en: 'PC - To be contacted' }, validated: true, final: false },
  pc_contacte: { kinds: PC, label: { fr: 'PC - Contacté', en: 'PC - Contacted' }, validated: true, final: false },
  pc_injoignable: { kinds: PC, label: { fr: 'PC - Injoignable', en: 'PC - Unreachable' }, validated: true, final: false },
  pc_cloture: { kinds: PC, label: { fr: 'PC - Clôturé', en: 'PC - Closed' }, validated: true, final: true },
};

/** What moves a file from one status to another. */
export const FICHE_EVENTS = [
  'valider',
  'mettre_a_jour_coordonnees',
  'promouvoir',
  'contacter',
  'declarer_injoignable',
  'recontacter',
  'cloturer',
] as const;
export type FicheEvent = (typeof FICHE_EVENTS)[number];

export interface FicheTransition {
  readonly event: FicheEvent;
  readonly from: FicheStatus;
  readonly to: FicheStatus;
  /** Roles allowed to cause it. */
  readonly roles: readonly Role[];
}

/** Roles that create and edit files in the field. */
const FIELD_ROLES: readonly Role[] = ['medecin', 'pharmacien', 'directeur_cds', 'agent_plateforme'];
/** Roles that may change a file's data without creating files (the biologist records sampling). */
const EDITING_ROLES: readonly Role[] = [...FIELD_ROLES, 'biologiste'];
const PLATFORM: readonly Role[] = ['agent_plateforme'];

const PC_OPEN: readonly FicheStatus[] = ['pc_contact_a_trouver', 'pc_a_contacter', 'pc_contacte', 'pc_injoignable', 'pc_cloture'];

export const FICHE_TRANSITIONS: readonly FicheTransition[] = [
  { event: 'valider', from: 'brouillon', to: 'p0_confirme_a_trouver', roles: FIELD_ROLES },
  { event: 'valider', from: 'brouillon', to: 'pc_a_contacter', roles: FIELD_ROLES },
  { event: 'valider', from: 'brouillon', to: 'pc_contact_a_trouver', roles: FIELD_ROLES },
  { event: 'mettre_a_jour_coordonnees', from: 'pc_contact_a_trouver', to: 'pc_a_contacter', roles: EDITING_ROLES },
  { event: 'mettre_a_jour_coordonnees', from: 'pc_a_contacter', to: 'pc_contact_a_trouver', roles: EDITING_ROLES },
  ...PC_OPEN.map((from) => ({ event: 'promouvoir' as const, from, to: 'p0_confirme_a_trouver' as const, roles: FIELD_ROLES })),
  { event: 'contacter', from: 'p0_confirme_a_trouver', to: 'p0_confirme_contacte', roles: PLATFORM },
  { event: 'contacter', from: 'pc_a_contacter', to: 'pc_contacte', roles: PLATFORM },
  { event: 'contacter', from: 'pc_contact_a_trouver', to: 'pc_contacte', roles: PLATFORM },
  { event: 'declarer_injoignable', from: 'p0_confirme_a_trouver', to: 'p0_confirme_injoignable', roles: PLATFORM },
  { event: 'declarer_injoignable', from: 'pc_a_contacter', to: 'pc_injoignable', roles: PLATFORM },
  { event: 'declarer_injoignable', from: 'pc_contact_a_trouver', to: 'pc_injoignable', roles: PLATFORM },
  { event: 'recontacter', from: 'p0_confirme_injoignable', to: 'p0_confirme_contacte', roles: PLATFORM },
  { event: 'recontacter', from: 'pc_injoignable', to: 'pc_contacte', roles: PLATFORM },
  { event: 'cloturer', from: 'p0_confirme_contacte', to: 'p0_cloture', roles: PLATFORM },
  { event: 'cloturer', from: 'p0_confirme_injoignable', to: 'p0_cloture', roles: PLATFORM },
  { event: 'cloturer', from: 'pc_contacte', to: 'pc_cloture', roles: PLATFORM },
  { event: 'cloturer', from: 'pc_injoignable', to: 'pc_cloture', roles: PLATFORM },
];

export function isFicheStatus(value: unknown): value is FicheStatus {
  return typeof value === 'string' && (FICHE_STATUSES as readonly string[]).includes(value);
}

/** The label users know (`P0 - Confirmé - À trouver`), in French by default. */
export function ficheStatusLabel(status: FicheStatus, locale: string = 'fr'): string {
  const { label } = FICHE_STATUS_DEFINITIONS[status];
  return locale.startsWith('en') ? label.en : label.fr;
}

export function isValidatedStatus(status: FicheStatus): boolean {
  return FICHE_STATUS_DEFINITIONS[status].validated;
}

export function statusAppliesTo(status: FicheStatus, kind: FicheKind): boolean {
  return FICHE_STATUS_DEFINITIONS[status].kinds.includes(kind);
}

export function transitionsFrom(status: FicheStatus): readonly FicheTransition[] {
  return FICHE_TRANSITIONS.filter((t) => t.from === status);
}

/** The statuses a given role may move a file to by hand (e.g. the platform agent's menu). */
export function manualTargetsFor(status: FicheStatus, role: Role): readonly FicheStatus[] {
  return transitionsFrom(status)
    .filter((t) => t.roles.includes(role) && (t.event === 'contacter' || t.event === 'declarer_injoignable' || t.event === 'recontacter' || t.event === 'cloturer'))
    .map((t) => t.to);
}

export function isPositiveDiagnosis(diagnosis: Diagnosis | '' | undefined): boolean {
  return diagnosis !== undefined && diagnosis !== '' && POSITIVE_DIAGNOSES.includes(diagnosis);
}

/** The facts about a file that decide its status. */
export interface FicheStatusFacts {
  readonly kind: FicheKind;
  readonly status: FicheStatus;
  readonly phone?: string | undefined;
  readonly diagnosis?: Diagnosis | '' | undefined;
}

/** A contact is `PC - À contacter` when a phone is known, `PC - Contact à trouver` otherwise. */
export function contactReachStatus(phone: string | undefined): 'pc_a_contacter' | 'pc_contact_a_trouver' {
  return phone !== undefined && phone.trim() !== '' ? 'pc_a_contacter' : 'pc_contact_a_trouver';
}

/**
 * Applies the automatic rules to a file being saved, given what was stored before (null on
 * creation): validation picks the entry state, a contact's reachability follows its phone, a
 * validated contact with a positive or probable diagnosis becomes a patient zéro. A status the
 * client asked for that the rules do not touch is kept (the platform's manual moves).
 */
export function settleFicheStatus(
  previous: FicheStatusFacts | null,
  next: FicheStatusFacts,
): { kind: FicheKind; status: FicheStatus } {
  if (next.status === 'brouillon') return { kind: next.kind, status: 'brouillon' };
  if (next.kind === 'contact' && isPositiveDiagnosis(next.diagnosis)) {
    return { kind: 'patient_zero', status: 'p0_confirme_a_trouver' };
  }
  const validating = previous === null || previous.status === 'brouillon';
  if (next.kind === 'patient_zero') {
    // « En attente du résultat de test » (the guides' first diagnosis): the file is kept, as a
    // draft, until the result; a patient zéro is validated as a confirmed case.
    if (validating && next.diagnosis === 'en_attente') return { kind: 'patient_zero', status: 'brouillon' };
    return { kind: 'patient_zero', status: validating ? 'p0_confirme_a_trouver' : next.status };
  }
  const reachDecides = validating || next.status === 'pc_a_contacter' || next.status === 'pc_contact_a_trouver';
  return { kind: 'contact', status: reachDecides ? contactReachStatus(next.phone) : next.status };
}

export type TransitionCheck =
  | { readonly allowed: true; readonly event: FicheEvent | 'creer' | 'aucun' }
  | { readonly allowed: false; readonly code: DomainMessageKey; readonly params: MessageParams; readonly field?: 'status' | 'diagnosis' | 'kind' };

const refuse = (code: DomainMessageKey, from: FicheStatus | null, to: FicheStatus, locale?: string): TransitionCheck => ({
  allowed: false,
  code,
  params: {
    from: from === null ? '—' : ficheStatusLabel(from, locale),
    to: ficheStatusLabel(to, locale),
  },
});

/** Statuses a new file may be created in: a draft, or directly an entry state. */
const CREATION_STATUSES: readonly FicheStatus[] = ['brouillon', 'p0_confirme_a_trouver', 'pc_a_contacter', 'pc_contact_a_trouver'];

/**
 * Whether `role` may move a file from `from` (null: the file is being created) to `to`.
 * Staying in the same status is always allowed.
 */
export function checkFicheTransition(from: FicheStatus | null, to: FicheStatus, role: Role, locale?: string): TransitionCheck {
  if (from === to) return { allowed: true, event: 'aucun' };
  if (from === null) {
    if (!CREATION_STATUSES.includes(to)) return refuse('transition.notAllowed', from, to, locale);
    return FIELD_ROLES.includes(role) ? { allowed: true, event: 'creer' } : refuse('transition.role', from, to, locale);
  }
  const candidates = FICHE_TRANSITIONS.filter((t) => t.from === from && t.to === to);
  if (candidates.length === 0) return refuse('transition.notAllowed', from, to, locale);
  const permitted = candidates.find((t) => t.roles.includes(role));
  return permitted ? { allowed: true, event: permitted.event } : refuse('transition.role', from, to, locale);
}

/** The message of a refused transition, in the given locale. */
export function transitionMessage(check: Extract<TransitionCheck, { allowed: false }>, locale?: string): string {
  return domainMessage(check.code, check.params, locale);
}

/**
 * The whole status rule for a save, as both the widgets and the server apply it: settles the
 * automatic rules, then checks the resulting move for the role. `result` is the kind and status
 * to store.
 */
export function checkFicheChange(
  previous: FicheStatusFacts | null,
  next: FicheStatusFacts,
  role: Role,
  locale?: string,
): { result: { kind: FicheKind; status: FicheStatus }; check: TransitionCheck } {
  const result = settleFicheStatus(previous, next);
  if (previous !== null && previous.kind === 'patient_zero' && result.kind === 'contact') {
    return { result, check: { allowed: false, code: 'transition.kindChange', params: {}, field: 'kind' } };
  }
  const check = checkFicheTransition(previous?.status ?? null, result.status, role, locale);
  if (check.allowed && check.event === 'promouvoir' && !isPositiveDiagnosis(next.diagnosis)) {
    return { result, check: { allowed: false, code: 'transition.promotionDiagnosis', params: {}, field: 'diagnosis' } };
  }
  // A patient zéro is a confirmed case: it is validated with a positive or probable diagnosis.
  // A negative test creates no file (a draft can wait for the result).
  const validatingPatientZero = result.kind === 'patient_zero' && result.status === 'p0_confirme_a_trouver' && (previous === null || previous.status === 'brouillon');
  if (check.allowed && validatingPatientZero && !isPositiveDiagnosis(next.diagnosis)) {
    return { result, check: { allowed: false, code: 'transition.patientZeroNeedsPositive', params: {}, field: 'diagnosis' } };
  }
  return { result, check };
}
