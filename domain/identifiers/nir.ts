import { invalid, stripSpaces, valid, type ValidationResult } from './validation-result.ts';

/**
 * NIR (numéro d'inscription au répertoire, the social-security number): 13 characters and a
 * 2-digit key. Layout: sex (1), year (2), month (2), department (2, `2A`/`2B` in Corsica),
 * commune (3), order (3), key (2).
 */
export const NIR_LENGTH = 15;
const SEX_DIGITS = new Set(['1', '2', '3', '4', '7', '8']);
const GROUPS = [1, 2, 2, 2, 3, 3, 2];

/** Upper-cases and removes spaces: the stored form of a NIR. */
export function normalizeNir(input: string): string {
  return stripSpaces(input).toUpperCase();
}

function isAllowedMonth(month: number): boolean {
  return (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99);
}

/**
 * The key of the 13 first characters: 97 − (number mod 97), with Corsica's `2A` counted as 19
 * and `2B` as 18.
 */
export function computeNirKey(body: string): string {
  const numeric = body.slice(0, 5) + body.slice(5, 7).replace('2A', '19').replace('2B', '18') + body.slice(7);
  if (!/^\d{13}$/.test(numeric)) throw new Error('A NIR body is 13 digits (2A/2B allowed)');
  const key = 97n - (BigInt(numeric) % 97n);
  return key.toString().padStart(2, '0');
}

/** Validates a NIR typed with or without spaces; on success `value` is the stored form. */
export function validateNir(input: string): ValidationResult {
  const nir = normalizeNir(input);
  if (nir === '') return invalid('nir.empty');
  const corsica = nir.slice(5, 7) === '2A' || nir.slice(5, 7) === '2B';
  const digitsOnly = corsica ? nir.slice(0, 5) + '20' + nir.slice(7) : nir;
  if (!/^\d+$/.test(digitsOnly)) return invalid('nir.characters');
  if (nir.length !== NIR_LENGTH) return invalid('nir.length', { length: nir.length });
  if (!SEX_DIGITS.has(nir[0]!)) return invalid('nir.sex');
  if (!isAllowedMonth(Number(nir.slice(3, 5)))) return invalid('nir.month');
  if (nir.slice(5, 7) === '00') return invalid('nir.department');
  if (computeNirKey(nir.slice(0, 13)) !== nir.slice(13)) return invalid('nir.key');
  return valid(nir);
}

export function isValidNir(input: string): boolean {
  return validateNir(input).valid;
}

/**
 * The grouped display form, `2 85 01 75 112 345 43`. Works on partial input too, so a field
 * can format as the user types.
 */
export function formatNir(input: string): string {
  const nir = normalizeNir(input);
  const parts: string[] = [];
  let offset = 0;
  for (const size of GROUPS) {
    if (offset >= nir.length) break;
    parts.push(nir.slice(offset, offset + size));
    offset += size;
  }
  if (offset < nir.length) parts.push(nir.slice(offset));
  return parts.join(' ');
}
