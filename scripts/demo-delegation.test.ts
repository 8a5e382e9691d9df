import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DemoHarness, openDemo } from './testing/demo-harness.ts';

// The demo data of issue 17's delegation part, on the built demo page in Chromium against the
// real sync server, through the role switcher as a visitor would: the health-centre director
// signs in with his director's card and may delegate; Dr Martin's medical assistant signs in
// with her CPE card and acts for her; Dr Martin finds her accountant's delegation to update.

/** « Compte de démonstration »: the account and its way in, then « Se connecter ». */
async function switchTo(page: Page, option: string, email: string): Promise<void> {
  await page.locator('#role-switcher select').selectOption(option);
  await page.locator('#role-switcher button[type="submit"]').click();
  await page.locator('#who').filter({ hasText: email }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Délégations', exact: true }).click();
}

describe('the delegations’ demo data, through the role switcher', { timeout: 300_000 }, () => {
  let harness: DemoHarness;
  before(async () => {
    harness = await DemoHarness.start();
  });
  after(async () => {
    await harness?.dispose();
  });

  it('the director’s card opens the strong session a delegation needs; the CPE card lets the assistant act for Dr Martin; the accountant’s delegation can be updated', async () => {
    const { context, page } = await harness.browser('delegations');
    await openDemo(page, harness.url);

    await switchTo(page, 'directeur:cps', 'cds.daumesnil@demo.test');
    await page.locator('delegation-dashboard').getByRole('button', { name: 'Créer une nouvelle délégation' }).click();
    await page.locator('delegation-create-form').getByLabel('Adresse e-mail du délégué').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('delegation-create-form').getByText(/nécessite une connexion par carte CPS/).count(), 0);

    await switchTo(page, 'assistante:cps', 'assistante.medicale@demo.test');
    await page.locator('delegation-dashboard').getByRole('button', { name: 'Agir pour le compte de Dr Claire Martin' }).click({ timeout: 60_000 });
    await page.getByText(/Vous agissez pour le compte de Dr Claire Martin — profil Assistant médical/).first().waitFor({ timeout: 60_000 });

    await switchTo(page, 'martin:cps', 'dr.martin@demo.test');
    await page.locator('delegation-dashboard').getByRole('button', { name: 'Mettre à jour la délégation de comptable@demo.test' }).click({ timeout: 60_000 });
    await page.locator('delegation-dashboard').getByText('Mise à jour d’une délégation').waitFor();
    await page.locator('delegation-dashboard').getByLabel(/Date de fin/).waitFor();
    await context.close();
  });
});
