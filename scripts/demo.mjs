// `npm run demo`: the sync server with the demo accounts + the demo host page, one command.
// The page is the production build (`vite build` into dist/demo, a few seconds), served as it
// would be in production: an installable web app whose service worker starts it offline.
// (`npm run dev` is the same page with hot reload and no service worker.)
// `npm run demo:psc` (or DEMO_PSC=1): strong authentication by a local OpenID provider playing
// Pro Santé Connect (the redirect to its sign-in page, the return) instead of the simulated card.
// Environment: PORT (sync server, default 8787), DEMO_PORT (page, default 5173), DATABASE,
// PSC_LOCAL_PORT (the local provider with demo:psc, default 8790).
import { spawn } from 'node:child_process';
import { build, preview } from 'vite';

const port = process.env.PORT ?? '8787';
const demoPort = process.env.DEMO_PORT ?? '5173';
const proSanteConnect = process.argv.includes('--psc') || process.env.DEMO_PSC === '1';

const children = [];
const spawnTs = (entry, env) => {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
};
/** Echoes a child's output; resolves with the address it prints (« listening on <url> »). */
const listening = (child) =>
  new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(String(chunk));
      if (match) resolve(match[1]);
    });
  });

// With demo:psc, the provider's client is registered with the demo page as its redirect URL
// (the sign-in reads the return there) and as the page its sign-out leads back to.
let strongAuth = { SIMULATED_CPS: '1' };
if (proSanteConnect) {
  const pageUrl = `http://127.0.0.1:${demoPort}/`;
  const client = { PSC_CLIENT_ID: 'teleservices-demo', PSC_CLIENT_SECRET: 'teleservices-demo-secret', PSC_REDIRECT_URL: pageUrl, PSC_POST_LOGOUT_REDIRECT_URL: pageUrl };
  const provider = spawnTs('sync-server/testing/pro-sante-connect-provider-process.ts', { ...client, PSC_LOCAL_PORT: process.env.PSC_LOCAL_PORT ?? '8790' });
  provider.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`Le fournisseur Pro Santé Connect local s’est arrêté (code ${code}).`);
      process.exit(code);
    }
  });
  // The local directory's director role (sync-server/testing/pro-sante-connect-people.ts): M. Benali signs in as the centre's director.
  strongAuth = { SIMULATED_CPS: '', ...client, PSC_ISSUER: await listening(provider), PSC_DIRECTOR_ROLES: 'DIR-DEMO' };
}

const syncServer = spawnTs('sync-server/index.ts', { PORT: port, SEED: 'demo', DEMO_MAILBOX: '1', ...strongAuth });
const stopAll = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};

syncServer.on('exit', (code) => {
  if (code !== 0 && code !== null) {
    console.error(`Le serveur de synchronisation s’est arrêté (code ${code}).`);
    process.exit(code);
  }
});

await listening(syncServer);

console.log('Construction de la page de démonstration (vite build)…');
await build({ configFile: 'vite.config.ts', logLevel: 'error' });
const page = await preview({ configFile: 'vite.config.ts', preview: { port: Number(demoPort) } });
console.log(`\nDémo teleservices : http://127.0.0.1:${demoPort}/ (s’ouvre aussi hors ligne une fois chargée)`);
console.log(`Serveur de synchronisation : http://127.0.0.1:${port}/api/health`);
if (proSanteConnect) console.log(`Pro Santé Connect local : ${strongAuth.PSC_ISSUER} (« Vous connecter par carte CPS », puis le RPPS d’un compte de démonstration, ex. 10001234565 ; le directeur du centre de santé 3750054322/BENALI, l’assistante médicale CPE-2026-0042)`);
console.log('Comptes de démonstration : voir README.md (ex. dr.martin@demo.test / Medecin#2026). Ctrl+C pour arrêter.\n');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    // The sync server first: closing vite can take a while (or hang on open sockets).
    stopAll(0);
    setTimeout(() => process.exit(0), 3000).unref();
    await page.close().catch(() => undefined);
  });
}
