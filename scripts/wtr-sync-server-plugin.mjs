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

function start({ databasePath, outboxKey, port = 0, seed = true }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/index.ts'], {
    // The simulated card on every start, restarts on the seeded database included (SEED=demo is not
    // repeated there); one outbox key per server, kept across restarts; the outbox read through the
    // demo mailbox (it decrypts).
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE: databasePath, SEED: seed ? 'demo' : '', SIMULATED_CPS: '1', OUTBOX_KEY: outboxKey, DEMO_MAILBOX: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync server did not start within 60 s:\n${output}`)), 60_000);
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
      reject(new Error(`sync server exited with ${code}:\n${output}`));
    });
  });
}

async function stop(server, signal = 'SIGTERM') {
  if (!server.child || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill(signal);
  await once(server.child, 'exit');
  server.child = null;
}

/** How long one `sync-server:ready` command waits before answering "not yet" (under the 20 s limit). */
const READY_WAIT_MS = 10_000;

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server's process and fills in where it listens; the promise settles when it does. */
function launch(server, { port = 0, seed }) {
  const starting = start({ databasePath: server.databasePath, outboxKey: server.outboxKey, port, seed }).then((started) => {
    Object.assign(server, started);
  });
  // A failed start is reported to the `sync-server:ready` that waits on it, not as an unhandled rejection.
  starting.catch(() => undefined);
  return starting;
}

export function syncServerPlugin() {
  return {
    name: 'sync-server-commands',
    async executeCommand({ command, payload = {} }) {
      if (command === 'sync-server:start') {
        // Answered at once: a command the browser waits on for more than 20 s fails (the dev
        // server's limit), and a start can take longer on a loaded machine. The browser then
        // asks `sync-server:ready` until the server listens.
        const dir = mkdtempSync(join(tmpdir(), 'teleservices-browser-'));
        const databasePath = join(dir, 'sync.sqlite');
        const outboxKey = randomBytes(32).toString('base64');
        const id = String(nextId++);
        const server = { child: null, url: '', port: 0, dir, databasePath, outboxKey };
        servers.set(id, server);
        server.starting = launch(server, { seed: payload.seed !== false });
        return { id };
      }
      const server = servers.get(String(payload.id));
      if (command === 'sync-server:ready') {
        if (!server) throw new Error(`no sync server ${payload.id}`);
        const ready = await Promise.race([server.starting.then(() => true), delay(READY_WAIT_MS).then(() => false)]);
        return ready ? { ready, url: server.url } : { ready };
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
        rmSync(server.dir, { recursive: true, force: true });
      }
      servers.clear();
    },
  };
}
