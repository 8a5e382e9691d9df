import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { departmentOf, formatPhone, validateEmail, validatePhone, validatePostcodeOrDepartment } from './contact-details.ts';
import { validationMessage, type ValidationResult } from './validation-result.ts';

const code = (result: ValidationResult) => (result.valid ? 'valid' : result.code);

describe('postcode or department', () => {
  it('accepts 5-digit postcodes and departments, Corsica and overseas included', () => {
    for (const value of ['75012', '20000', '20200', '97400', '75', '2A', '2b', '974', '01']) {
      assert.equal(code(validatePostcodeOrDepartment(value)), 'valid', value);
    }
  });

  it('derives the department, 2A/2B for Corsican postcodes', () => {
    assert.equal(departmentOf('75012'), '75');
    assert.equal(departmentOf('20090'), '2A');
    assert.equal(departmentOf('20200'), '2B');
    assert.equal(departmentOf('97411'), '974');
    assert.equal(departmentOf('2b'), '2B');
    assert.equal(departmentOf('abc'), '');
  });

  it('refuses what is neither, naming an unknown department', () => {
    assert.equal(code(validatePostcodeOrDepartment('7501')), 'postcode.format');
    assert.equal(code(validatePostcodeOrDepartment('Paris')), 'postcode.format');
    assert.equal(code(validatePostcodeOrDepartment('')), 'postcode.empty');
    const unknown = validatePostcodeOrDepartment('96');
    assert.equal(code(unknown), 'postcode.unknown');
    assert.match(validationMessage(unknown as Extract<ValidationResult, { valid: false }>), /96/);
    assert.equal(code(validatePostcodeOrDepartment('00100')), 'postcode.unknown');
    assert.equal(code(validatePostcodeOrDepartment('20')), 'postcode.unknown');
  });
});

describe('phone', () => {
  it('accepts French numbers typed with separators or +33 and stores 10 digits', () => {
    assert.deepEqual(validatePhone('01 43 00 00 00'), { valid: true, value: '0143000000' });
    assert.deepEqual(validatePhone('06.12.34.56.78'), { valid: true, value: '0612345678' });
    assert.deepEqual(validatePhone('+33 6 12 34 56 78'), { valid: true, value: '0612345678' });
    assert.deepEqual(validatePhone('+32 470 12 34 56'), { valid: true, value: '+32470123456' });
  });

  it('refuses short, letter-filled or 00-leading numbers', () => {
    assert.equal(code(validatePhone('0143')), 'phone.format');
    assert.equal(code(validatePhone('01 43 AB 00 00')), 'phone.format');
    assert.equal(code(validatePhone('0012345678')), 'phone.format');
    assert.equal(code(validatePhone('+33 1234')), 'phone.format');
    assert.equal(code(validatePhone('')), 'phone.empty');
  });

  it('groups French numbers by pairs for display', () => {
    assert.equal(formatPhone('0143000000'), '01 43 00 00 00');
    assert.equal(formatPhone('+32470123456'), '+32470123456');
  });
});

describe('e-mail', () => {
  it('accepts ordinary addresses and lower-cases the domain only', () => {
    assert.deepEqual(validateEmail(' Dr.Martin@Demo.TEST '), { valid: true, value: 'Dr.Martin@demo.test' });
    assert.equal(code(validateEmail('pharmacie.centrale+covid@demo.test')), 'valid');
  });

  it('refuses malformed addresses', () => {
    for (const value of ['martin', 'martin@', '@demo.test', 'martin@demo', 'mar tin@demo.test', 'martin..x@demo.test', 'martin@-demo.test', '.martin@demo.test']) {
      assert.equal(code(validateEmail(value)), 'email.format', value);
    }
    assert.equal(code(validateEmail('a'.repeat(250) + '@demo.test')), 'email.tooLong');
    assert.equal(code(validateEmail('')), 'email.empty');
  });
});
