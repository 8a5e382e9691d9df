import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { BROWSER_ARGS, findBrowser } from './find-browser.mjs';

// `npm run demo:psc` as a visitor runs it: the local provider playing Pro Santé Connect, the sync
// server on PSC_* against it, the built page; in Chromium, the sign-in's button leaves for the
// provider's page (the redirect flow) and comes back signed in with the card, a strong session
// that opens EMS and a délégant's new delegation (the same sign-in as every strong step); signing out ends
// the provider's session too (its sign-out page, then the provider asks again); a practitioner
// without an account comes back to the account creation by card; the health centre's director,
// without an RPPS, signs in by his role at the centre and opens a new delegation.

const root = fileURLToPath(new URL('..', import.meta.url));
const MARTIN = '10001234565';
/** In the health insurance's directory, without an account yet. */
const LAMBERT = '10007890121';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run demo:psc', { timeout: 300_000 }, () => {
  let demo: ChildProcess;
  let work: string;
  let pageUrl: string;
  let issuer: string;
  let browser: Browser | null = null;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'teleservices-demo-psc-'));
    const [port, demoPort, providerPort] = [await freePort(), await freePort(), await freePort()];
    pageUrl = `http://127.0.0.1:${demoPort}/`;
    demo = spawn(process.execPath, ['scripts/demo.mjs', '--psc'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DEMO_PORT: String(demoPort), PSC_LOCAL_PORT: String(providerPort), DATABASE: join(work, 'demo.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not start within 240 s:\n${output}`)), 240_000);
      const read = (chunk: Buffer) => {
        output += String(chunk);
        if (/Ctrl\+C pour arrêter/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      demo.stdout!.on('data', read);
      demo.stderr!.on('data', read);
      demo.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
    });
    issuer = /Pro Santé Connect local : (http:\/\/[\d.:]+)/.exec(output)?.[1] ?? '';
    assert.equal(issuer, `http://127.0.0.1:${providerPort}`, 'the local provider on PSC_LOCAL_PORT, announced');
  });
  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      demo.kill('SIGTERM');
      await once(demo, 'exit');
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('runs the sync server on Pro Santé Connect; the card sign-in goes through the provider’s page and back, the sign-out through its sign-out page', async () => {
    const strong = (await (await fetch(new URL('/api/auth/strong', pageUrl))).json()) as { kind: string };
    assert.equal(strong.kind, 'pro_sante_connect');

    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chrome/Chromium found (CHROME_PATH)');
    browser = await chromium.launch({ executablePath, headless: true, args: [...BROWSER_ARGS] });
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(pageUrl);
    const signIn = page.locator('account-sign-in');
    await signIn.getByText('Par Pro Santé Connect').waitFor({ timeout: 60_000 });
    assert.equal(await signIn.getByText(/Carte CPS simulée/).count(), 0, 'no simulated card');

    await signIn.getByRole('button', { name: 'Vous connecter par carte CPS' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`), { timeout: 60_000 });
    await page.getByLabel('Numéro RPPS').fill(MARTIN);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('#who').filter({ hasText: 'dr.martin@demo.test' }).waitFor({ timeout: 60_000 });
    const back = new URL(page.url());
    assert.equal(back.origin + back.pathname, pageUrl, 'back on the demo page');
    assert.equal(back.search, '', 'the code and state are gone from the address bar');

    // The strong steps take this session: EMS's list, and the délégant's new delegation form.
    await page.getByRole('button', { name: 'Échanges médicaux sécurisés' }).click();
    await page.locator('ems-inbox').getByRole('button', { name: 'Nouvel échange' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('ems-inbox').getByText(/nécessitent une connexion par carte CPS/).count(), 0);
    await page.getByRole('button', { name: 'Délégations' }).click();
    await page.locator('delegation-dashboard').getByRole('button', { name: 'Créer une nouvelle délégation' }).click();
    await page.locator('delegation-create-form').getByLabel('Adresse e-mail du délégué').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('delegation-create-form').getByText(/nécessite une connexion par carte CPS/).count(), 0);

    // « Se déconnecter » ends the session at the provider too: its sign-out page, then back here.
    await page.locator('#sign-out').click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/session/end`), { timeout: 60_000 });
    await page.getByRole('button', { name: 'Me déconnecter de Pro Santé Connect' }).click();
    await page.waitForURL((url) => url.href.startsWith(pageUrl) && !url.href.startsWith(issuer), { timeout: 60_000 });
    await signIn.getByRole('button', { name: 'Vous connecter par carte CPS' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`), { timeout: 60_000 });

    // A practitioner of the directory without an account: back with the offer to create it; the
    // second round (the provider's session open, no page there) comes back to the account creation.
    await page.getByLabel('Numéro RPPS').fill(LAMBERT);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await signIn.getByText(/Aucun compte n’est associé à cette carte CPS/).waitFor({ timeout: 60_000 });
    await signIn.getByRole('button', { name: 'Créer mon compte avec cette carte' }).click();
    await page.locator('account-create').getByText(/compte personnel valable/).waitFor({ timeout: 60_000 });
    assert.equal(new URL(page.url()).search, '');
  });

  it('signs the health centre’s director in through the provider (the demo directory’s 3750054322/BENALI), who opens a new delegation', async () => {
    const page = await (await browser!.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(pageUrl);
    const signIn = page.locator('account-sign-in');
    await signIn.getByRole('button', { name: 'Vous connecter par carte CPS' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`), { timeout: 60_000 });
    assert.equal(await page.getByText('3750054322/BENALI').count(), 1, 'the provider’s page names the demo’s identities without RPPS');
    await page.getByLabel('Numéro RPPS').fill('3750054322/BENALI');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('#who').filter({ hasText: 'cds.daumesnil@demo.test' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Délégations' }).click();
    await page.locator('delegation-dashboard').getByRole('button', { name: 'Créer une nouvelle délégation' }).click();
    await page.locator('delegation-create-form').getByLabel('Adresse e-mail du délégué').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('delegation-create-form').getByText(/nécessite une connexion par carte CPS/).count(), 0, 'the director’s session is strong');
  });
});
