import { isDepartmentCode } from './department.ts';
import { hasValidLuhnKey } from './luhn.ts';
import { invalid, stripSpaces, valid, type ValidationResult } from './validation-result.ts';

/**
 * AM number (numéro Assurance Maladie of a practitioner's practice): 9 digits, the first two
 * the department, the last a Luhn key — e.g. 631994977.
 */
export function validateAmNumber(input: string): ValidationResult {
  const value = stripSpaces(input);
  if (value === '') return invalid('amNumber.empty');
  if (!/^\d{9}$/.test(value)) return invalid('amNumber.format', { length: value.length });
  if (!hasValidLuhnKey(value)) return invalid('amNumber.key');
  return valid(value);
}

/**
 * FINESS (national register of health and social establishments): 9 characters, department
 * first (`2A`/`2B` in Corsica), last a Luhn key — e.g. 403700396. For Corsica the key is
 * computed with the department as `20`, the form it had when the numbering began.
 */
export function validateFiness(input: string): ValidationResult {
  const value = stripSpaces(input).toUpperCase();
  if (value === '') return invalid('finess.empty');
  if (!/^(\d{2}|2A|2B)\d{7}$/.test(value)) return invalid('finess.format', { length: value.length });
  if (!isDepartmentCode(value.slice(0, 2)) && !/^9[78]$/.test(value.slice(0, 2))) {
    return invalid('finess.format', { length: value.length });
  }
  const digits = value.replace(/^2[AB]/, '20');
  if (!hasValidLuhnKey(digits)) return invalid('finess.key');
  return valid(value);
}

/** RPPS (shared directory of health professionals): 11 digits with a Luhn key. */
export function validateRpps(input: string): ValidationResult {
  const value = stripSpaces(input);
  if (value === '') return invalid('rpps.empty');
  if (!/^\d{11}$/.test(value)) return invalid('rpps.format', { length: value.length });
  if (!hasValidLuhnKey(value)) return invalid('rpps.key');
  return valid(value);
}

/** ADELI (the older register of health professionals): 9 digits. */
export function validateAdeli(input: string): ValidationResult {
  const value = stripSpaces(input);
  if (value === '') return invalid('adeli.empty');
  if (!/^\d{9}$/.test(value)) return invalid('adeli.format', { length: value.length });
  return valid(value);
}

/**
 * CPE card id (carte de professionnel d'établissement, needed for a medical-assistant
 * delegation): the first line of the card exactly as printed, special characters included,
 * without spaces.
 */
export function validateCpeCardId(input: string): ValidationResult {
  const value = input.trim();
  if (value === '') return invalid('cpe.empty');
  if (/\s/.test(value)) return invalid('cpe.spaces');
  if (!/^[\x21-\x7e]{4,30}$/.test(value)) return invalid('cpe.format');
  return valid(value);
}
