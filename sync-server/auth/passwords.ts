import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in Node's crypto). Stored as
 * `scrypt$N$r$p$salt$hash` (base64) so the cost can be raised later without breaking old hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The slow part of every credential check, in one object: the sign-in paths call it through
 * here, and tests observe that every answer (locked, unknown identifier) pays it.
 */
export const passwordHashing = { hash: hashPassword, verify: verifyPassword };

/**
 * The security key of a liberal professional (NIR + last 4 characters of the professional
 * IBAN), kept in the directory only as a scrypt hash like a password: a leaked database gives
 * neither, and checking a guess costs what checking a password costs.
 */
const securityKeyText = (nir: string, ibanLast4: string) => `${nir}:${ibanLast4.toUpperCase()}`;

export const hashSecurityKey = (nir: string, ibanLast4: string) => hashPassword(securityKeyText(nir, ibanLast4));

export const verifySecurityKey = (nir: string, ibanLast4: string, stored: string) => passwordHashing.verify(securityKeyText(nir, ibanLast4), stored);

/** A temporary password (sent by post) that meets the policy: 12 characters from an unambiguous alphabet. */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKMNPQRSTUVWXYZ', 'abcdefghjkmnpqrstuvwxyz', '23456789', '#$%&*+?@'];
  const all = sets.join('');
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;
  const chars = [...sets.map(pick), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
