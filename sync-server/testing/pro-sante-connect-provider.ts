import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';
import type { ProSanteConnectSettings } from '../auth/pro-sante-connect.ts';
import { DEMO_PSC_PEOPLE, LOCAL_DIRECTOR_ROLE, subjectRefPro, type PscPerson } from './pro-sante-connect-people.ts';

/** Levels the local provider signs: `eidas1` (CPS card, e-CPS) as Pro Santé Connect, `eidas0` a weaker one to refuse. */
export const LOCAL_ACR_VALUES = ['eidas1', 'eidas0'] as const;

export interface LocalProSanteConnect {
  /** The issuer (`http://127.0.0.1:<port>`). */
  readonly issuer: string;
  /** The server's settings for a client registered with it. */
  settings(redirectUrl: string, overrides?: Partial<ProSanteConnectSettings>): ProSanteConnectSettings;
  /** Signs a JWT with the provider's own key (to forge ID tokens the provider never issued). */
  sign(payload: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A standards-compliant OpenID provider (`oidc-provider`) on 127.0.0.1 playing **Pro Santé
 * Connect**: the page stands for the CPS, CPE or director's card or the e-CPS app. Any valid RPPS
 * signs in with `SubjectNameID` = `8` + RPPS; a national identifier without RPPS signs in as the
 * directory's `people` describe it (`SubjectRefPro`: exercises, places, roles; the demo's by
 * default), or, unknown there, as a card holder without any place of practice. Claims come with
 * userinfo (scope `scope_all`), the level chosen as `acr`; consent is given with the sign-in, as
 * Pro Santé Connect does; « Annuler » answers `access_denied`. For the tests and the demo only.
 */
export async function startLocalProSanteConnect({
  clients,
  port = 0,
  people = DEMO_PSC_PEOPLE,
}: {
  clients: readonly { clientId: string; clientSecret: string; redirectUrls: readonly string[]; postLogoutRedirectUrls?: readonly string[] }[];
  /** A fixed port (the demo's); any free one by default. */
  port?: number;
  /** The people without an RPPS the directory knows, by national identifier. */
  people?: Readonly<Record<string, PscPerson>>;
}): Promise<LocalProSanteConnect> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'psc-local', alg: 'RS256', use: 'sig' };
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [...client.redirectUrls],
      post_logout_redirect_uris: [...(client.postLogoutRedirectUrls ?? [])],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['local-pro-sante-connect'] },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: ['SubjectNameID', 'SubjectRefPro', 'preferred_username', 'given_name', 'family_name'] },
    acrValues: [...LOCAL_ACR_VALUES],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The sign-out page of the provider, in French as Pro Santé Connect's.
        logoutSource(ctx, form) {
          ctx.body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect (local) — déconnexion</title></head><body>
<h1>Pro Santé Connect — déconnexion</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Me déconnecter de Pro Santé Connect</button>
<button type="submit" form="op.logoutForm">Rester connecté</button></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const identifier = /^psc-(.+)$/.exec(sub)?.[1];
      if (!identifier) return undefined;
      if (/^\d{11}$/.test(identifier)) return { accountId: sub, claims: () => ({ sub, SubjectNameID: `8${identifier}`, preferred_username: `8${identifier}` }) };
      const person = people[identifier];
      const refPro = person ? subjectRefPro(person) : { codeCivilite: '', exercices: [] };
      return {
        accountId: sub,
        claims: () => ({ sub, SubjectNameID: identifier, preferred_username: identifier, given_name: person?.givenName ?? '', family_name: person?.familyName ?? '', SubjectRefPro: refPro }),
      };
    },
  });
  const callback = provider.callback();

  const page = (uid: string, error = '') => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect (local)</title></head><body>
<h1>Pro Santé Connect — fournisseur local de démonstration</h1>
<p>Il tient lieu de votre carte CPS ou de l’application e-CPS.</p>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Identifiant national (Numéro RPPS, ou celui de votre carte CPE ou de directeur) <input name="identifier" autocomplete="off" required></label>
<p>Identités de démonstration sans RPPS : ${Object.entries(people)
    .map(([identifier, person]) => `<code>${escapeHtml(identifier)}</code> (${escapeHtml(`${person.givenName} ${person.familyName}`)})`)
    .join(', ')}.</p>
<label>Moyen <select name="acr"><option value="eidas1">Carte CPS ou e-CPS (eidas1)</option><option value="eidas0">Moyen faible (eidas0)</option></select></label>
<button type="submit">Se connecter</button>
<button type="submit" name="cancel" value="1" formnovalidate>Annuler</button>
</form></body></html>`;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid));
          return;
        }
        const form = new URLSearchParams(await readBody(req));
        if (form.get('cancel')) {
          await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Connexion annulée par l’utilisateur' }, { mergeWithLastSubmission: false });
          return;
        }
        const identifier = form.get('identifier') ?? '';
        const acr = form.get('acr') ?? 'eidas1';
        if (!/^[\x21-\x7e]{4,30}$/.test(identifier) || !(LOCAL_ACR_VALUES as readonly string[]).includes(acr)) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page(details.uid, 'Identifiant national : 11 chiffres pour un N° RPPS, sinon celui de la carte, sans espaces.'));
          return;
        }
        const accountId = `psc-${identifier}`;
        const grant = new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
        grant.addOIDCScope(String(details.params['scope']));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId, acr }, consent: { grantId } }, { mergeWithLastSubmission: false });
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
      }
    })();
  });

  return {
    issuer,
    settings: (redirectUrl, overrides = {}) => ({
      issuer,
      clientId: clients[0]!.clientId,
      clientSecret: clients[0]!.clientSecret,
      redirectUrl,
      scopes: 'openid scope_all',
      acrValues: ['eidas1'],
      identifierClaim: 'SubjectNameID',
      postLogoutRedirectUrl: null,
      directorRoles: [LOCAL_DIRECTOR_ROLE],
      ...overrides,
    }),
    sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'psc-local' }).sign(privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/**
 * A practitioner's browser at the provider, with `fetch`: opens the authorization URL, fills
 * the sign-in page (national identifier: an RPPS, or a card's without one; level) and follows the
 * redirects with the provider's cookies, up to the redirect URL. Returns the redirect URL's
 * parameters (`code`, `state`, `iss`).
 */
export async function signInAtProvider(authorizationUrl: string, { rpps, identifier = rpps, acr = 'eidas1' }: { rpps?: string; identifier?: string; acr?: string }): Promise<Record<string, string>> {
  const cookies = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  const go = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let response = await go(authorizationUrl);
  let location = new URL(response.headers.get('location') ?? '', authorizationUrl).href;
  const loginPage = await (await go(location)).text();
  const action = /action="([^"]+)"/.exec(loginPage)?.[1];
  if (!action) throw new Error(`no sign-in form at the provider: ${loginPage.slice(0, 300)}`);
  response = await go(new URL(action, origin).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ identifier: identifier ?? '', acr }).toString() });
  for (let hops = 0; hops < 5; hops++) {
    if (response.status < 300 || response.status >= 400) throw new Error(`the provider answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    location = new URL(response.headers.get('location')!, origin).href;
    if (!location.startsWith(origin)) return Object.fromEntries(new URL(location).searchParams);
    response = await go(location);
  }
  throw new Error('too many redirects at the provider');
}
