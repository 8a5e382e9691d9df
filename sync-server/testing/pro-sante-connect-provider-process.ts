// The local provider playing Pro Santé Connect as a process of its own, for the browser tests'
// plugin and `npm run demo:psc`: `node --import tsx sync-server/testing/pro-sante-connect-provider-process.ts`.
// Environment (the sync server's names): PSC_CLIENT_ID, PSC_CLIENT_SECRET, PSC_REDIRECT_URL (one
// or several, comma-separated), PSC_POST_LOGOUT_REDIRECT_URL (optional), PSC_LOCAL_PORT (default: any).
// Prints « listening on <issuer> » once it answers; stops on SIGTERM / SIGINT.
import { startLocalProSanteConnect } from './pro-sante-connect-provider.ts';

const list = (value: string | undefined) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
const provider = await startLocalProSanteConnect({
  port: Number(process.env['PSC_LOCAL_PORT'] ?? 0),
  clients: [
    {
      clientId: process.env['PSC_CLIENT_ID'] ?? 'teleservices',
      clientSecret: process.env['PSC_CLIENT_SECRET'] ?? 'teleservices-secret',
      redirectUrls: list(process.env['PSC_REDIRECT_URL']),
      postLogoutRedirectUrls: list(process.env['PSC_POST_LOGOUT_REDIRECT_URL']),
    },
  ],
});
console.log(`[pro-sante-connect] local provider listening on ${provider.issuer}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void provider.close().then(() => process.exit(0)));
}
