import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { decodeJwt, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { CustomFetch } from 'openid-client';
import { AUTHORIZATION_FLOW_MS, proSanteConnectAuthenticator, rppsOfNationalIdentifier, type ProSanteConnectSettings } from '../auth/pro-sante-connect.ts';
import { ConfigError, readConfig } from '../config.ts';
import { createDemoApp } from '../testing/demo-app.ts';
import { TEST_BACKENDS } from '../testing/postgres-stores.ts';
import { startServerProcess } from '../testing/server-process.ts';
import { signInAtProvider, startLocalProSanteConnect, type LocalProSanteConnect } from '../testing/pro-sante-connect-provider.ts';
import { activity, DEMO_PSC_PEOPLE, LOCAL_DIRECTOR_ROLE, type PscActivity, type PscPerson } from '../testing/pro-sante-connect-people.ts';

const REDIRECT_URL = 'http://127.0.0.1:5173/psc-callback';
const APP_URL = 'http://127.0.0.1:5173/';
const MARTIN = '10001234565';
/** In the health insurance's directory, without an account yet (README's demo accounts). */
const LAMBERT = '10007890121';
/** A valid RPPS that Pro Santé Connect knows and the server does not. */
const STRANGER = '10011111118';
/** The demo's director of the Centre de santé Daumesnil and Dr Martin's medical assistant, by their national identifiers (no RPPS). */
const BENALI = '3750054322/BENALI';
const BERTIN = 'CPE-2026-0042';

const person = (...activities: PscActivity[]): PscPerson => ({ givenName: 'Test', familyName: 'PERSONNE', codeCivilite: 'M', exercices: [{ codeProfession: '', activities }] });
/** Test people of the provider's directory, besides the demo's. */
const PEOPLE: Record<string, PscPerson> = {
  ...DEMO_PSC_PEOPLE,
  /** A director's role, but no FINESS to say of which establishment. */
  '3000000000/SANSFINESS': person(activity({ codeRole: LOCAL_DIRECTOR_ROLE, raisonSocialeSite: 'CENTRE SANS FINESS' })),
  /** The director of the Centre de santé des Lilas (FINESS juridique only), which has no director's account here. */
  '3930045604/LILAS': person(activity({ codeRole: LOCAL_DIRECTOR_ROLE, numeroFinessetablissementJuridique: '930045604' })),
  /** A secretary of the Daumesnil centre: its FINESS, but no director's role. */
  '3750054322/SECRETARIAT': person(activity({ numeroFinessSite: '750054322', raisonSocialeSite: 'CENTRE DE SANTE DAUMESNIL' })),
};
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

for (const backend of TEST_BACKENDS)
  describe(`Pro Santé Connect (OpenID Connect) against a local oidc-provider${backend.label}`, { skip: backend.skip }, () => {
    let provider: LocalProSanteConnect;
    before(async () => {
      provider = await startLocalProSanteConnect({
        clients: [
          { clientId: 'teleservices', clientSecret: 'teleservices-secret', redirectUrls: [REDIRECT_URL], postLogoutRedirectUrls: [APP_URL] },
          { clientId: 'other-service', clientSecret: 'other-secret', redirectUrls: ['http://127.0.0.1:9/cb'] },
        ],
        people: PEOPLE,
      });
    });
    after(() => provider.close());

    /** Rewrites the ID token of the provider's token answer (re-signed), as a forged or stale answer would be. */
    type Tamper = (idToken: JWTPayload) => Promise<string>;
    let server: ReturnType<typeof startServer> extends Promise<infer S> ? S : never;
    async function startServer({ overrides = {}, tamper }: { overrides?: Partial<ProSanteConnectSettings>; tamper?: Tamper } = {}) {
      const fetchThrough: CustomFetch = async (url, options) => {
        const response = await fetch(url, options as RequestInit);
        if (!tamper || !url.endsWith('/token') || response.status !== 200) return response;
        const body = (await response.json()) as Json;
        body['id_token'] = await tamper(decodeJwt(body['id_token']));
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      };
      const demo = await createDemoApp({
        backend: backend.name,
        startAt: new Date(),
        appUrl: APP_URL,
        strongAuthenticator: (stores) => proSanteConnectAuthenticator(stores.strongAuthFlows, provider.settings(REDIRECT_URL, { postLogoutRedirectUrl: APP_URL, ...overrides }), { fetch: fetchThrough }),
      });
      const post = (path: string, body: unknown, token?: string) =>
        demo.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      /** « Vous connecter par carte CPS »: the server's authorization URL, the practitioner at the provider, back with the redirect's parameters. */
      const authorize = async (rpps: string, acr = 'eidas1') => {
        const started = await post('/api/auth/strong/authorization', {});
        assert.equal(started.status, 200, await started.clone().text());
        const { authorizationUrl } = await json(started);
        return { authorizationUrl: authorizationUrl as string, authorization: await signInAtProvider(authorizationUrl, { rpps, acr }) };
      };
      return { ...demo, post, authorize };
    }
    afterEach(() => server?.dispose());

    describe('a practitioner known to the server', () => {
      beforeEach(async () => (server = await startServer()));

      it('advertises the authenticator, starts the code flow with PKCE, state, nonce and level, and opens a strong session', async () => {
        assert.deepEqual(await json(await server.app.request('/api/auth/strong')), { kind: 'pro_sante_connect', redirect: true });
        const { authorizationUrl, authorization } = await server.authorize(MARTIN);
        const asked = new URL(authorizationUrl).searchParams;
        assert.equal(new URL(authorizationUrl).origin, provider.issuer);
        assert.equal(asked.get('response_type'), 'code');
        assert.equal(asked.get('client_id'), 'teleservices');
        assert.equal(asked.get('redirect_uri'), REDIRECT_URL);
        assert.equal(asked.get('code_challenge_method'), 'S256');
        assert.equal(asked.get('acr_values'), 'eidas1');
        assert.ok(asked.get('state') && asked.get('nonce') && asked.get('code_challenge'));
        assert.equal(authorization['state'], asked.get('state'));
        assert.equal(authorization['iss'], provider.issuer);
        // The server keeps the verifier under the state's hash, never the state itself.
        const stored = (await server.storeRows('SELECT state_hash FROM strong_auth_flows')) as { state_hash: string }[];
        assert.equal(stored.length, 1);
        assert.notEqual(stored[0]!.state_hash, asked.get('state'));

        const signedIn = await server.post('/api/auth/cps', { authorization });
        assert.equal(signedIn.status, 200, await signedIn.clone().text());
        const body = await json(signedIn);
        assert.equal(body.user.lastName, 'Martin');
        assert.equal(body.user.strongAuth, true);
        const session = await json(await server.app.request('/api/auth/session', { headers: { authorization: `Bearer ${body.token}` } }));
        assert.equal(session.user.strongAuth, true);
        // Signing out also ends the provider's session: its end-session page, with the ID token as hint.
        const signOut = new URL(body.providerSignOutUrl);
        assert.equal(`${signOut.origin}${signOut.pathname}`, `${provider.issuer}/session/end`);
        assert.equal(signOut.searchParams.get('post_logout_redirect_uri'), APP_URL);
        assert.equal(decodeJwt(signOut.searchParams.get('id_token_hint')!).sub, `psc-${MARTIN}`);
        assert.deepEqual(await server.storeRows('SELECT state_hash FROM strong_auth_flows'), [], 'the flow was used up');
      });

      it('gives a session that reaches the strong steps (EMS), which a password session does not', async () => {
        const { authorization } = await server.authorize(MARTIN);
        const { token } = await json(await server.post('/api/auth/cps', { authorization }));
        const pull = (bearer: string) => server.app.request('/api/replication/ems/threads/pull?limit=10', { headers: { authorization: `Bearer ${bearer}` } });
        assert.equal((await pull(token)).status, 200);
        const password = await json(await server.post('/api/auth/login', { identifier: 'dr.martin@demo.test', password: 'Medecin#2026' }));
        const refused = await pull(password.token);
        assert.equal(refused.status, 403);
        assert.equal((await json(refused)).reason, 'strong_auth_required');
      });

      it('refuses a redirect used twice, and a code replayed on a new flow', async () => {
        const { authorization } = await server.authorize(MARTIN);
        assert.equal((await server.post('/api/auth/cps', { authorization })).status, 200);
        const again = await server.post('/api/auth/cps', { authorization });
        assert.equal(again.status, 401);
        assert.equal((await json(again)).reason, 'authorization_expired');

        const { authorization: fresh } = await server.authorize(MARTIN);
        const replayed = await server.post('/api/auth/cps', { authorization: { ...fresh, code: authorization['code'] } });
        assert.equal(replayed.status, 401);
        assert.equal((await json(replayed)).reason, 'authorization_refused');
      });

      it('refuses a state the server never gave, and a flow older than 10 minutes', async () => {
        const { authorization } = await server.authorize(MARTIN);
        const forged = await server.post('/api/auth/cps', { authorization: { ...authorization, state: 'not-the-servers-state' } });
        assert.equal(forged.status, 401);
        assert.match((await json(forged)).error, /a expiré ou a déjà servi/);

        const { authorization: late } = await server.authorize(MARTIN);
        server.clock.now = new Date(server.clock.now.getTime() + AUTHORIZATION_FLOW_MS + 1000);
        const expired = await server.post('/api/auth/cps', { authorization: late });
        assert.equal(expired.status, 401);
        assert.equal((await json(expired)).reason, 'authorization_expired');
      });

      it('refuses an authentication level too weak for a strong step, at sign-in and at account creation', async () => {
        const { authorization } = await server.authorize(MARTIN, 'eidas0');
        const weak = await server.post('/api/auth/cps', { authorization });
        assert.equal(weak.status, 403);
        assert.equal((await json(weak)).reason, 'auth_level_too_weak');
        const { authorization: weakCreation } = await server.authorize(LAMBERT, 'eidas0');
        assert.equal((await json(await server.post('/api/accounts/cps', { authorization: weakCreation }))).reason, 'auth_level_too_weak');
      });

      it('refuses a practitioner without an account (sign-in) or unknown to the directory (creation)', async () => {
        const { authorization } = await server.authorize(STRANGER);
        const unknown = await server.post('/api/auth/cps', { authorization });
        assert.equal(unknown.status, 401);
        const refusal = await json(unknown);
        assert.deepEqual([refusal.reason, refusal.card], ['unknown_card', 'cps'], 'a CPS card’s holder: the page offers to create the account');
        const { authorization: creation } = await server.authorize(STRANGER);
        assert.equal((await server.post('/api/accounts/cps', { authorization: creation })).status, 404);
      });

      it('creates the account of a practitioner of the directory, whose session is strong', async () => {
        const { authorization } = await server.authorize(LAMBERT);
        const started = await server.post('/api/accounts/cps', { authorization });
        assert.equal(started.status, 200, await started.clone().text());
        const { ticket, identity } = await json(started);
        assert.equal(identity.lastName, 'Lambert');
        const created = await server.post('/api/accounts', {
          ticket,
          civility: 'Dr',
          email: 'julie.lambert@exemple.fr',
          emailConfirmation: 'julie.lambert@exemple.fr',
          password: 'Lambert#2026',
          passwordConfirmation: 'Lambert#2026',
          consent: true,
        });
        assert.equal(created.status, 201, await created.clone().text());
        assert.equal((await json(created)).user.strongAuth, true);
      });

      it('answers 400 to a return without code or state', async () => {
        const response = await server.post('/api/auth/cps', { authorization: { code: 'x' } });
        assert.equal(response.status, 400);
        assert.equal((await json(response)).reason, 'invalid_authorization');
      });
    });

    describe('people without an RPPS: a health centre’s director, a CPE card’s holder (seed 003: « Connexion en CPS/CPE (selon son profil) »)', () => {
      beforeEach(async () => (server = await startServer()));
      const signIn = async (identifier: string) => server.post('/api/auth/cps', { authorization: (await server.authorize(identifier)).authorization });

      it('signs the director in by his role at the centre’s FINESS, strongly: he may delegate; his authorization creates no account', async () => {
        const response = await signIn(BENALI);
        assert.equal(response.status, 200, await response.clone().text());
        const body = await json(response);
        assert.deepEqual([body.user.email, body.user.accountKind, body.user.strongAuth], ['cds.daumesnil@demo.test', 'directeur', true]);
        const created = await server.post(
          '/api/delegations',
          { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: isoDay(0), validUntil: isoDay(30), structureIds: ['s-cds-daumesnil'] },
          body.token,
        );
        assert.equal(created.status, 201, await created.clone().text());
        assert.equal((await json(created)).delegantName, 'M. Karim Benali');
        assert.deepEqual(await server.storeRows("SELECT actor_id FROM audit WHERE action = 'sign_in_cps'"), [{ actor_id: 'u-directeur-cds' }]);
        const creation = await server.post('/api/accounts/cps', { authorization: (await server.authorize(BENALI)).authorization });
        assert.equal((await json(creation)).reason, 'card_cannot_create');
      });

      it('signs the medical assistant in by the CPE identifier her validated delegation names; acting for Dr Martin keeps the session strong', async () => {
        const response = await signIn(BERTIN);
        assert.equal(response.status, 200, await response.clone().text());
        const body = await json(response);
        assert.deepEqual([body.user.email, body.user.role, body.user.strongAuth], ['assistante.medicale@demo.test', 'delegue', true]);
        const acting = await server.post('/api/delegations/d-demo-assistante/act', {}, body.token);
        assert.equal(acting.status, 200, await acting.clone().text());
        const session = await json(await server.app.request('/api/auth/session', { headers: { authorization: `Bearer ${(await json(acting)).token}` } }));
        assert.deepEqual([session.user.id, session.actor.id, session.delegation.profile, session.user.strongAuth], ['u-martin', 'u-assistante', 'assistant_medical', true]);
      });

      it('refuses, with reasons: a director’s role without a FINESS, a centre without a director’s account, a CPE no delegation names', async () => {
        const noStructure = await signIn('3000000000/SANSFINESS');
        assert.equal(noStructure.status, 403);
        assert.deepEqual([(await json(noStructure)).reason], ['no_structure']);
        const lilas = await signIn('3930045604/LILAS');
        assert.equal(lilas.status, 401);
        const lilasRefusal = await json(lilas);
        assert.match(lilasRefusal.error, /Aucun compte de directeur de centre de santé n’est associé au N° FINESS 930045604/);
        assert.equal(lilasRefusal.card, 'cde', 'a director’s card creates no account: the page offers none');
        const unknown = await signIn('CPE-2026-9999');
        assert.equal(unknown.status, 401);
        const refusal = await json(unknown);
        assert.equal(refusal.reason, 'unknown_card');
        assert.equal(refusal.card, 'cpe');
        assert.match(refusal.error, /Aucun compte n’est associé à votre identité Pro Santé Connect \(identifiant national CPE-2026-9999\)/);
        assert.deepEqual(await server.storeRows('SELECT token_hash FROM sessions'), []);
      });

      it('makes no one director by the centre’s FINESS alone: the role must be one of PSC_DIRECTOR_ROLES', async () => {
        const secretary = await signIn('3750054322/SECRETARIAT');
        assert.equal(secretary.status, 401, 'the centre’s FINESS without the director’s role');
        assert.equal((await json(secretary)).reason, 'unknown_card');
        await server.dispose();
        server = await startServer({ overrides: { directorRoles: [] } });
        const withoutRoles = await signIn(BENALI);
        assert.equal(withoutRoles.status, 401, 'no director’s role configured: M. Benali is no one’s director here');
        assert.equal((await json(withoutRoles)).reason, 'unknown_card');
      });
    });

    describe('ID tokens the library refuses', () => {
      const refusedWith = async (tamper: Tamper) => {
        server = await startServer({ tamper });
        const { authorization } = await server.authorize(MARTIN);
        const response = await server.post('/api/auth/cps', { authorization });
        assert.equal(response.status, 401);
        assert.equal((await json(response)).reason, 'authorization_refused');
        assert.deepEqual(await server.storeRows('SELECT token_hash FROM sessions'), []);
      };

      it('accepts the provider’s token re-signed unchanged (the tampering itself breaks nothing)', async () => {
        server = await startServer({ tamper: (claims) => provider.sign(claims) });
        const { authorization } = await server.authorize(MARTIN);
        assert.equal((await server.post('/api/auth/cps', { authorization })).status, 200);
      });
      it('refuses a token for another client (audience)', () => refusedWith((claims) => provider.sign({ ...claims, aud: 'other-service', azp: 'other-service' })));
      it('refuses an expired token', () => refusedWith((claims) => provider.sign({ ...claims, iat: claims.iat! - 3600, exp: Math.floor(Date.now() / 1000) - 600 })));
      it('refuses a token of another issuer', () => refusedWith((claims) => provider.sign({ ...claims, iss: 'https://wallet.esante.gouv.fr' })));
      it('refuses a token whose nonce is not the flow’s', () => refusedWith((claims) => provider.sign({ ...claims, nonce: 'another-nonce' })));
      it('refuses a token signed with a key that is not the provider’s', () =>
        refusedWith(async (claims) => {
          const { privateKey } = await generateKeyPair('RS256');
          return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'psc-local' }).sign(privateKey);
        }));
    });

    describe('settings', () => {
      it('gives no provider sign-out page without PSC_POST_LOGOUT_REDIRECT_URL (no way back from it)', async () => {
        server = await startServer({ overrides: { postLogoutRedirectUrl: null } });
        const body = await json(await server.post('/api/auth/cps', { authorization: (await server.authorize(MARTIN)).authorization }));
        assert.equal(body.user.strongAuth, true);
        assert.equal(body.providerSignOutUrl, undefined);
      });

      it('reads the identifier from the configured claim, and refuses an identity without an RPPS', async () => {
        server = await startServer({ overrides: { identifierClaim: 'preferred_username' } });
        assert.equal((await server.post('/api/auth/cps', { authorization: (await server.authorize(MARTIN)).authorization })).status, 200);
        await server.dispose();
        server = await startServer({ overrides: { identifierClaim: 'SubjectRefPro' } });
        const response = await server.post('/api/auth/cps', { authorization: (await server.authorize(MARTIN)).authorization });
        assert.equal(response.status, 403);
        assert.equal((await json(response)).reason, 'no_rpps');
      });

      it('runs in the server started with PSC_* variables, the simulated card off even on a demo database', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'teleservices-psc-'));
        try {
          const running = await startServerProcess({
            DATABASE: join(dir, 'demo.sqlite'),
            SEED: 'demo',
            SIMULATED_CPS: '',
            PSC_ISSUER: provider.issuer,
            PSC_CLIENT_ID: 'teleservices',
            PSC_CLIENT_SECRET: 'teleservices-secret',
            PSC_REDIRECT_URL: REDIRECT_URL,
          });
          const post = (path: string, body: unknown) => fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          assert.deepEqual(await json(await fetch(`${running.url}/api/auth/strong`)), { kind: 'pro_sante_connect', redirect: true });
          assert.equal((await post('/api/auth/cps', { card: { rpps: MARTIN, code: '1234' } })).status, 400, 'the simulated card is no proof here');
          const { authorizationUrl } = await json(await post('/api/auth/strong/authorization', {}));
          const signedIn = await post('/api/auth/cps', { authorization: await signInAtProvider(authorizationUrl, { rpps: MARTIN }) });
          assert.equal(signedIn.status, 200);
          assert.equal((await json(signedIn)).user.strongAuth, true);
          assert.equal(await running.stop(), 0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('answers 502 when the provider cannot be reached', async () => {
        server = await startServer({ overrides: { issuer: 'http://127.0.0.1:9' } });
        const response = await server.post('/api/auth/strong/authorization', {});
        assert.equal(response.status, 502);
        assert.equal((await json(response)).reason, 'provider_unreachable');
      });

      it('maps the national identifier (8 + RPPS) to the RPPS; ADELI-based identifiers have none', () => {
        assert.equal(rppsOfNationalIdentifier(`8${MARTIN}`), MARTIN);
        assert.equal(rppsOfNationalIdentifier(MARTIN), MARTIN);
        assert.equal(rppsOfNationalIdentifier('0751234567'), null);
        assert.equal(rppsOfNationalIdentifier(`8${MARTIN.slice(0, 10)}0`), null, 'a wrong check digit');
      });

      it('is configured from PSC_* variables, excludes the simulated card, and names what is missing', () => {
        const env = { PSC_ISSUER: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet', PSC_CLIENT_ID: 'teleservices', PSC_CLIENT_SECRET: 's', PSC_REDIRECT_URL: REDIRECT_URL, SEED: 'demo' };
        const config = readConfig(env);
        assert.deepEqual(config.proSanteConnect, {
          issuer: env.PSC_ISSUER,
          clientId: 'teleservices',
          clientSecret: 's',
          redirectUrl: REDIRECT_URL,
          scopes: 'openid scope_all',
          acrValues: ['eidas1'],
          identifierClaim: 'SubjectNameID',
          postLogoutRedirectUrl: null,
          directorRoles: [],
        });
        assert.deepEqual(readConfig({ ...env, PSC_DIRECTOR_ROLES: 'DIR-A, DIR-B' }).proSanteConnect?.directorRoles, ['DIR-A', 'DIR-B']);
        assert.equal(config.simulatedCps, false, 'SEED=demo no longer implies the simulated card');
        assert.throws(() => readConfig({ ...env, SIMULATED_CPS: '1' }), ConfigError);
        assert.throws(() => readConfig({ ...env, PSC_CLIENT_SECRET: '' }), /PSC_CLIENT_SECRET is required/);
        assert.throws(() => readConfig({ ...env, PSC_REDIRECT_URL: 'psc-callback' }), /PSC_REDIRECT_URL must be an absolute URL/);
        assert.equal(readConfig({}).proSanteConnect, null);
      });
    });
  });
