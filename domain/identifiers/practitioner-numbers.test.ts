import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasValidLuhnKey, luhnKeyFor } from './luhn.ts';
import { validateAdeli, validateAmNumber, validateCpeCardId, validateFiness, validateRpps } from './practitioner-numbers.ts';
import { validationMessage, type ValidationResult } from './validation-result.ts';

const code = (result: ValidationResult) => (result.valid ? 'valid' : result.code);

describe('Luhn key', () => {
  it('accepts the seeds’ numbers and refuses a changed digit', () => {
    assert.equal(hasValidLuhnKey('631994977'), true);
    assert.equal(hasValidLuhnKey('403700396'), true);
    assert.equal(hasValidLuhnKey('631994978'), false);
    assert.equal(hasValidLuhnKey('613994977'), false, 'two swapped digits');
    assert.equal(luhnKeyFor('63199497'), '7');
  });
});

describe('AM number', () => {
  it('accepts 631994977 (the seed’s Cabinet Martin), with spaces too', () => {
    assert.deepEqual(validateAmNumber('631994977'), { valid: true, value: '631994977' });
    assert.deepEqual(validateAmNumber('63 199 497 7'), { valid: true, value: '631994977' });
  });

  it('refuses a wrong key, a wrong length and letters with French messages', () => {
    const wrongKey = validateAmNumber('631994976');
    assert.equal(code(wrongKey), 'amNumber.key');
    assert.match(validationMessage(wrongKey as Extract<ValidationResult, { valid: false }>), /clé ne correspond pas/);
    const short = validateAmNumber('63199497');
    assert.equal(code(short), 'amNumber.format');
    assert.match(validationMessage(short as Extract<ValidationResult, { valid: false }>), /9 chiffres.*8/);
    assert.equal(code(validateAmNumber('63199497A')), 'amNumber.format');
    assert.equal(code(validateAmNumber('')), 'amNumber.empty');
  });
});

describe('FINESS', () => {
  it('accepts 403700396 (the seed’s) and Corsican numbers with 2A/2B', () => {
    assert.equal(code(validateFiness('403700396')), 'valid');
    const corsican = '2A' + '000123';
    const key = luhnKeyFor('20' + '000123');
    assert.deepEqual(validateFiness(corsican + key), { valid: true, value: corsican + key });
    assert.equal(code(validateFiness('2b000123' + key)), 'valid');
  });

  it('refuses a wrong key, a wrong length, an impossible department', () => {
    assert.equal(code(validateFiness('403700397')), 'finess.key');
    assert.equal(code(validateFiness('40370039')), 'finess.format');
    assert.equal(code(validateFiness('4037003961')), 'finess.format');
    const body = '00' + '123456';
    assert.equal(code(validateFiness(body + luhnKeyFor(body))), 'finess.format', 'department 00');
    assert.equal(code(validateFiness('2C0001234')), 'finess.format');
    assert.equal(code(validateFiness(' ')), 'finess.empty');
  });
});

describe('RPPS', () => {
  it('accepts 11 digits with a Luhn key and refuses the rest', () => {
    const body = '1000123456';
    const rpps = body + luhnKeyFor(body);
    assert.equal(code(validateRpps(rpps)), 'valid');
    assert.equal(code(validateRpps(body + ((Number(luhnKeyFor(body)) + 1) % 10))), 'rpps.key');
    assert.equal(code(validateRpps(body)), 'rpps.format');
    assert.equal(code(validateRpps('1000123456X')), 'rpps.format');
    assert.equal(code(validateRpps('')), 'rpps.empty');
  });
});

describe('ADELI', () => {
  it('accepts 9 digits and refuses the rest', () => {
    assert.equal(code(validateAdeli('751234567')), 'valid');
    assert.equal(code(validateAdeli('75123456')), 'adeli.format');
    assert.equal(code(validateAdeli('7512345678')), 'adeli.format');
    assert.equal(code(validateAdeli('75123456B')), 'adeli.format');
  });
});

describe('CPE card id', () => {
  it('keeps special characters but refuses spaces', () => {
    assert.deepEqual(validateCpeCardId('CPE-75/0042#A'), { valid: true, value: 'CPE-75/0042#A' });
    assert.equal(code(validateCpeCardId('CPE 75 0042')), 'cpe.spaces');
    assert.equal(code(validateCpeCardId('')), 'cpe.empty');
    assert.equal(code(validateCpeCardId('AB')), 'cpe.format');
    assert.equal(code(validateCpeCardId('é'.repeat(5))), 'cpe.format');
  });
});
