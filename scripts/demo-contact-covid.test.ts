import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DemoHarness, openDemo, signInOnPage } from './testing/demo-harness.ts';

// The pharmacists' and biologists' Contact COVID as a visitor tries it on the built demo page, in
// Chromium against the real sync server and its demo data (README, « Contact COVID files and
// insured people »): the pharmacy's own list, DUPONT Marie — a patient of the day, Dr Durand's
// contact — found by NIR for her mask and her sample, and an identity prefilled by the insurer.

const PHARMACIST = ['pharmacie.centrale@demo.test', 'Pharma#2026'] as const;
const BIOLOGIST = ['labo.bio@demo.test', 'Biolog#2026'] as const;
const DOCTOR = ['dr.martin@demo.test', 'Medecin#2026'] as const;

const list = (page: Page) => page.locator('contact-covid-patient-list');
const file = (page: Page) => page.locator('contact-covid-patient-file');
const contactForm = (page: Page) => page.locator('contact-covid-contact-form');

/** « Patients du jour » → DUPONT Marie: the list searches her NIR, on the server too; her file opens. */
async function openDupontMarie(page: Page): Promise<void> {
  await page.locator('.patients button', { hasText: 'DUPONT Marie' }).click();
  await list(page).getByRole('button', { name: 'Ouvrir la fiche de DUPONT Marie' }).click();
  await file(page).getByRole('heading', { name: 'DUPONT Marie' }).waitFor();
}

describe('Contact COVID for pharmacists and biologists, in the demo', { timeout: 300_000 }, () => {
  let harness: DemoHarness;
  before(async () => {
    harness = await DemoHarness.start();
  });
  after(async () => {
    await harness?.dispose();
  });

  it('the pharmacist: the pharmacy’s own list, then the mask for a doctor’s contact found by NIR, confirmed and shown on her file', async () => {
    const { context, page } = await harness.browser('pharmacist');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...PHARMACIST);
    await list(page).getByRole('heading', { name: 'Délivrance de masques — Liste de vos patients' }).waitFor();
    await list(page).getByText('3 fiches trouvées').waitFor({ timeout: 30_000 });
    await list(page).getByText(/3608.*choix 2/).waitFor();

    await openDupontMarie(page);
    await file(page).getByRole('button', { name: 'Modifier' }).click();
    await contactForm(page).getByRole('heading', { name: 'Délivrance de masques' }).waitFor();
    await contactForm(page).getByRole('group', { name: /Masque délivré/ }).getByLabel('Oui').check();
    await contactForm(page).getByRole('button', { name: 'Valider' }).click();
    await file(page).getByText('Délivrance de masques enregistrée pour DUPONT Marie.').waitFor();
    assert.equal((await file(page).locator('dd.mask').textContent())?.trim(), 'Oui');
    await page.locator('teleservices-sync-status').getByText(/tout est synchronisé/).waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('the biologist: the contact to sample found by NIR, what the sampling needs, the date recorded', async () => {
    const { context, page } = await harness.browser('biologist');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...BIOLOGIST);
    await list(page).getByRole('heading', { name: 'Prélèvements — Liste de vos patients' }).waitFor();
    assert.equal(await list(page).getByRole('button', { name: /Nouveau patient/ }).count(), 0);

    await openDupontMarie(page);
    await file(page).getByRole('button', { name: 'Modifier' }).click();
    await contactForm(page).getByText('Souhaite recevoir les résultats : Oui').waitFor();
    await contactForm(page).getByLabel('Prélèvement le').fill('2026-12-07');
    await contactForm(page).getByRole('button', { name: 'Valider' }).click();
    await file(page).getByText('Prélèvement du 07/12/2026 enregistré pour DUPONT Marie.').waitFor();
    await page.locator('teleservices-sync-status').getByText(/tout est synchronisé/).waitFor({ timeout: 30_000 });
    await context.close();
  });

  it('a doctor: a patient of the day’s NIR prefills the identity from the insurer, read-only', async () => {
    const { context, page } = await harness.browser('doctor');
    await openDemo(page, harness.url);
    await signInOnPage(page, ...DOCTOR);
    await list(page).getByRole('button', { name: /Nouveau patient/ }).click();
    const form = page.locator('contact-covid-patient-form');
    await form.locator('[name="nir"]').fill('2 92 07 94 028 033 47');
    await form.locator('[name="nir"]').blur();
    await form.getByText('Identité issue du répertoire de l’Assurance Maladie : elle ne peut pas être modifiée.').waitFor();
    assert.equal(await form.locator('[name="lastName"]').inputValue(), 'NGUYEN');
    assert.equal(await form.locator('[name="birthName"]').inputValue(), 'TRAN');
    assert.equal(await form.locator('[name="lastName"]').getAttribute('readonly'), '');
    await context.close();
  });
});
