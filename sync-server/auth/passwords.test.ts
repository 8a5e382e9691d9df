import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Medecin#2026');
    assert.match(hash, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword('Medecin#2026', hash), true);
    assert.equal(await verifyPassword('Medecin#2027', hash), false);
  });

  it('salts each hash, so two accounts with one password do not share a hash', async () => {
    assert.notEqual(await hashPassword('Pharma#2026'), await hashPassword('Pharma#2026'));
  });

  it('treats a malformed stored hash as a failed check, not a crash', async () => {
    assert.equal(await verifyPassword('x', ''), false);
    assert.equal(await verifyPassword('x', 'md5$abc'), false);
  });
});
