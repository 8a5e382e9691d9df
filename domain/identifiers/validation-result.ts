import { domainMessage, type DomainMessageKey, type MessageParams } from '../i18n/index.ts';

/** A value that passed: `value` is its normalised, storable form (spaces removed, upper case…). */
export interface ValidValue {
  readonly valid: true;
  readonly value: string;
}

/** A value that failed: `code` names the problem, `params` fill its message. */
export interface InvalidValue {
  readonly valid: false;
  readonly code: DomainMessageKey;
  readonly params: MessageParams;
}

export type ValidationResult = ValidValue | InvalidValue;

/** Every identifier validator has this shape, so forms and schemas treat them alike. */
export type IdentifierValidator = (input: string) => ValidationResult;

export const valid = (value: string): ValidValue => ({ valid: true, value });

export const invalid = (code: DomainMessageKey, params: MessageParams = {}): InvalidValue => ({
  valid: false,
  code,
  params,
});

/** The message explaining a failed validation, in the given locale (French by default). */
export function validationMessage(result: InvalidValue, locale?: string): string {
  return domainMessage(result.code, result.params, locale);
}

/** Removes every kind of space people type or paste in identifiers (incl. no-break spaces). */
export function stripSpaces(input: string): string {
  return input.replace(/[\s\u00a0\u202f]+/g, '');
}
