import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { createDraft, DemoHarness, openDemo, signInOnPage } from './testing/demo-harness.ts';

// Who the device's work belongs to, on the built demo page in Chromium against the real sync
// server, the network really cut (both servers stopped): a token that expires offline, another
// person signing in on the same device, and « Se déconnecter » on a shared practice computer.

const MARTIN = ['dr.martin@demo.test', 'Medecin#2026'] as const;
const DURAND = ['dr.durand@demo.test', 'Medecin#2026'] as const;

const signInNotice = (page: Page) => page.locator('account-sign-in .notice');
const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));

async function eventually(check: () => Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the device keeps each person’s work theirs', { timeout: 300_000 }, () => {
  let harness: DemoHarness;
  before(async () => {
    harness = await DemoHarness.start();
  });
  after(async () => {
    await harness?.dispose();
  });

  it('a token expiring offline: work goes on; on reconnection the person signs in again and the waiting writes leave under the new session', async () => {
    const { context, page } = await harness.browser('expiry');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...MARTIN);
    await harness.cutNetwork();
    harness.expireSessionsOf(MARTIN[0]);
    await createDraft(page, 'Expiree', 'Anne');
    await page.reload();
    await page.locator('#who').filter({ hasText: MARTIN[0] }).waitFor();
    await page.locator('teleservices-sync-status').getByText(/1 modification en attente/).waitFor();

    await harness.restoreNetwork();
    await signInNotice(page).filter({ hasText: /Votre session a expiré : reconnectez-vous\. 1 saisie en attente sur cet appareil partira dès votre reconnexion/ }).waitFor({ timeout: 30_000 });
    assert.ok(!(await harness.serverFileNames(...MARTIN)).includes('Expiree'), 'nothing left under the expired token');
    await signInOnPage(page, ...MARTIN);
    await eventually(async () => (await harness.serverFileNames(...MARTIN)).includes('Expiree'), 'the waiting file reaches the server under the new session');
    await context.close();
  });

  it('another person signing in never sends the previous person’s waiting writes: they wait, in that person’s name, until they are back', async () => {
    const { context, page } = await harness.browser('shared');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...MARTIN);
    await harness.cutNetwork();
    harness.expireSessionsOf(MARTIN[0]);
    await createDraft(page, 'Attente', 'Paul');
    await harness.restoreNetwork();
    await signInNotice(page).filter({ hasText: /session a expiré/ }).waitFor({ timeout: 30_000 });

    await signInOnPage(page, ...DURAND);
    await page.locator('teleservices-provider').getByText('1 saisie de Dr Claire Martin attend sur cet appareil').waitFor();
    await page.locator('teleservices-sync-status').getByText(/tout est synchronisé/).waitFor({ timeout: 30_000 });
    assert.ok(!(await harness.serverFileNames(...MARTIN)).includes('Attente'), 'Dr Martin’s file not sent under Dr Durand’s session');
    assert.ok(!(await harness.serverFileNames(...DURAND)).includes('Attente'), 'nor filed as Dr Durand’s');

    await page.locator('#sign-out').click();
    await signInOnPage(page, ...MARTIN);
    await eventually(async () => (await harness.serverFileNames(...MARTIN)).includes('Attente'), 'Dr Martin back: the file leaves under her session');
    await context.close();
  });

  it('« Se déconnecter » with writes not sent warns and offers to wait; once nothing waits it erases the person’s data from the device', async () => {
    const { context, page } = await harness.browser('sign-out');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...MARTIN);
    await page.locator('teleservices-sync-status').getByText(/tout est synchronisé/).waitFor({ timeout: 30_000 });
    assert.ok((await databases(page)).some((name) => name.includes('teleservices-u-martin')), 'the person’s database is on the device');

    await harness.cutNetwork();
    await createDraft(page, 'Derniere', 'Eva');
    await page.locator('#sign-out').click();
    const warning = page.locator('teleservices-provider').getByRole('alert').filter({ hasText: '1 saisie n’a pas encore été acceptée par le serveur' });
    await warning.waitFor();
    await warning.getByRole('button', { name: 'Attendre l’envoi puis me déconnecter' }).click();
    await page.locator('teleservices-provider').getByText(/Envoi en cours : vous serez déconnecté/).waitFor();
    assert.ok(await page.locator('#who').filter({ hasText: MARTIN[0] }).isVisible(), 'still signed in while the entry waits');

    await harness.restoreNetwork();
    await page.locator('account-sign-in form').first().waitFor({ timeout: 30_000 });
    assert.ok((await harness.serverFileNames(...MARTIN)).includes('Derniere'), 'sent before signing out');
    await eventually(async () => !(await databases(page)).some((name) => name.includes('teleservices-u-martin')), `the person’s database erased from the device (${(await databases(page)).join(', ')})`);
    assert.equal(await page.evaluate(() => localStorage.getItem('teleservices.session')), null, 'no session kept on the device');
    await page.reload();
    await page.locator('account-sign-in form').first().waitFor();
    await context.close();
  });

  it('signing out in one tab puts the other tabs’ widgets away too, and the person’s data leaves the device', async () => {
    const { context, page } = await harness.browser('tabs');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...MARTIN);
    await page.locator('teleservices-sync-status').getByText(/tout est synchronisé/).waitFor({ timeout: 30_000 });
    const other = await context.newPage();
    await other.goto(harness.url);
    await other.locator('#who').filter({ hasText: MARTIN[0] }).waitFor();

    await page.locator('#sign-out').click();
    await other.locator('account-sign-in form').first().waitFor({ timeout: 15_000 });
    assert.equal(await other.locator('#who').filter({ hasText: MARTIN[0] }).count(), 0, 'nothing of Dr Martin left on screen in the other tab');
    await eventually(async () => !(await databases(page)).some((name) => name.includes('teleservices-u-martin')), 'the person’s database erased once no tab holds it');
    await context.close();
  });
});
