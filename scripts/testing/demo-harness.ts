import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { build, preview, type PreviewServer } from 'vite';
import { startServerProcess, type RunningServer } from '../../sync-server/testing/server-process.ts';
import { BROWSER_ARGS, findBrowser } from '../find-browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const configFile = join(root, 'vite.config.ts');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The built demo page (`vite build`, as `npm run demo` serves it: service worker included) and
 * the real sync server behind its `/api` proxy, each on a fixed port so that they can be stopped
 * — the network really gone — and started again on the same origin (same service worker, same
 * IndexedDB). Browsers are Debian's Chromium driven by Playwright, each on a profile folder that
 * outlives the browser (closed and reopened like a real one).
 */
export class DemoHarness {
  readonly #work: string;
  readonly #outDir: string;
  readonly #database: string;
  #page: PreviewServer | null = null;
  #sync: RunningServer | null = null;
  #contexts = new Set<BrowserContext>();

  private constructor(
    readonly pagePort: number,
    readonly syncPort: number,
  ) {
    this.#work = mkdtempSync(join(tmpdir(), 'teleservices-demo-'));
    this.#outDir = join(this.#work, 'demo');
    this.#database = join(this.#work, 'data', 'teleservices.sqlite');
  }

  /** Builds the demo page into a temporary folder and starts both servers. */
  static async start(): Promise<DemoHarness> {
    const harness = new DemoHarness(await freePort(), await freePort());
    await build({ configFile, logLevel: 'error', build: { outDir: harness.#outDir, emptyOutDir: true } });
    await harness.startSync();
    await harness.startPage();
    return harness;
  }

  get url(): string {
    return `http://127.0.0.1:${this.pagePort}/`;
  }

  get syncUrl(): string {
    return `http://127.0.0.1:${this.syncPort}`;
  }

  /** The built page's folder (to publish a new version in a test). */
  get outDir(): string {
    return this.#outDir;
  }

  async startPage(): Promise<void> {
    this.#page = await preview({
      configFile,
      logLevel: 'error',
      build: { outDir: this.#outDir },
      preview: { port: this.pagePort, strictPort: true, proxy: { '/api': { target: this.syncUrl, changeOrigin: true } } },
    });
  }

  async stopPage(): Promise<void> {
    await this.#page?.close();
    this.#page = null;
  }

  async startSync(): Promise<void> {
    this.#sync = await startServerProcess({ PORT: String(this.syncPort), DATABASE: this.#database, SEED: 'demo', DEMO_MAILBOX: '1' });
  }

  async stopSync(): Promise<void> {
    await this.#sync?.stop();
    this.#sync = null;
  }

  /** Both servers down: what the browser sees when the network is cut. */
  async cutNetwork(): Promise<void> {
    await Promise.all([this.stopPage(), this.stopSync()]);
  }

  async restoreNetwork(): Promise<void> {
    await this.startSync();
    await this.startPage();
  }

  /** A token straight from the sync server (to read what it holds). */
  async signIn(identifier: string, password: string): Promise<string> {
    const response = await fetch(`${this.syncUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password }) });
    if (!response.ok) throw new Error(`sign-in of ${identifier}: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** Every session of that person ends, as when their 12 hours are over (in the server's database). */
  expireSessionsOf(email: string): void {
    const db = new Database(this.#database);
    try {
      db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE email = ?)").run(email);
    } finally {
      db.close();
    }
  }

  /** The last names of the Contact COVID files the server holds for that person. */
  async serverFileNames(identifier: string, password: string): Promise<string[]> {
    const token = await this.signIn(identifier, password);
    const response = await fetch(`${this.syncUrl}/api/replication/fiches/pull?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const { documents } = (await response.json()) as { documents: { lastName?: string }[] };
    return documents.map((fiche) => fiche.lastName ?? '');
  }

  /** A browser on a profile folder kept on disk (`profile` names it, to reopen it later). */
  async browser(profile: string): Promise<{ context: BrowserContext; page: Page }> {
    const executablePath = findBrowser();
    if (!executablePath) throw new Error('no Chrome/Chromium found (CHROME_PATH)');
    const context = await chromium.launchPersistentContext(join(this.#work, 'profiles', profile), { executablePath, headless: true, args: [...BROWSER_ARGS], locale: 'fr-FR' });
    this.#contexts.add(context);
    context.once('close', () => this.#contexts.delete(context));
    const page = context.pages()[0] ?? (await context.newPage());
    if (process.env['DEMO_TEST_LOG']) page.on('console', (message) => console.log(`[${profile}] ${message.type()}: ${message.text()}`));
    return { context, page };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#contexts].map((context) => context.close().catch(() => undefined)));
    await this.cutNetwork().catch(() => undefined);
    rmSync(this.#work, { recursive: true, force: true });
  }
}

/**
 * Opens the demo page and waits until its service worker is active and serves this very page:
 * installed, so the page and its files are precached, and what the page loads on demand from now
 * on (a chunk, a reload, the browser reopened) goes through it even with the network gone.
 */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/** Signs in through the provider's own form, as a person would. */
export async function signInOnPage(page: Page, identifier: string, password: string): Promise<void> {
  const form = page.locator('account-sign-in');
  await form.getByLabel(/E-mail, N° Assurance Maladie/).fill(identifier);
  await form.getByLabel('Mot de passe', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Vous connecter', exact: true }).click();
  await page.locator('#who').filter({ hasText: identifier }).waitFor();
}

/** Creates a patient zéro draft in Contact COVID through the demo's screens. */
export async function createDraft(page: Page, lastName: string, firstName: string): Promise<void> {
  await page.locator('contact-covid-patient-list').getByRole('button', { name: /Nouveau patient/ }).click();
  const form = page.locator('contact-covid-patient-form');
  await form.locator('[name="lastName"]').fill(lastName);
  await form.locator('[name="firstName"]').fill(firstName);
  await form.locator('button[name="draft"]').click();
  await form.getByText(/enregistrée en brouillon/).waitFor();
}
