// `npm run demo`: the sync server with the demo accounts + the demo host page, one command.
// The page is the production build (`vite build` into dist/demo, a few seconds), served as it
// would be in production: an installable web app whose service worker starts it offline.
// (`npm run dev` is the same page with hot reload and no service worker.)
// Environment: PORT (sync server, default 8787), DEMO_PORT (page, default 5173), DATABASE.
import { spawn } from 'node:child_process';
import { build, preview } from 'vite';

const port = process.env.PORT ?? '8787';
const demoPort = process.env.DEMO_PORT ?? '5173';

const syncServer = spawn(process.execPath, ['--import', 'tsx', 'sync-server/index.ts'], {
  env: { ...process.env, PORT: port, SEED: 'demo', SIMULATED_CPS: '1', DEMO_MAILBOX: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});

const stopAll = (code) => {
  if (syncServer.exitCode === null) syncServer.kill('SIGTERM');
  process.exitCode = code;
};

syncServer.on('exit', (code) => {
  if (code !== 0 && code !== null) {
    console.error(`Le serveur de synchronisation s’est arrêté (code ${code}).`);
    process.exit(code);
  }
});

await new Promise((resolve) => {
  syncServer.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (/listening on/.test(String(chunk))) resolve();
  });
});

console.log('Construction de la page de démonstration (vite build)…');
await build({ configFile: 'vite.config.ts', logLevel: 'error' });
const page = await preview({ configFile: 'vite.config.ts', preview: { port: Number(demoPort) } });
console.log(`\nDémo teleservices : http://127.0.0.1:${demoPort}/ (s’ouvre aussi hors ligne une fois chargée)`);
console.log(`Serveur de synchronisation : http://127.0.0.1:${port}/api/health`);
console.log('Comptes de démonstration : voir README.md (ex. dr.martin@demo.test / Medecin#2026). Ctrl+C pour arrêter.\n');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    // The sync server first: closing vite can take a while (or hang on open sockets).
    stopAll(0);
    setTimeout(() => process.exit(0), 3000).unref();
    await page.close().catch(() => undefined);
  });
}
