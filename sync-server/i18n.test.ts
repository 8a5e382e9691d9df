import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { insert, patientZero, update } from '../domain/testing/fiche-fixtures.ts';
import { createDemoApp } from './testing/demo-app.ts';

type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;
type Json = Record<string, any>;

/**
 * The same refused request answers in French by default and in English when `Accept-Language`
 * prefers it; the `reason` codes and the French texts do not change.
 */
describe('the server’s answers in the request’s language (Accept-Language)', () => {
  let demo: DemoApp;
  beforeEach(async () => (demo = await createDemoApp()));
  afterEach(() => demo.dispose());

  /** The same request three times: no header, `en`, and a browser that prefers French. */
  async function inEachLanguage(send: (headers: Record<string, string>, round: number) => Response | Promise<Response>) {
    const answers: Record<'default' | 'en' | 'fr', { status: number; vary: string; body: Json }> = {} as never;
    for (const [round, [name, headers]] of ([
      ['default', {}],
      ['en', { 'accept-language': 'en' }],
      ['fr', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' }],
    ] as const).entries()) {
      const response = await send(headers, round);
      answers[name] = { status: response.status, vary: response.headers.get('vary') ?? '', body: (await response.json()) as Json };
    }
    assert.equal(answers.en.status, answers.default.status, 'the same status in both languages');
    assert.deepEqual(answers.fr, answers.default, 'a browser that prefers French gets the default answer');
    assert.equal(answers.en.body['reason'], answers.default.body['reason'], 'the same reason code');
    for (const answer of Object.values(answers)) assert.match(answer.vary, /Accept-Language/i, 'caches are told the answer depends on the language');
    return { fr: answers.default, en: answers.en };
  }

  it('says a wrong password in French by default, in English when asked', async () => {
    // One account per request: the third wrong password in a row would lock the account.
    const accounts = ['dr.martin@demo.test', 'dr.durand@demo.test', 'labo.bio@demo.test'];
    const { fr, en } = await inEachLanguage((headers, round) =>
      demo.request('/api/auth/login', { method: 'POST', headers, json: { identifier: accounts[round], password: 'Medecin#2025' } }),
    );
    assert.equal(fr.status, 401);
    assert.deepEqual(fr.body, { error: 'Identifiant ou mot de passe incorrect. Au 3e échec consécutif, le compte est bloqué.', reason: 'wrong_credentials' });
    assert.deepEqual(en.body, { error: 'Wrong identifier or password. After 3 failures in a row, the account is locked.', reason: 'wrong_credentials' });
  });

  it('says the lockout and its delay in the request’s language', async () => {
    const login = (headers: Record<string, string>) => demo.request('/api/auth/login', { method: 'POST', headers, json: { identifier: 'dr.durand@demo.test', password: 'bad' } });
    await login({});
    await login({ 'accept-language': 'en' });
    const third = (await (await login({ 'accept-language': 'en-GB' })).json()) as Json;
    assert.deepEqual(third, { error: 'Your account is locked after 3 wrong passwords. Try again in 15 minutes, or sign in with your CPS card.', reason: 'locked', retryAfter: 900 });
    assert.match(((await (await login({})).json()) as Json)['error'], /^Votre compte est bloqué après 3 mots de passe erronés\. Réessayez dans 15 minutes/);
  });

  it('gives a refused push’s reason and every field issue in the request’s language (422)', async () => {
    const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const bad = patientZero({ nir: '1850175112', legalNotice: false });
    const { fr, en } = await inEachLanguage((headers) => demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, headers, json: [insert(bad)] }));
    assert.equal(fr.status, 422);
    assert.equal(fr.body['error'], 'Certaines fiches sont invalides ; rien n’a été enregistré.');
    assert.equal(en.body['error'], 'Some files are invalid; nothing was saved.');
    assert.deepEqual(fr.body['rows'], [
      {
        id: bad['id'],
        reason: 'La fiche contient des erreurs.',
        issues: [
          { field: 'nir', message: 'Le NIR doit compter 15 caractères (13 + 2 pour la clé) ; vous en avez saisi 10.' },
          { field: 'legalNotice', message: 'Cochez les mentions légales pour valider la fiche.' },
        ],
      },
    ]);
    assert.deepEqual(en.body['rows'], [
      {
        id: bad['id'],
        reason: 'The file contains errors.',
        issues: [
          { field: 'nir', message: 'The NIR must have 15 characters (13 + a 2-digit key); you entered 10.' },
          { field: 'legalNotice', message: 'Tick the legal notice to validate the file.' },
        ],
      },
    ]);
  });

  it('says a refused status move with the statuses’ names in the request’s language', async () => {
    const pharmacien = await demo.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const negative = patientZero({ diagnosis: 'rt_pcr_negatif' });
    const { fr, en } = await inEachLanguage((headers) => demo.request('/api/replication/fiches/push', { method: 'POST', token: pharmacien, headers, json: [insert(negative)] }));
    assert.match(fr.body['rows'][0].reason, /un test négatif ne crée pas de fiche/);
    assert.match(en.body['rows'][0].reason, /a negative test creates no file/);
    assert.deepEqual(en.body['rows'][0].fields, fr.body['rows'][0].fields);

    // A validated file never goes back to draft: the statuses are named in the answer's language.
    const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const push = (rows: unknown, headers: Record<string, string> = {}) => demo.request('/api/replication/fiches/push', { method: 'POST', token: martin, headers, json: rows });
    const validated = patientZero();
    assert.equal((await push([insert(validated)])).status, 200);
    const pulled = (await (await demo.request('/api/replication/fiches/pull', { token: martin })).json()) as Json;
    const stored = pulled['documents'].find((d: Json) => d['id'] === validated['id']);
    const move = await inEachLanguage((headers) => push([update(stored, { ...stored, status: 'brouillon' })], headers));
    assert.match(move.fr.body['rows'][0].reason, /« P0 - Confirmé - À trouver » à « Brouillon »/);
    assert.match(move.en.body['rows'][0].reason, /“P0 - Confirmed - To be reached” to “Draft”/);
  });

  it('says an unknown route in the request’s language (404), and a missing session (401)', async () => {
    const { fr, en } = await inEachLanguage((headers) => demo.request('/nothing-here', { headers }));
    assert.equal(fr.status, 404);
    assert.deepEqual(fr.body, { error: 'Cette adresse n’existe pas sur le serveur de synchronisation.' });
    assert.deepEqual(en.body, { error: 'This address does not exist on the sync server.' });
    const martin = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const signedIn = await inEachLanguage((headers) => demo.request('/api/nothing-here', { token: martin, headers }));
    assert.deepEqual([signedIn.fr.status, signedIn.en.body['error']], [404, 'This address does not exist on the sync server.']);
    const anonymous = await inEachLanguage((headers) => demo.request('/api/replication/fiches/pull', { headers }));
    assert.equal(anonymous.fr.status, 401);
    assert.deepEqual(anonymous.en.body, { error: 'Sign-in required: send the session token (Authorization: Bearer …).', reason: 'no_session' });
  });

  it('refuses a delegation in the request’s language, its form’s field messages too', async () => {
    const password = await demo.signIn('dr.martin@demo.test', 'Medecin#2026');
    const delegation = { delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: '2026-11-22', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] };
    const strong = await inEachLanguage((headers) => demo.request('/api/delegations', { method: 'POST', token: password, headers, json: delegation }));
    assert.equal(strong.fr.status, 403);
    assert.deepEqual(strong.fr.body, { error: 'La création d’une délégation nécessite une connexion par carte CPS (authentification forte).', reason: 'strong_auth_required' });
    assert.deepEqual(strong.en.body, { error: 'Creating a delegation requires signing in with a CPS card (strong authentication).', reason: 'strong_auth_required' });

    const card = (await (await demo.request('/api/auth/cps', { method: 'POST', json: { card: { rpps: '10001234565', code: '1234' } } })).json()) as Json;
    const invalid = await inEachLanguage((headers) =>
      demo.request('/api/delegations', { method: 'POST', token: card['token'], headers, json: { ...delegation, delegateEmail: 'dr.martin@demo.test' } }),
    );
    assert.equal(invalid.fr.status, 422);
    assert.deepEqual(invalid.fr.body, { error: 'Vous ne pouvez pas vous déléguer à vous-même.', reason: 'invalid_body', fields: { delegateEmail: 'Vous ne pouvez pas vous déléguer à vous-même.' } });
    assert.deepEqual(invalid.en.body, { error: 'You cannot delegate to yourself.', reason: 'invalid_body', fields: { delegateEmail: 'You cannot delegate to yourself.' } });

    const schema = await inEachLanguage((headers) => demo.request('/api/delegations', { method: 'POST', token: card['token'], headers, json: { ...delegation, validUntil: '' } }));
    assert.equal(schema.fr.status, 422);
    assert.deepEqual(Object.keys(schema.en.body['fields']), Object.keys(schema.fr.body['fields']));
    assert.equal(schema.fr.body['fields'].validUntil, 'Saisissez la date de fin de la délégation.');
    assert.equal(schema.en.body['fields'].validUntil, 'Enter the end date of the delegation.');
  });

  it('confirms in the request’s language too (a password-reset request)', async () => {
    const { fr, en } = await inEachLanguage((headers) => demo.request('/api/auth/password-reset/request', { method: 'POST', headers, json: { identifier: '631994977' } }));
    assert.equal(fr.status, 202);
    assert.match(fr.body['message'], /^Si un compte correspond à ce numéro/);
    assert.match(en.body['message'], /^If an account matches this number/);
    assert.equal((await demo.outbox()).filter((m) => m.recipient === 'dr.martin@demo.test').every((m) => /^Bonjour/.test(m.body)), true, 'the e-mails stay French');
  });

  it('lets a host page on another origin send Accept-Language', async () => {
    const preflight = await demo.request('/api/auth/login', {
      method: 'OPTIONS',
      headers: { origin: 'https://logiciel.example.fr', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, accept-language' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /accept-language/);
  });
});
