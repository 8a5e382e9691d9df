import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { firstIssueByField } from '../validation/fields.ts';
import { PasswordChangeSchema, PostalAccountSchema, SecurityKeySchema, validateAmOrFiness } from './account-schemas.ts';

const errors = (schema: v.GenericSchema, input: unknown, lang?: string) => {
  const parsed = v.safeParse(schema, input, lang ? { lang } : undefined);
  return parsed.success ? {} : firstIssueByField(parsed.issues);
};

describe('account form schemas', () => {
  it('accepts an AM number or a FINESS (Corsican too) and names a wrong one', () => {
    assert.deepEqual(validateAmOrFiness('63 199 497 7'), { valid: true, value: '631994977' });
    assert.deepEqual(validateAmOrFiness('403700396'), { valid: true, value: '403700396' });
    assert.equal(validateAmOrFiness('631994978').valid, false);
  });

  it('shows every field’s error at once, the confirmation’s included, in French or English', () => {
    const input = { number: '631994977', email: 'a@exemple.fr', emailConfirmation: 'b@exemple.fr', consent: false };
    assert.deepEqual(Object.keys(errors(PostalAccountSchema, input)).sort(), ['consent', 'emailConfirmation']);
    assert.equal(errors(PostalAccountSchema, input, 'en')['emailConfirmation'], 'The two e-mail addresses are not the same.');
  });

  it('does not repeat an e-mail error on its confirmation, and compares addresses without case in the domain', () => {
    assert.deepEqual(Object.keys(errors(PostalAccountSchema, { number: '631994977', email: 'pas-une-adresse', emailConfirmation: 'x', consent: true })), ['email']);
    assert.deepEqual(errors(PostalAccountSchema, { number: '631994977', email: 'Jean@Exemple.FR', emailConfirmation: 'Jean@exemple.fr', consent: true }), {});
  });

  it('normalises the security key: NIR without spaces, IBAN characters in capitals', () => {
    const parsed = v.parse(SecurityKeySchema, { number: '940123409', nir: '2 86 05 94 028 123 25', ibanLast4: ' 4b 2c' });
    assert.deepEqual(parsed, { number: '940123409', nir: '286059402812325', ibanLast4: '4B2C' });
    assert.ok(errors(SecurityKeySchema, { number: '940123409', nir: '286059402812325', ibanLast4: '12' })['ibanLast4']);
  });

  it('names the missing password rules and a mistyped confirmation', () => {
    const found = errors(PasswordChangeSchema, { password: 'motdepasse', passwordConfirmation: 'autre' });
    assert.match(found['password']!, /majuscule.*chiffre.*spécial/);
    assert.equal(found['passwordConfirmation'], undefined, 'a refused password is not compared');
    assert.equal(errors(PasswordChangeSchema, { password: 'Valide#2026', passwordConfirmation: 'Valide#2027' })['passwordConfirmation'], 'Les deux mots de passe ne sont pas identiques.');
  });
});
