import { domainMessage, type DomainMessageKey } from '../i18n/index.ts';

/** The password rules of the portal, in the order a form lists them. */
export const PASSWORD_RULES = [
  { id: 'minLength', message: 'password.minLength', test: (p: string) => [...p].length >= 8 },
  { id: 'upper', message: 'password.upper', test: (p: string) => /\p{Lu}/u.test(p) },
  { id: 'lower', message: 'password.lower', test: (p: string) => /\p{Ll}/u.test(p) },
  { id: 'digit', message: 'password.digit', test: (p: string) => /\d/.test(p) },
  { id: 'special', message: 'password.special', test: (p: string) => /[^\p{L}\p{N}\s]/u.test(p) },
] as const satisfies readonly { id: string; message: DomainMessageKey; test: (p: string) => boolean }[];

export type PasswordRuleId = (typeof PASSWORD_RULES)[number]['id'];

export interface PasswordRuleCheck {
  readonly id: PasswordRuleId;
  readonly passed: boolean;
  readonly label: string;
}

export interface PasswordCheck {
  readonly valid: boolean;
  readonly rules: readonly PasswordRuleCheck[];
}

/** Checks a password against every rule: drives the live checklist and the server's refusal. */
export function checkPassword(password: string, locale?: string): PasswordCheck {
  const rules = PASSWORD_RULES.map((rule) => ({
    id: rule.id,
    passed: rule.test(password),
    label: domainMessage(rule.message, {}, locale),
  }));
  return { valid: rules.every((r) => r.passed), rules };
}

/** One sentence naming the rules a password misses (for a server error or a form summary). */
export function passwordPolicyMessage(check: PasswordCheck, locale?: string): string {
  const missing = check.rules.filter((r) => !r.passed).map((r) => r.label.toLowerCase());
  return domainMessage('password.invalid', { rules: missing.join(', ') }, locale);
}
