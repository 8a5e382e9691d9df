import { departmentOfPostcode, isDepartmentCode } from './department.ts';
import { invalid, stripSpaces, valid, type ValidationResult } from './validation-result.ts';

/**
 * Postcode or department, as the Contact COVID files take it ("Code postal/départ."):
 * a 5-digit postcode (75012, 20000) or a department (75, 2A, 974).
 */
export function validatePostcodeOrDepartment(input: string): ValidationResult {
  const value = stripSpaces(input).toUpperCase();
  if (value === '') return invalid('postcode.empty');
  if (/^\d{5}$/.test(value)) {
    const department = departmentOfPostcode(value);
    if (!isDepartmentCode(department) && !/^98[4-9]$/.test(department)) {
      return invalid('postcode.unknown', { department });
    }
    return valid(value);
  }
  if (/^(\d{2,3}|2A|2B)$/.test(value)) {
    return isDepartmentCode(value) ? valid(value) : invalid('postcode.unknown', { department: value });
  }
  return invalid('postcode.format');
}

/** The department of a valid postcode-or-department value ('' when it is not valid). */
export function departmentOf(postcodeOrDepartment: string): string {
  const result = validatePostcodeOrDepartment(postcodeOrDepartment);
  if (!result.valid) return '';
  return result.value.length === 5 ? departmentOfPostcode(result.value) : result.value;
}

/**
 * Phone: a French number of 10 digits starting with 0 (spaces, dots and dashes accepted,
 * +33 turned into 0), or an international number starting with + (8 to 15 digits).
 * The stored form has no separators.
 */
export function validatePhone(input: string): ValidationResult {
  const compact = stripSpaces(input).replace(/[.\-()]/g, '');
  if (compact === '') return invalid('phone.empty');
  const french = compact.replace(/^(\+33|0033)(?=[1-9]\d{8}$)/, '0');
  if (/^0[1-9]\d{8}$/.test(french)) return valid(french);
  if (/^\+[1-9]\d{7,14}$/.test(compact) && !compact.startsWith('+33')) return valid(compact);
  return invalid('phone.format');
}

/** Groups a stored French phone number by pairs: `01 43 00 00 00`. */
export function formatPhone(phone: string): string {
  return /^0\d{9}$/.test(phone) ? phone.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** E-mail address; stored trimmed with its domain in lower case. */
export function validateEmail(input: string): ValidationResult {
  const value = input.trim();
  if (value === '') return invalid('email.empty');
  if (value.length > 254) return invalid('email.tooLong');
  if (!EMAIL.test(value) || value.includes('..') || value.startsWith('.') || value.split('@')[0]!.endsWith('.')) {
    return invalid('email.format');
  }
  const at = value.lastIndexOf('@');
  return valid(value.slice(0, at) + '@' + value.slice(at + 1).toLowerCase());
}
