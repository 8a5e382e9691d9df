import * as v from 'valibot';
import { CIVILITIES, newPassword } from '../account/account-schemas.ts';
import { validateEmail } from '../identifiers/contact-details.ts';
import { validateCpeCardId } from '../identifiers/practitioner-numbers.ts';
import { calendarDate, identifier, message, personName } from '../validation/fields.ts';
import { DELEGATION_PROFILE_DEFINITIONS, DELEGATION_PROFILES, validateRppsOrAdeli } from './delegation-rules.ts';

/**
 * The delegations' schemas (valibot), shared by the forms (loaded at their first submit) and the
 * sync server; the rules and vocabularies without valibot are in `delegation-rules.ts`, re-exported here.
 */
export * from './delegation-rules.ts';

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
