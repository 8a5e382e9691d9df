import { executeServerCommand } from '@web/test-runner-commands';

/** A real sync-server process on its own temporary SQLite file, seeded with the demo accounts. */
export interface TestSyncServer {
  readonly id: string;
  url: string;
  /** The local Pro Santé Connect's issuer, for a server started with `proSanteConnect`. */
  readonly issuer?: string;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Restarts on the same port and database (what a client sees as the network coming back). */
  restart(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  dispose(): Promise<void>;
  signIn(identifier: string, password: string): Promise<string>;
  /** Signs in with the simulated CPS card of the practitioner `rpps` (holder code 1234): a strong session's token. */
  cardSignIn(rpps: string): Promise<string>;
  /** The e-mails and letters the server wrote to its outbox, oldest first. */
  outbox(): Promise<{ channel: 'email' | 'post'; recipient: string; subject: string; body: string }[]>;
}

/** Waits for the plugin's server `id` to listen (asked again every 10 s: a command may not wait longer than 20 s). */
async function whenListening(id: string): Promise<{ url: string; issuer?: string }> {
  for (;;) {
    const answer = await executeServerCommand<{ ready: boolean; url?: string; issuer?: string }, { id: string }>('sync-server:ready', { id });
    if (answer.ready && answer.url) return { url: answer.url, ...(answer.issuer ? { issuer: answer.issuer } : {}) };
  }
}

/**
 * Strong authentication by a local OpenID provider playing Pro Santé Connect (instead of the
 * simulated card), its client registered with these URLs of the test page's origin.
 */
export interface TestProSanteConnect {
  readonly redirectUrl: string;
  readonly postLogoutRedirectUrl?: string;
}

/** `strongAuth: false`: a server without strong authentication (neither card nor Pro Santé Connect), and so without the demo accounts. */
export async function startSyncServer({ proSanteConnect, strongAuth = true }: { proSanteConnect?: TestProSanteConnect; strongAuth?: boolean } = {}): Promise<TestSyncServer> {
  const { id } = await executeServerCommand<{ id: string }, { seed: boolean; strongAuth: boolean; proSanteConnect?: TestProSanteConnect }>('sync-server:start', {
    seed: true,
    strongAuth,
    ...(proSanteConnect ? { proSanteConnect } : {}),
  });
  const { url, issuer } = await whenListening(id);
  const server: TestSyncServer = {
    id,
    url,
    ...(issuer ? { issuer } : {}),
    stop: async (signal = 'SIGTERM') => {
      await executeServerCommand('sync-server:stop', { id, signal });
    },
    restart: async (signal = 'SIGTERM') => {
      await executeServerCommand<{ id: string }, { id: string; signal: string }>('sync-server:restart', { id, signal });
      server.url = (await whenListening(id)).url;
    },
    outbox: () => executeServerCommand('sync-server:outbox', { id }),
    dispose: async () => {
      await executeServerCommand('sync-server:dispose', { id });
    },
    signIn: async (identifier, password) => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier, password }),
      });
      if (!response.ok) throw new Error(`sign-in of ${identifier} failed: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    cardSignIn: async (rpps) => {
      const response = await fetch(`${server.url}/api/auth/cps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: { rpps, code: '1234' } }),
      });
      if (!response.ok) throw new Error(`card sign-in of ${rpps} failed: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
  };
  return server;
}

/**
 * A suite against a real sync server: started before the suite's first test and disposed after
 * its last (`perTest`: a fresh server, on a fresh database, for each test), with localStorage
 * (the sessions earlier tests kept) cleared before each test unless `clearStorage: false` (the
 * suite manages it). Call it in a `describe`; the server it returns is usable inside the tests.
 */
export function useSyncServer({ clearStorage = true, perTest = false, proSanteConnect }: { clearStorage?: boolean; perTest?: boolean; proSanteConnect?: TestProSanteConnect } = {}): TestSyncServer {
  let current: TestSyncServer | undefined;
  const start = async function (this: MochaContext) {
    // Starting a server process can take seconds on a loaded machine; the plugin gives up at 60 s.
    this.timeout(65_000);
    current = await startSyncServer(proSanteConnect ? { proSanteConnect } : {});
  };
  const dispose = async () => {
    await current?.dispose();
    current = undefined;
  };
  if (clearStorage) beforeEach(() => localStorage.clear());
  if (perTest) {
    beforeEach(start);
    afterEach(dispose);
  } else {
    before(start);
    after(dispose);
  }
  return new Proxy({} as TestSyncServer, {
    get: (_target, key) => {
      if (!current) throw new Error('the sync server starts in the suite’s before hook: use it inside a test');
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`), and returns it. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = 30_000, message = 'condition' } = {}): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
