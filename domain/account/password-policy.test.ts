import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassword, passwordPolicyMessage } from './password-policy.ts';

const passed = (password: string) =>
  checkPassword(password)
    .rules.filter((r) => r.passed)
    .map((r) => r.id);

describe('password policy', () => {
  it('accepts the demo passwords (8+, upper, lower, digit, special)', () => {
    for (const password of ['Medecin#2026', 'Pharma#2026', 'Biolog#2026', 'Conseil#2026', 'Rempla#2026']) {
      assert.equal(checkPassword(password).valid, true, password);
    }
  });

  it('tells which rules pass, in order, for a live checklist', () => {
    assert.deepEqual(passed(''), []);
    assert.deepEqual(passed('abc'), ['lower']);
    assert.deepEqual(passed('ABCdef12'), ['minLength', 'upper', 'lower', 'digit']);
    assert.deepEqual(passed('Élève#12'), ['minLength', 'upper', 'lower', 'digit', 'special'], 'accented letters count');
    assert.deepEqual(
      checkPassword('x').rules.map((r) => r.id),
      ['minLength', 'upper', 'lower', 'digit', 'special'],
    );
  });

  it('does not count a space as the special character', () => {
    assert.deepEqual(passed('Abcdef 12'), ['minLength', 'upper', 'lower', 'digit']);
  });

  it('labels the rules in French, in English on demand, and names the missing ones', () => {
    assert.equal(checkPassword('').rules[0]!.label, 'Au moins 8 caractères');
    assert.equal(checkPassword('', 'en').rules[0]!.label, 'At least 8 characters');
    const message = passwordPolicyMessage(checkPassword('abcdefgh'));
    assert.match(message, /lettre majuscule/);
    assert.match(message, /chiffre/);
    assert.doesNotMatch(message, /minuscule/);
  });
});
