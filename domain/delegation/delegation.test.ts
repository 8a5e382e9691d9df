import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { firstIssueByField } from '../validation/fields.ts';
import { checkDelegationStructures, DelegationCreateSchema, delegationTransition, delegationWindow, DELEGATION_STATUSES } from './delegation.ts';

describe('delegation rules', () => {
  it('moves only along the seed’s transitions, by the right party', () => {
    assert.equal(delegationTransition('en_cours', 'accept', 'delegue'), 'validee');
    assert.equal(delegationTransition('en_cours', 'create_account', 'delegue'), 'a_valider');
    assert.equal(delegationTransition('a_valider', 'validate', 'delegant'), 'validee');
    assert.equal(delegationTransition('en_cours', 'validate', 'delegant'), null, 'nothing to validate before the account exists');
    assert.equal(delegationTransition('a_valider', 'validate', 'delegue'), null, 'the délégué does not validate');
    for (const status of DELEGATION_STATUSES.filter((s) => s !== 'en_cours')) {
      assert.equal(delegationTransition(status, 'accept', 'delegue'), null, `no answer once ${status}`);
    }
  });

  it('reads the validity window inclusively', () => {
    assert.equal(delegationWindow('2026-11-22', '2026-11-30', '2026-11-22'), 'within');
    assert.equal(delegationWindow('2026-11-22', '2026-11-30', '2026-11-30'), 'within');
    assert.equal(delegationWindow('2026-11-22', '2026-11-30', '2026-12-01'), 'after');
    assert.equal(delegationWindow('2026-11-22', '2026-11-30', '2026-11-21'), 'before');
  });

  it('forces every structure for a substitute or a medical assistant, not for an accountant', () => {
    assert.equal(checkDelegationStructures('remplacant', ['a'], ['a', 'b']), 'all_required');
    assert.equal(checkDelegationStructures('assistant_medical', ['a', 'b'], ['a', 'b']), 'ok');
    assert.equal(checkDelegationStructures('comptable', ['a'], ['a', 'b']), 'ok');
    assert.equal(checkDelegationStructures('comptable', ['c'], ['a', 'b']), 'unknown');
  });

  it('checks the form: e-mail, dates in order, the CPE card of a medical assistant, in French or English', () => {
    const base = { delegateEmail: 'a@exemple.fr', profile: 'assistant_medical', validFrom: '2026-12-10', validUntil: '2026-12-01', structureIds: ['s'] };
    const parsed = v.safeParse(DelegationCreateSchema, base);
    assert.equal(parsed.success, false);
    const errors = firstIssueByField(parsed.issues!);
    assert.deepEqual(Object.keys(errors).sort(), ['cpeCardId', 'validUntil']);
    const english = v.safeParse(DelegationCreateSchema, { ...base, cpeCardId: 'CPE 123' }, { lang: 'en' });
    assert.match(firstIssueByField(english.issues!)['cpeCardId']!, /space/i);
    assert.equal(v.safeParse(DelegationCreateSchema, { ...base, validUntil: '2026-12-31', cpeCardId: 'CPE-123' }).success, true);
  });
});
