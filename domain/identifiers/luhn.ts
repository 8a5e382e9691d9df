/**
 * Luhn (mod 10) check used by AM numbers, FINESS and RPPS: from the rightmost digit, every
 * second digit is doubled (minus 9 when over 9); the sum must be a multiple of 10.
 */
export function hasValidLuhnKey(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The Luhn key digit that completes `body` (used to build test and demo identifiers). */
export function luhnKeyFor(body: string): string {
  for (let key = 0; key <= 9; key++) {
    if (hasValidLuhnKey(body + key)) return String(key);
  }
  throw new Error(`No Luhn key for ${body}`);
}
