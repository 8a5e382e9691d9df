import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeNirKey, formatNir, isValidNir, normalizeNir, validateNir } from './nir.ts';
import { validationMessage, type ValidationResult } from './validation-result.ts';

function failure(result: ValidationResult) {
  assert.equal(result.valid, false, 'expected the NIR to be refused');
  return result as Extract<ValidationResult, { valid: false }>;
}

describe('NIR', () => {
  it('accepts a well-formed NIR whose key is 97 − (number mod 97)', () => {
    // The public example of the French social-security number, key checked by hand.
    assert.deepEqual(validateNir('255081416802538'), { valid: true, value: '255081416802538' });
    assert.equal(isValidNir('184127645108946'), true);
  });

  it('accepts spaces (including no-break spaces) and stores the NIR without them', () => {
    assert.deepEqual(validateNir('2 55 08 14 168 025 38'), { valid: true, value: '255081416802538' });
    assert.deepEqual(validateNir(' 2\u00a055 08 14 168 025 38 '), { valid: true, value: '255081416802538' });
  });

  it('refuses a wrong key with a French message that names the key', () => {
    const result = failure(validateNir('255081416802539'));
    assert.equal(result.code, 'nir.key');
    assert.match(validationMessage(result), /clé du NIR ne correspond pas/);
  });

  it('refuses every wrong key but one for the same number', () => {
    const accepted = Array.from({ length: 100 }, (_, k) => String(k).padStart(2, '0')).filter((key) =>
      isValidNir('2550814168025' + key),
    );
    assert.deepEqual(accepted, ['38']);
  });

  it('counts Corsica 2A as 19 and 2B as 18 in the key', () => {
    assert.equal(computeNirKey('18507' + '2A' + '123456'), '65');
    assert.equal(computeNirKey('18507' + '2B' + '123456'), '92');
    assert.equal(isValidNir('185072A12345665'), true);
    assert.equal(isValidNir('185072B12345692'), true);
    assert.equal(isValidNir('185072a12345665'), true, 'lower-case 2a is accepted');
    assert.equal(normalizeNir('1 85 07 2a 123 456 65'), '185072A12345665');
    // The key of the same number read as department 20 would be 38: it must not pass for 2A.
    assert.equal(failure(validateNir('185072A12345638')).code, 'nir.key');
  });

  it('refuses 13 characters (the key forgotten) and says how many were typed', () => {
    const result = failure(validateNir('2550814168025'));
    assert.equal(result.code, 'nir.length');
    assert.match(validationMessage(result), /15 caractères.*13/);
  });

  it('refuses 14 and 16 characters', () => {
    assert.equal(failure(validateNir('25508141680253')).code, 'nir.length');
    assert.equal(failure(validateNir('2550814168025380')).code, 'nir.length');
  });

  it('refuses letters other than 2A/2B at the department', () => {
    for (const input of ['25508141680X538', 'A55081416802538', '255082C16802538', '2550A141680253B', '255-081416802538']) {
      assert.equal(failure(validateNir(input)).code, 'nir.characters', input);
    }
    assert.match(validationMessage(failure(validateNir('25508141680X538'))), /que des chiffres/);
  });

  it('refuses an empty NIR with a message asking for it', () => {
    assert.equal(failure(validateNir('')).code, 'nir.empty');
    assert.equal(failure(validateNir('   ')).code, 'nir.empty');
  });

  it('refuses a sex digit other than 1, 2, 3, 4, 7, 8', () => {
    for (const sex of ['0', '5', '6', '9']) {
      const body = sex + '550814168025';
      assert.equal(failure(validateNir(body + computeNirKey(body))).code, 'nir.sex', sex);
    }
    for (const sex of ['1', '2', '3', '4', '7', '8']) {
      const body = sex + '550814168025';
      assert.equal(isValidNir(body + computeNirKey(body)), true, sex);
    }
  });

  it('allows months 01–12, 20–42 and 50–99 and refuses the others', () => {
    const withMonth = (month: string) => {
      const body = '255' + month + '14168025';
      return validateNir(body + computeNirKey(body));
    };
    for (const month of ['01', '12', '20', '42', '50', '99']) assert.equal(withMonth(month).valid, true, month);
    for (const month of ['00', '13', '19', '43', '49']) assert.equal(failure(withMonth(month)).code, 'nir.month', month);
  });

  it('refuses department 00', () => {
    const body = '2550800168025';
    assert.equal(failure(validateNir(body + computeNirKey(body))).code, 'nir.department');
  });

  it('answers in English when asked', () => {
    assert.match(validationMessage(failure(validateNir('255081416802539')), 'en'), /NIR key does not match/);
  });

  it('groups the display form as 1 2 2 2 3 3 2, also while typing', () => {
    assert.equal(formatNir('255081416802538'), '2 55 08 14 168 025 38');
    assert.equal(formatNir('2 550 81'), '2 55 08 1');
    assert.equal(formatNir('185072a12345665'), '1 85 07 2A 123 456 65');
    assert.equal(formatNir(''), '');
  });
});
