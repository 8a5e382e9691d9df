// A web-test-runner plugin that lets browser tests start, stop and restart real sync-server
// processes (each on its own temporary SQLite file), through `executeServerCommand`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const servers = new Map();
let nextId = 1;

/** Spawns a TypeScript entry point; resolves once it prints « listening on <url> ». */
function spawnListening(entry, env, what) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[\d.]+:(\d+))/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], port: Number(match[2]) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output}`));
    });
  });
}

function start({ databasePath, outboxKey, port = 0, seed = true, proSanteConnect = null, strongAuth = true }) {
  // The simulated card on every start (unless the server has Pro Santé Connect), restarts on the
  // seeded database included (SEED=demo is not repeated there); one outbox key per server, kept
  // across restarts; the outbox read through the demo mailbox (it decrypts).
  return spawnListening(
    'sync-server/index.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE: databasePath,
      // SEED=demo implies the simulated card: a server without strong authentication starts empty.
      SEED: seed && strongAuth ? 'demo' : '',
      SIMULATED_CPS: proSanteConnect || !strongAuth ? '' : '1',
      OUTBOX_KEY: outboxKey,
      DEMO_MAILBOX: '1',
      ...(proSanteConnect ?? {}),
    },
    'sync server',
  );
}

const PSC_CLIENT = { PSC_CLIENT_ID: 'teleservices', PSC_CLIENT_SECRET: 'teleservices-secret' };

/**
 * The local OpenID provider playing Pro Santé Connect (`sync-server/testing/pro-sante-connect-provider.ts`),
 * its client registered with the test's redirect URL; answers the server's `PSC_*` variables.
 */
async function startProvider({ redirectUrl, postLogoutRedirectUrl }) {
  const env = { ...PSC_CLIENT, PSC_REDIRECT_URL: redirectUrl, ...(postLogoutRedirectUrl ? { PSC_POST_LOGOUT_REDIRECT_URL: postLogoutRedirectUrl } : {}) };
  const { child, url } = await spawnListening('sync-server/testing/pro-sante-connect-provider-process.ts', env, 'local Pro Santé Connect');
  // The local directory's director role (sync-server/testing/pro-sante-connect-people.ts).
  return { child, variables: { ...env, PSC_ISSUER: url, PSC_DIRECTOR_ROLES: 'DIR-DEMO' } };
}

/**
 * Drives the popup a test page opened at the local provider (the page's Chromium tab through
 * Puppeteer): the practitioner's national identifier (an RPPS, or a CPE / director's card's) and level, then « Se connecter » — or « Annuler », or the
 * window closed.
 */
async function signInInPopup(session, { rpps = '', identifier = rpps, acr = 'eidas1', cancel = false, close = false }) {
  if (session.browser.type !== 'puppeteer') throw new Error('pro-sante-connect:popup needs the Chrome launcher');
  const page = session.browser.getPage(session.id);
  const target = await page.browser().waitForTarget((t) => t.opener() === page.target() && /\/interaction\//.test(t.url()), { timeout: 15_000 });
  const popup = await target.page();
  await popup.waitForSelector('input[name="identifier"]', { timeout: 15_000 });
  if (cancel) {
    await popup.click('button[name="cancel"]');
    return true;
  }
  if (close) {
    await popup.close();
    return true;
  }
  await popup.type('input[name="identifier"]', identifier);
  await popup.select('select[name="acr"]', acr);
  await popup.click('button[type="submit"]:not([name])');
  return true;
}

async function stop(server, signal = 'SIGTERM') {
  if (!server.child || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  await once(server.child, 'exit');
  server.child = null;
}

async function stopProvider(server) {
  const child = server.provider?.child;
  server.provider = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** How long one `sync-server:ready` command waits before answering "not yet" (under the 20 s limit). */
const READY_WAIT_MS = 10_000;

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server's process and fills in where it listens; the promise settles when it does. */
function launch(server, { port = 0, seed }) {
  const starting = (async () => {
    if (server.pscRedirect && !server.provider) server.provider = await startProvider(server.pscRedirect);
    return start({ databasePath: server.databasePath, outboxKey: server.outboxKey, port, seed, proSanteConnect: server.provider?.variables ?? null, strongAuth: server.strongAuth });
  })().then((started) => {
    Object.assign(server, started);
  });
  // A failed start is reported to the `sync-server:ready` that waits on it, not as an unhandled rejection.
  starting.catch(() => undefined);
  return starting;
}

export function syncServerPlugin() {
  return {
    name: 'sync-server-commands',
    async executeCommand({ command, payload = {}, session }) {
      if (command === 'sync-server:start') {
        // Answered at once: a command the browser waits on for more than 20 s fails (the dev
        // server's limit), and a start can take longer on a loaded machine. The browser then
        // asks `sync-server:ready` until the server listens.
        const dir = mkdtempSync(join(tmpdir(), 'teleservices-browser-'));
        const databasePath = join(dir, 'sync.sqlite');
        const outboxKey = randomBytes(32).toString('base64');
        const id = String(nextId++);
        // `proSanteConnect: {redirectUrl, postLogoutRedirectUrl?}`: strong authentication by a local
        // provider playing Pro Santé Connect (its issuer in `sync-server:ready`'s answer).
        // `strongAuth: false`: no strong authentication at all (and no demo accounts).
        const server = { child: null, url: '', port: 0, dir, databasePath, outboxKey, pscRedirect: payload.proSanteConnect ?? null, provider: null, strongAuth: payload.strongAuth !== false };
        servers.set(id, server);
        server.starting = launch(server, { seed: payload.seed !== false });
        return { id };
      }
      const server = servers.get(String(payload.id));
      if (command === 'sync-server:ready') {
        if (!server) throw new Error(`no sync server ${payload.id}`);
        const ready = await Promise.race([server.starting.then(() => true), delay(READY_WAIT_MS).then(() => false)]);
        return ready ? { ready, url: server.url, ...(server.provider ? { issuer: server.provider.variables.PSC_ISSUER } : {}) } : { ready };
      }
      if (command === 'sync-server:stop') {
        if (server) {
          await server.starting?.catch(() => undefined);
          await stop(server, payload.signal);
        }
        return true;
      }
      if (command === 'sync-server:restart') {
        if (!server) throw new Error(`no sync server ${payload.id}`);
        await server.starting?.catch(() => undefined);
        await stop(server, payload.signal ?? 'SIGTERM');
        server.starting = launch(server, { port: server.port, seed: false });
        return { id: payload.id };
      }
      if (command === 'pro-sante-connect:popup') return signInInPopup(session, payload);
      if (command === 'pro-sante-connect:forget') {
        // The practitioner's session at the local providers (their cookies, on 127.0.0.1) ends:
        // the next sign-in asks again.
        const browser = session.browser.getPage(session.id).browser();
        const cookies = (await browser.cookies()).filter((cookie) => cookie.domain === '127.0.0.1');
        if (cookies.length > 0) await browser.deleteCookie(...cookies);
        return true;
      }
      if (command === 'sync-server:outbox') {
        // What the server "sent" (e-mails, letters), oldest first: tests read it as the recipient would.
        const response = await fetch(`${server.url}/api/demo/outbox`);
        const { messages } = await response.json();
        return messages.reverse().map(({ channel, recipient, subject, body }) => ({ channel, recipient, subject, body }));
      }
      if (command === 'sync-server:dispose') {
        if (server) {
          await server.starting?.catch(() => undefined);
          await stop(server);
          await stopProvider(server);
          rmSync(server.dir, { recursive: true, force: true });
          servers.delete(String(payload.id));
        }
        return true;
      }
      return undefined;
    },
    async serverStop() {
      for (const server of servers.values()) {
        await server.starting?.catch(() => undefined);
        await stop(server);
        await stopProvider(server);
        rmSync(server.dir, { recursive: true, force: true });
      }
      servers.clear();
    },
  };
}
