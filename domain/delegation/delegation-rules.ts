import { validateAdeli, validateRpps } from '../identifiers/practitioner-numbers.ts';
import { invalid, type ValidationResult } from '../identifiers/validation-result.ts';

/**
 * Delegation of access (SPEC §4, seed 003): a délégant gives a délégué access to their services,
 * within a profile (a fixed bundle), a validity window and a set of structures. The rules are
 * data here, shared by the forms and the sync server, which is the authority.
 */

/** The services a delegated session may reach; each server route belongs to one. */
export const DELEGABLE_SERVICES = ['contact_covid', 'ems', 'contact_assurance', 'paiements'] as const;
export type DelegableService = (typeof DELEGABLE_SERVICES)[number];

export const DELEGATION_PROFILES = ['remplacant', 'comptable', 'assistant_medical'] as const;
export type DelegationProfile = (typeof DELEGATION_PROFILES)[number];

interface ProfileDefinition {
  readonly label: { readonly fr: string; readonly en: string };
  /** "Ce profil donne accès :" — the seed's words. */
  readonly gives: { readonly fr: string; readonly en: string };
  readonly services: readonly DelegableService[];
  /** Every structure of the délégant must be selected (remplaçant, assistant médical). */
  readonly allStructures: boolean;
  /** The CPE card id is required (assistant médical). */
  readonly cpeCard: boolean;
}

export const DELEGATION_PROFILE_DEFINITIONS: Record<DelegationProfile, ProfileDefinition> = {
  remplacant: {
    label: { fr: 'Remplaçant', en: 'Substitute' },
    gives: {
      fr: 'À l’ensemble du bouquet de services du PS remplacé, à l’exception des services en lien avec les paiements et remboursements de l’assurance maladie',
      en: 'All the services of the replaced professional, except those about the health insurance’s payments and reimbursements',
    },
    services: ['contact_covid', 'ems', 'contact_assurance'],
    allStructures: true,
    cpeCard: false,
  },
  comptable: {
    label: { fr: 'Comptable', en: 'Accountant' },
    gives: { fr: 'Aux services liés aux paiements et remboursements de l’assurance maladie', en: 'The services about the health insurance’s payments and reimbursements' },
    services: ['paiements'],
    allStructures: false,
    cpeCard: false,
  },
  assistant_medical: {
    label: { fr: 'Assistant médical', en: 'Medical assistant' },
    gives: {
      fr: 'À l’ensemble du bouquet de services du PS assisté, à l’exception des services en remboursement de l’assurance maladie',
      en: 'All the services of the assisted professional, except the health insurance’s reimbursement services',
    },
    services: ['contact_covid', 'ems', 'contact_assurance'],
    allStructures: true,
    cpeCard: true,
  },
};

export const SERVICE_LABELS: Record<DelegableService, { fr: string; en: string }> = {
  contact_covid: { fr: 'Contact COVID', en: 'Contact COVID' },
  ems: { fr: 'Échanges médicaux sécurisés', en: 'Secure medical exchanges' },
  contact_assurance: { fr: 'Contacter l’Assurance Maladie', en: 'Contact the health insurance' },
  paiements: { fr: 'Paiements et remboursements', en: 'Payments and reimbursements' },
};

/**
 * Statuses (seed 003): `en_cours` (sent, awaiting the délégué) → `a_valider` (a délégué without
 * an account created one; the délégant validates) → `validee`; `refusee` (the délégué refused);
 * `non_aboutie` (not concerned, or already has an account under another e-mail). Deletion is
 * not a status: a deleted delegation leaves the dashboards and cuts access at once.
 */
export const DELEGATION_STATUSES = ['en_cours', 'a_valider', 'validee', 'refusee', 'non_aboutie'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, { fr: string; en: string }> = {
  en_cours: { fr: 'En cours', en: 'Pending' },
  a_valider: { fr: 'À valider', en: 'To validate' },
  validee: { fr: 'Validée', en: 'Validated' },
  refusee: { fr: 'Refusée', en: 'Refused' },
  non_aboutie: { fr: 'Non aboutie', en: 'Not completed' },
};

/** Who moves a delegation: the délégant, or the délégué (by the invitation or their account). */
export type DelegationActor = 'delegant' | 'delegue';

export const DELEGATION_ACTIONS = ['accept', 'refuse', 'not_concerned', 'has_account', 'create_account', 'validate'] as const;
export type DelegationAction = (typeof DELEGATION_ACTIONS)[number];

/** Every transition: from which statuses, by whom, to which status. Anything else is refused. */
export const DELEGATION_TRANSITIONS: Record<DelegationAction, { readonly from: readonly DelegationStatus[]; readonly by: DelegationActor; readonly to: DelegationStatus }> = {
  accept: { from: ['en_cours'], by: 'delegue', to: 'validee' },
  refuse: { from: ['en_cours'], by: 'delegue', to: 'refusee' },
  not_concerned: { from: ['en_cours'], by: 'delegue', to: 'non_aboutie' },
  has_account: { from: ['en_cours'], by: 'delegue', to: 'non_aboutie' },
  create_account: { from: ['en_cours'], by: 'delegue', to: 'a_valider' },
  validate: { from: ['a_valider'], by: 'delegant', to: 'validee' },
};

/** The status an action leads to, or null when it is not allowed from `status` by `actor`. */
export function delegationTransition(status: DelegationStatus, action: DelegationAction, actor: DelegationActor): DelegationStatus | null {
  const rule = DELEGATION_TRANSITIONS[action];
  return rule.by === actor && rule.from.includes(status) ? rule.to : null;
}

/** The validity window, dates `YYYY-MM-DD` inclusive, against today's date in Paris. */
export function delegationWindow(validFrom: string, validUntil: string, today: string): 'before' | 'within' | 'after' {
  if (today < validFrom) return 'before';
  if (today > validUntil) return 'after';
  return 'within';
}

/** RPPS (11 digits) or ADELI (9 digits), optional on the délégué's account form. */
export function validateRppsOrAdeli(input: string): ValidationResult {
  const digits = input.replace(/\s/g, '');
  if (digits.length === 11) return validateRpps(digits);
  if (digits.length === 9) return validateAdeli(digits);
  return invalid('delegation.practitionerNumber');
}

/**
 * The statuses in which the délégant may still update a delegation: awaiting the délégué, to
 * validate, validated. A refused or unsuccessful one is over (a new request is another delegation).
 */
export const DELEGATION_UPDATABLE_STATUSES: readonly DelegationStatus[] = ['en_cours', 'a_valider', 'validee'];

/**
 * Who may create a delegation (seed 003): « un professionnel de santé ayant au moins un cabinet
 * libéral ou un directeur d'établissement ». A substitute without a practice may not.
 */
export function canCreateDelegation(user: { readonly accountKind: string; readonly structures: readonly { readonly kind: string }[] }): boolean {
  return (user.accountKind === 'liberal' && user.structures.some((s) => s.kind === 'cabinet')) || user.accountKind === 'directeur';
}

/** For a profile that takes every structure, the selection must be the délégant's whole list. */
export function checkDelegationStructures(profile: DelegationProfile, selected: readonly string[], delegantStructures: readonly string[]): 'ok' | 'unknown' | 'all_required' {
  if (selected.some((id) => !delegantStructures.includes(id))) return 'unknown';
  if (DELEGATION_PROFILE_DEFINITIONS[profile].allStructures && delegantStructures.some((id) => !selected.includes(id))) return 'all_required';
  return 'ok';
}

/** A delegation as it replicates to the délégant's and the délégué's devices (read-only there). */
export interface DelegationDocument {
  readonly id: string;
  readonly delegantId: string;
  readonly delegantName: string;
  readonly delegateId: string;
  readonly delegateEmail: string;
  readonly delegateCivility: string;
  readonly delegateFirstName: string;
  readonly delegateLastName: string;
  readonly profile: DelegationProfile;
  readonly cpeCardId: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly status: DelegationStatus;
  readonly statusSince: string;
  readonly structures: readonly { readonly id: string; readonly name: string; readonly number: string; readonly address: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
