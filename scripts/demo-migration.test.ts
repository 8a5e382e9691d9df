import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DemoHarness, openDemo } from './testing/demo-harness.ts';

// The demo data of issue 17's former pharmacy and laboratory accounts, on the built demo page in
// Chromium against the real sync server, through the role switcher as a visitor would: one
// former account per situation of the pharmacists' guide's « Migration vers les nouveaux comptes ».

/** « Compte de démonstration »: the account and its way in, then « Se connecter ». */
async function switchTo(page: Page, option: string): Promise<void> {
  await page.locator('#role-switcher select').selectOption(option);
  await page.locator('#role-switcher button[type="submit"]').click();
}

describe('the former pharmacy and laboratory accounts’ demo data, through the role switcher', { timeout: 300_000 }, () => {
  let harness: DemoHarness;
  before(async () => {
    harness = await DemoHarness.start();
  });
  after(async () => {
    await harness?.dispose();
  });

  it('situation 1 by the CPS card, 2 by the choice before any widget, 3 with the pharmacy’s administrative account known — each said once', async () => {
    const { context, page } = await harness.browser('migration');
    await openDemo(page, harness.url);
    const dialog = page.locator('account-migration');
    const who = page.locator('#who');

    await switchTo(page, 'halles:cps');
    await dialog.getByText('Vous vous êtes connecté avec votre carte CPS').waitFor({ timeout: 60_000 });
    await dialog.getByText(/plus vous connecter avec le N° 750012346/).waitFor();
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await who.filter({ hasText: 'pharmacie.halles@demo.test' }).waitFor({ timeout: 60_000 });
    await dialog.waitFor({ state: 'detached' });

    await switchTo(page, 'coteaux:password');
    await dialog.getByRole('heading', { name: 'Votre compte évolue' }).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Valider mon choix' }).click();
    await dialog.getByText('Choisissez le type de votre compte : administratif ou responsable de structure.').first().waitFor();
    await dialog.getByLabel('Compte administratif de la structure').check();
    await dialog.getByRole('button', { name: 'Valider mon choix' }).click();
    await dialog.getByText('Votre compte est désormais le compte administratif de Laboratoire des Coteaux.').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await who.filter({ hasText: 'Laboratoire des Coteaux (labo.coteaux@demo.test)' }).waitFor({ timeout: 60_000 });

    await switchTo(page, 'gare:password');
    await dialog.getByText('Un compte administratif existe déjà pour Pharmacie de la Gare').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await who.filter({ hasText: 'pharmacie.gare@demo.test' }).waitFor({ timeout: 60_000 });

    const mails = (await (await fetch(`${harness.syncUrl}/api/demo/outbox`)).json()) as { messages: { recipient: string; subject: string }[] };
    const notices = mails.messages.filter((m) => m.subject.startsWith('Votre compte devient')).map((m) => `${m.recipient}: ${m.subject}`).sort();
    assert.deepEqual(notices, [
      'labo.coteaux@demo.test: Votre compte devient le compte administratif de la structure',
      'pharmacie.gare@demo.test: Votre compte devient un compte responsable de structure',
      'pharmacie.halles@demo.test: Votre compte devient un compte responsable de structure',
    ]);
    await context.close();
  });
});
