import * as v from 'valibot';
import { CIVILITIES, newPassword } from '../account/account-schemas.ts';
import { validateEmail } from '../identifiers/contact-details.ts';
import { validateAdeli, validateCpeCardId, validateRpps } from '../identifiers/practitioner-numbers.ts';
import { invalid, type ValidationResult } from '../identifiers/validation-result.ts';
import { calendarDate, identifier, message, personName } from '../validation/fields.ts';

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
 * "Nouvelle délégation": the délégué's e-mail, the profile, the validity dates (end not before
 * start), the CPE card id for a medical assistant, and the structures (all of them for a
 * remplaçant or a medical assistant — `allStructures` is checked against the délégant's list
 * by `checkDelegationStructures`).
 */
const DelegationObject = v.object({
  delegateEmail: v.pipe(v.string(message('email.empty')), v.maxLength(254, message('email.tooLong')), identifier(validateEmail, { allowEmpty: false })),
  profile: v.picklist(DELEGATION_PROFILES, message('delegation.profile')),
  validFrom: v.pipe(calendarDate({ notInFuture: false }), v.nonEmpty(message('delegation.validFrom'))),
  validUntil: v.pipe(calendarDate({ notInFuture: false }), v.nonEmpty(message('delegation.validUntil'))),
  cpeCardId: v.optional(v.string(message('required')), ''),
  structureIds: v.pipe(v.array(v.string(), message('delegation.structures')), v.minLength(1, message('delegation.structures')), v.maxLength(50, message('delegation.structures'))),
});
export const DelegationCreateSchema = v.pipe(
  DelegationObject,
  v.rawCheck<v.InferOutput<typeof DelegationObject>>(({ dataset, addIssue }) => {
    const value = dataset.value as Partial<v.InferOutput<typeof DelegationObject>> | undefined;
    if (!value || typeof value !== 'object') return;
    const path = (key: string): [v.ObjectPathItem] => [{ type: 'object', origin: 'value', input: value as Record<string, unknown>, key, value: (value as Record<string, unknown>)[key] }];
    if (typeof value.validFrom === 'string' && typeof value.validUntil === 'string' && value.validFrom && value.validUntil && value.validUntil < value.validFrom) {
      addIssue({ message: message('delegation.endBeforeStart'), path: path('validUntil') });
    }
    if (value.profile && DELEGATION_PROFILE_DEFINITIONS[value.profile]?.cpeCard) {
      const cpe = validateCpeCardId(typeof value.cpeCardId === 'string' ? value.cpeCardId : '');
      if (!cpe.valid) addIssue({ message: message(cpe.code === 'cpe.empty' ? 'delegation.cpeRequired' : cpe.code), path: path('cpeCardId') });
    }
  }),
);
export type DelegationCreateInput = v.InferInput<typeof DelegationCreateSchema>;

/**
 * « Mise à jour d'une délégation » (seed 003, « Délégations » of « Mon compte »): the délégant
 * changes the validity dates and the structures; the délégué, the profile and the CPE card stay
 * (another délégué or profile is another delegation). The same rules as the creation: end not
 * before start, at least one structure (every one for Remplaçant / Assistant médical:
 * `checkDelegationStructures`).
 */
const DelegationUpdateObject = v.object({
  validFrom: DelegationObject.entries.validFrom,
  validUntil: DelegationObject.entries.validUntil,
  structureIds: DelegationObject.entries.structureIds,
});
export const DelegationUpdateSchema = v.pipe(
  DelegationUpdateObject,
  v.rawCheck<v.InferOutput<typeof DelegationUpdateObject>>(({ dataset, addIssue }) => {
    const value = dataset.value as Partial<v.InferOutput<typeof DelegationUpdateObject>> | undefined;
    if (!value || typeof value.validFrom !== 'string' || typeof value.validUntil !== 'string' || !value.validFrom || !value.validUntil || value.validUntil >= value.validFrom) return;
    addIssue({
      message: message('delegation.endBeforeStart'),
      path: [{ type: 'object', origin: 'value', input: value as Record<string, unknown>, key: 'validUntil', value: value.validUntil }],
    });
  }),
);
export type DelegationUpdateInput = v.InferInput<typeof DelegationUpdateSchema>;

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

/** "Créer votre compte en tant que délégué(e)": identity, optional RPPS/ADELI, password twice, consent. */
const DelegateAccountObject = v.object({
  token: v.pipe(v.string(message('required')), v.regex(/^[A-Za-z0-9_-]{20,100}$/, message('required'))),
  civility: v.picklist(CIVILITIES, message('account.civility')),
  lastName: v.pipe(personName(), v.nonEmpty(message('required'))),
  firstName: v.pipe(personName(), v.nonEmpty(message('required'))),
  practitionerNumber: v.optional(identifier(validateRppsOrAdeli), ''),
  password: newPassword(),
  passwordConfirmation: v.string(message('required')),
  consent: v.literal(true, message('account.consent')),
});
export const DelegateAccountSchema = v.pipe(
  DelegateAccountObject,
  v.rawCheck<v.InferOutput<typeof DelegateAccountObject>>(({ dataset, addIssue }) => {
    const value = dataset.value as Partial<v.InferOutput<typeof DelegateAccountObject>> | undefined;
    if (!value || typeof value.password !== 'string' || typeof value.passwordConfirmation !== 'string' || value.password === value.passwordConfirmation) return;
    const issues = (dataset as { issues?: readonly { path?: readonly { key: unknown }[] }[] }).issues ?? [];
    if (issues.some((issue) => issue.path?.[0]?.key === 'password')) return;
    addIssue({
      message: message('account.passwordMismatch'),
      path: [{ type: 'object', origin: 'value', input: value as Record<string, unknown>, key: 'passwordConfirmation', value: value.passwordConfirmation }],
    });
  }),
);
export type DelegateAccountInput = v.InferInput<typeof DelegateAccountSchema>;

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
