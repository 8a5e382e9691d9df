import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter, TOO_MANY_ATTEMPTS } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('gives a refund back to the window the attempt was counted in, never to a newer one', () => {
    const limiter = new RateLimiter(2, 1000);
    const counted = limiter.hit('203.0.113.7', 0, TOO_MANY_ATTEMPTS); // a sign-in that will succeed, slowly
    // The window turns; two failures fill the new one.
    limiter.hit('203.0.113.7', 1500, TOO_MANY_ATTEMPTS);
    limiter.hit('203.0.113.7', 1600, TOO_MANY_ATTEMPTS);
    limiter.refund('203.0.113.7', counted); // the old attempt succeeded: nothing to give back now
    assert.throws(() => limiter.hit('203.0.113.7', 1700, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
  });

  it('gives back a successful attempt in its own window', () => {
    const limiter = new RateLimiter(2, 1000);
    const first = limiter.hit('203.0.113.8', 0, TOO_MANY_ATTEMPTS);
    limiter.refund('203.0.113.8', first);
    limiter.hit('203.0.113.8', 10, TOO_MANY_ATTEMPTS);
    limiter.hit('203.0.113.8', 20, TOO_MANY_ATTEMPTS);
    assert.throws(() => limiter.hit('203.0.113.8', 30, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
  });
});
