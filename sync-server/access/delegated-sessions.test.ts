import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delegationEndsAt } from './delegated-sessions.ts';

describe('delegationEndsAt: when a délégué’s open streams end by the delegation’s dates', () => {
  it('is midnight in Paris after the last day, in winter and in summer time', () => {
    assert.equal(delegationEndsAt({ validUntil: '2026-11-22' }).toISOString(), '2026-11-22T23:00:00.000Z');
    assert.equal(delegationEndsAt({ validUntil: '2026-07-14' }).toISOString(), '2026-07-14T22:00:00.000Z');
  });

  it('follows the clock changes: the night summer time starts, and the night it ends', () => {
    // Summer time starts on 29 March 2026 at 02:00: the midnight before is still UTC+1.
    assert.equal(delegationEndsAt({ validUntil: '2026-03-28' }).toISOString(), '2026-03-28T23:00:00.000Z');
    // It ends on 25 October 2026 at 03:00: the midnight before is still UTC+2.
    assert.equal(delegationEndsAt({ validUntil: '2026-10-24' }).toISOString(), '2026-10-24T22:00:00.000Z');
    // The last day of the year rolls over to the next.
    assert.equal(delegationEndsAt({ validUntil: '2026-12-31' }).toISOString(), '2026-12-31T23:00:00.000Z');
  });
});
