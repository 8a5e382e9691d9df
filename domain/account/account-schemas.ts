import * as v from 'valibot';
import { domainMessage } from '../i18n/index.ts';
import { validateEmail } from '../identifiers/contact-details.ts';
import { validateNir } from '../identifiers/nir.ts';
import { validateAmNumber, validateFiness } from '../identifiers/practitioner-numbers.ts';
import { invalid, type ValidationResult } from '../identifiers/validation-result.ts';
import { identifier, message, text } from '../validation/fields.ts';
import { checkPassword, passwordPolicyMessage } from './password-policy.ts';
import { CIVILITIES } from './account-vocabulary.ts';

export { ACCOUNT_EVENT_ACTIONS, ACCOUNT_EVENT_LABELS, ACCOUNT_KIND_LABELS, ACCOUNT_KINDS, CIVILITIES, type AccountEventAction, type AccountKind, type Civility } from './account-vocabulary.ts';

/**
 * The account forms, as valibot schemas shared by `<account-create>` / `<account-settings>` and
 * the sync server's `/api/accounts` and `/api/account` routes: one source of truth for what a
 * form accepts and what the server refuses (422 with the same messages, field by field).
 */

/** The number a practice or a structure is known by: AM number (9 digits) or FINESS. */
export function validateAmOrFiness(input: string): ValidationResult {
  const am = validateAmNumber(input);
  if (am.valid) return am;
  const finess = validateFiness(input);
  if (finess.valid) return finess;
  return input.trim() === '' ? invalid('required') : invalid('account.number');
}

const email = () => v.pipe(v.string(message('email.empty')), v.maxLength(254, message('email.tooLong')), identifier(validateEmail, { allowEmpty: false }));

/** A new password: every rule of the policy, the missing ones named. */
export const newPassword = () =>
  v.pipe(
    v.string(message('required')),
    v.maxLength(256, message('text.tooLong', { max: 256 })),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value;
      if (!checkPassword(value).valid) addIssue({ message: (issue) => passwordPolicyMessage(checkPassword(value, issue.lang), issue.lang) });
    }),
  );

const consent = () => v.literal(true, message('account.consent'));

const sameEmail = (a: string, b: string) => {
  const typed = validateEmail(b);
  return typed.valid && typed.value.toLowerCase() === a.toLowerCase();
};

/** A second field that must repeat the first ("Confirmer e-mail", "Confirmer mot de passe"); the error goes on the second. */
function confirmation<T extends Record<A | B, string>, A extends string, B extends string>(first: A, second: B, same: (a: string, b: string) => boolean, key: 'account.emailMismatch' | 'account.passwordMismatch') {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    // Runs even when other fields failed (like valibot's partialCheck), so that every field's
    // error shows at once; skipped when either of the two fields has its own error.
    const value = dataset.value as unknown as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null) return;
    const [a, b] = [value[first], value[second]];
    if (typeof a !== 'string' || typeof b !== 'string' || same(a, b)) return;
    const issues = (dataset as { issues?: readonly { path?: readonly { key: unknown }[] }[] }).issues ?? [];
    if (issues.some((issue) => issue.path?.[0]?.key === first || issue.path?.[0]?.key === second)) return;
    addIssue({
      message: message(key),
      path: [{ type: 'object', origin: 'value', input: value, key: second, value: b }],
    });
  });
}

const emailEntries = () => ({ email: email(), emailConfirmation: v.string(message('required')) });
const emailsMatch = <T extends Record<'email' | 'emailConfirmation', string>>() => confirmation<T, 'email', 'emailConfirmation'>('email', 'emailConfirmation', sameEmail, 'account.emailMismatch');
const passwordsMatch = <T extends Record<'password' | 'passwordConfirmation', string>>() =>
  confirmation<T, 'password', 'passwordConfirmation'>('password', 'passwordConfirmation', (a, b) => a === b, 'account.passwordMismatch');

/**
 * The account form of the strong paths (CPS card, security key): the ticket the server gave
 * when the card or the key was checked, civility, e-mail twice, password twice, consent.
 */
const StrongAccountObject = v.object({
  ticket: v.pipe(v.string(message('required')), v.regex(/^[A-Za-z0-9_-]{20,100}$/, message('required'))),
  civility: v.picklist(CIVILITIES, message('account.civility')),
  ...emailEntries(),
  password: newPassword(),
  passwordConfirmation: v.string(message('required')),
  consent: consent(),
});
export const StrongAccountSchema = v.pipe(StrongAccountObject, emailsMatch<v.InferOutput<typeof StrongAccountObject>>(), passwordsMatch<v.InferOutput<typeof StrongAccountObject>>());
export type StrongAccountInput = v.InferInput<typeof StrongAccountSchema>;

/**
 * The weak path ("sans carte CPS"): the AM / FINESS number, the e-mail twice and consent; the
 * temporary password goes by post. `name` is the health-centre director's "Nom et prénom, ou
 * raison sociale".
 */
const PostalAccountObject = v.object({
  number: identifier(validateAmOrFiness, { allowEmpty: false }),
  name: v.optional(text(120), ''),
  ...emailEntries(),
  consent: consent(),
});
export const PostalAccountSchema = v.pipe(PostalAccountObject, emailsMatch<v.InferOutput<typeof PostalAccountObject>>());
export type PostalAccountInput = v.InferInput<typeof PostalAccountSchema>;

/** The security key of a liberal professional: the NIR and the last 4 characters of the professional IBAN. */
export const SecurityKeySchema = v.object({
  number: identifier(validateAmOrFiness, { allowEmpty: false }),
  nir: identifier(validateNir, { allowEmpty: false }),
  ibanLast4: v.pipe(
    v.string(message('account.ibanLast4')),
    v.transform((value) => value.replace(/\s/g, '').toUpperCase()),
    v.regex(/^[A-Z0-9]{4}$/, message('account.ibanLast4')),
  ),
});
export type SecurityKeyInput = v.InferInput<typeof SecurityKeySchema>;

/** "Modification de l'adresse e-mail": the new address twice and the box ticked. */
const EmailChangeObject = v.object({ ...emailEntries(), consent: v.literal(true, message('account.emailConsent')) });
export const EmailChangeSchema = v.pipe(EmailChangeObject, emailsMatch<v.InferOutput<typeof EmailChangeObject>>());
export type EmailChangeInput = v.InferInput<typeof EmailChangeSchema>;

/** "Modification du mot de passe": the current one (not asked after a temporary password), the new one twice. */
const PasswordChangeObject = v.object({
  currentPassword: v.optional(v.pipe(v.string(message('required')), v.maxLength(256, message('text.tooLong', { max: 256 }))), ''),
  password: newPassword(),
  passwordConfirmation: v.string(message('required')),
});
export const PasswordChangeSchema = v.pipe(PasswordChangeObject, passwordsMatch<v.InferOutput<typeof PasswordChangeObject>>());
export type PasswordChangeInput = v.InferInput<typeof PasswordChangeSchema>;

/** "Paramètres": the language of the widgets and the e-mails the insurer may send. */
export const AccountPreferencesSchema = v.object({
  locale: v.picklist(['fr', 'en'], message('choice.invalid')),
  emailCommunications: v.boolean(message('boolean.expected')),
});
export type AccountPreferences = v.InferOutput<typeof AccountPreferencesSchema>;
export const DEFAULT_ACCOUNT_PREFERENCES: AccountPreferences = { locale: 'fr', emailCommunications: true };

/** A message of the shared catalogue, for the forms that need one outside a schema. */
export const accountMessage = (key: 'account.emailMismatch' | 'account.passwordMismatch' | 'account.consent', locale?: string) => domainMessage(key, {}, locale);
