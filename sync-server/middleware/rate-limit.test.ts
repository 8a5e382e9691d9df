import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sqliteAuthStores } from '../auth/sqlite-auth-store.ts';
import { createTempDatabase } from '../testing/temp-database.ts';
import { RateLimiter, TOO_MANY_ATTEMPTS } from './rate-limit.ts';

describe('RateLimiter', () => {
  let temp: ReturnType<typeof createTempDatabase>;
  let limiter: RateLimiter;
  beforeEach(() => {
    temp = createTempDatabase();
    limiter = new RateLimiter(sqliteAuthStores(temp.db).rateLimits, 'test', 2, 1000);
  });
  afterEach(() => temp.dispose());

  it('gives a refund back to the window the attempt was counted in, never to a newer one', async () => {
    const counted = await limiter.hit('203.0.113.7', 0, TOO_MANY_ATTEMPTS); // a sign-in that will succeed, slowly
    // The window turns; two failures fill the new one.
    await limiter.hit('203.0.113.7', 1500, TOO_MANY_ATTEMPTS);
    await limiter.hit('203.0.113.7', 1600, TOO_MANY_ATTEMPTS);
    await limiter.refund('203.0.113.7', counted); // the old attempt succeeded: nothing to give back now
    await assert.rejects(limiter.hit('203.0.113.7', 1700, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
  });

  it('gives back a successful attempt in its own window', async () => {
    const first = await limiter.hit('203.0.113.8', 0, TOO_MANY_ATTEMPTS);
    await limiter.refund('203.0.113.8', first);
    await limiter.hit('203.0.113.8', 10, TOO_MANY_ATTEMPTS);
    await limiter.hit('203.0.113.8', 20, TOO_MANY_ATTEMPTS);
    await assert.rejects(limiter.hit('203.0.113.8', 30, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
  });

  it('counts in the database: a limiter of another server on the same file counts in the same window, a restart forgets nothing', async () => {
    await limiter.hit('203.0.113.9', 0, TOO_MANY_ATTEMPTS);
    const other = new RateLimiter(sqliteAuthStores(temp.db).rateLimits, 'test', 2, 1000);
    await other.hit('203.0.113.9', 10, TOO_MANY_ATTEMPTS);
    await assert.rejects(other.hit('203.0.113.9', 20, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
    await assert.rejects(limiter.hit('203.0.113.9', 30, TOO_MANY_ATTEMPTS), /Trop de tentatives/);
    const elsewhere = new RateLimiter(sqliteAuthStores(temp.db).rateLimits, 'another-limit', 2, 1000);
    assert.equal(await elsewhere.hit('203.0.113.9', 40, TOO_MANY_ATTEMPTS), 1040, 'each limit has its own windows');
  });

  it('forgets the windows that are over, and only those', async () => {
    await limiter.hit('203.0.113.10', 0, TOO_MANY_ATTEMPTS);
    await limiter.hit('203.0.113.11', 900, TOO_MANY_ATTEMPTS);
    await limiter.hit('203.0.113.11', 950, TOO_MANY_ATTEMPTS);
    await sqliteAuthStores(temp.db).rateLimits.purge(1000);
    assert.deepEqual(temp.db.prepare('SELECT key FROM rate_limit_windows').all(), [{ key: 'test:203.0.113.11' }]);
    await assert.rejects(limiter.hit('203.0.113.11', 1000, TOO_MANY_ATTEMPTS), /Trop de tentatives/, 'a window still running keeps its count');
  });
});
