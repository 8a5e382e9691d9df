import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { nirFor } from '../../domain/testing/fiche-fixtures.ts';
import { createApp } from '../app.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { NIR_LOOKUP_LIMITS } from './fiche-routes.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

describe('rate limit on the lookups by NIR (search, open, directory of insured people)', () => {
  let demo: DemoApp;
  beforeEach(async () => (demo = await createDemoApp()));
  afterEach(() => demo.dispose());

  const searches = () => (demo.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'search'").get() as { n: number }).n;

  it('stops one user trying the order numbers of a NIR, with 429 and retryAfter; every search done is audited', async () => {
    const pharmacien = await demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const statuses: number[] = [];
    for (let order = 1; order <= NIR_LOOKUP_LIMITS.perIdentifier + 1; order++) {
      statuses.push((await demo.request(`/api/fiches/search?nir=${nirFor(order)}`, { token: pharmacien })).status);
    }
    assert.deepEqual(new Set(statuses.slice(0, -1)), new Set([200]));
    assert.equal(statuses.at(-1), 429);
    assert.equal(searches(), NIR_LOOKUP_LIMITS.perIdentifier);

    const refused = (await (await demo.request(`/api/fiches/search?nir=${nirFor(999)}`, { token: pharmacien, headers: { 'accept-language': 'en' } })).json()) as Json;
    assert.equal(refused.reason, 'rate_limited');
    assert.match(refused.error, /Too many searches by NIR/);
    assert.ok(refused.retryAfter > 0 && refused.retryAfter <= 15 * 60);
    // Opening and the directory share the budget: the same person cannot go round it.
    assert.equal((await demo.request('/api/fiches/x/open', { method: 'POST', token: pharmacien, json: { nir: nirFor(1) } })).status, 429);
    assert.equal((await demo.request(`/api/fiches/insured?nir=${nirFor(2)}`, { token: pharmacien })).status, 429);
    // Another user is not slowed down, and the window ends.
    const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    assert.equal((await demo.request(`/api/fiches/search?nir=${nirFor(1)}`, { token: martin })).status, 200);
    demo.advance(NIR_LOOKUP_LIMITS.windowMs);
    assert.equal((await demo.request(`/api/fiches/search?nir=${nirFor(1)}`, { token: pharmacien })).status, 200);
  });

  it('stops one address spreading the guesses over several accounts, per client behind a trusted proxy', async () => {
    const behindProxy = createApp({ db: demo.db, now: () => demo.clock.now, trustProxy: true });
    const tokens = await Promise.all([
      demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026'),
      demo.signIn('dr.martin@demo.test', 'Medecin#2026'),
      demo.signIn('dr.durand@demo.test', 'Medecin#2026'),
      demo.signIn('labo.bio@demo.test', 'Biolog#2026'),
    ]);
    const search = (token: string, address: string, order: number) =>
      behindProxy.request(`/api/fiches/search?nir=${nirFor(order)}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });
    const statuses: number[] = [];
    for (let i = 0; i <= NIR_LOOKUP_LIMITS.perAddress; i++) statuses.push((await search(tokens[i % tokens.length]!, '203.0.113.7', i)).status);
    assert.equal(statuses.filter((s) => s === 200).length, NIR_LOOKUP_LIMITS.perAddress);
    assert.equal(statuses.at(-1), 429);
    assert.equal((await search(tokens[3]!, '198.51.100.2', 1)).status, 200, 'another address is not slowed down');
  });
});
