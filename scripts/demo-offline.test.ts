import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDraft, DemoHarness, openDemo, signInOnPage } from './testing/demo-harness.ts';

// The demo page as `npm run demo` serves it (the production build with its service worker), in
// Debian's Chromium, against the real sync server. "Offline" is real: the page's server and the
// sync server are stopped, so every request of the browser fails unless the service worker answers.

describe('the built demo page starts offline', { timeout: 180_000 }, () => {
  let harness: DemoHarness;
  before(async () => {
    harness = await DemoHarness.start();
  });
  after(async () => {
    await harness?.dispose();
  });

  it('reloads offline signed in, with a file created offline, in a browser closed and reopened; the file reaches the server when the network is back', async () => {
    const { context, page } = await harness.browser('martin');
    await openDemo(page, harness.url);
    await signInOnPage(page, 'dr.martin@demo.test', 'Medecin#2026');
    await page.locator('contact-covid-patient-list').getByRole('button', { name: /Nouveau patient/ }).waitFor();

    await harness.cutNetwork();
    await createDraft(page, 'Horsligne', 'Lucie');
    await page.reload();
    await page.locator('#who').filter({ hasText: 'dr.martin@demo.test' }).waitFor();
    await page.locator('contact-covid-patient-list').getByText('HORSLIGNE', { exact: false }).or(page.locator('contact-covid-patient-list').getByText('Horsligne')).first().waitFor();
    await page.locator('teleservices-sync-status').getByText(/1 modification en attente/).waitFor();

    // The browser closed, then opened again with the network still down.
    await context.close();
    const reopened = await harness.browser('martin');
    await reopened.page.goto(harness.url);
    await reopened.page.locator('#who').filter({ hasText: 'dr.martin@demo.test' }).waitFor();
    await reopened.page.locator('contact-covid-patient-list').getByText(/Horsligne/i).first().waitFor();

    await harness.restoreNetwork();
    const token = await harness.signIn('dr.martin@demo.test', 'Medecin#2026');
    let names: string[] = [];
    for (let attempt = 0; attempt < 100 && !names.includes('Horsligne'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pulled = (await (await fetch(`${harness.syncUrl}/api/replication/fiches/pull?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { documents: { lastName: string }[] };
      names = pulled.documents.map((fiche) => fiche.lastName);
    }
    assert.ok(names.includes('Horsligne'), `the file typed offline reached the server (server has: ${names.join(', ')})`);
    await reopened.context.close();
  });

  it('never caches an answer of the sync server (health data, tokens): only the page and its files', async () => {
    const { context, page } = await harness.browser('cache-check');
    await openDemo(page, harness.url);
    await signInOnPage(page, 'pharmacie.centrale@demo.test', 'Pharma#2026');
    await page.locator('teleservices-sync-status').getByText(/à jour|synchronis/i).first().waitFor();
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    const paths = cached.map((url) => new URL(url).pathname);
    assert.ok(paths.includes('/index.html'), `the page is precached (${paths.join(', ')})`);
    assert.ok(paths.some((path) => /^\/assets\/index-[^/]+\.js$/.test(path)), 'the element bundle is precached');
    assert.ok(paths.some((path) => /^\/assets\/index-[^/]+\.css$/.test(path)), 'the styles are precached');
    assert.deepEqual(paths.filter((path) => path.startsWith('/api/')), [], 'no answer of the API in any cache');
    await context.close();
  });

  it('announces a new version and waits for « Recharger »: what is being typed stays', async () => {
    const { context, page } = await harness.browser('update');
    await openDemo(page, harness.url);
    // A returning visit: the page is the service worker's.
    await page.reload();
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
    const identifier = page.locator('account-sign-in').getByLabel(/E-mail, N° Assurance Maladie/);
    await identifier.fill('en cours de saisie');
    // A new version published: its service worker differs from the one installed.
    const sw = join(harness.outDir, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// version 2\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.locator('#update-banner');
    await banner.getByText('Une nouvelle version est disponible').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(await identifier.inputValue(), 'en cours de saisie', 'nothing reloaded under the typing');
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Recharger' }).click();
    await reloaded;
    assert.equal(await page.locator('account-sign-in').getByLabel(/E-mail, N° Assurance Maladie/).inputValue(), '', 'the page reloaded on the click');
    assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting === null), 'the new version is the active one');
    await context.close();
  });
});
