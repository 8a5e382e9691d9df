import { html } from 'lit';
import '../../account/account-sign-in/account-sign-in.ts';
import type { AccountSignIn } from '../../account/account-sign-in/account-sign-in.ts';
import { assert } from '../../testing/assert.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import { ApiRequestError } from '../replication/api-client.ts';
import { AccountCreationApi } from './account-api.ts';
import { resumeSession, sessionStorageArea, signInWithPassword, type Session } from './session.ts';

const refusal = (attempt: Promise<unknown>) => attempt.then(
  () => assert.ok(false, 'the server should have refused'),
  (error: unknown) => {
    assert.ok(error instanceof ApiRequestError, String(error));
    return error;
  },
) as Promise<ApiRequestError>;

describe('the server’s refusals in the widgets’ language (real sync server)', function () {
  this.timeout(30_000);
  const server = useSyncServer({ clearStorage: false });
  const pageLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
  });

  it('says a wrong password in the language the caller gives, French without one', async () => {
    document.documentElement.removeAttribute('lang');
    const english = await refusal(signInWithPassword(server.url, 'dr.martin@demo.test', 'Mauvais#2026', 'en'));
    assert.equal(english.message, 'Wrong identifier or password. After 3 failures in a row, the account is locked.');
    assert.equal(english.body['reason'], 'wrong_credentials');
    const french = await refusal(signInWithPassword(server.url, 'dr.durand@demo.test', 'Mauvais#2026'));
    assert.equal(french.message, 'Identifiant ou mot de passe incorrect. Au 3e échec consécutif, le compte est bloqué.');
    assert.equal(french.body['reason'], 'wrong_credentials');
  });

  it('follows a locale function from one request to the next (account creation)', async () => {
    let locale: 'fr' | 'en' = 'en';
    const api = new AccountCreationApi(server.url, () => locale);
    assert.match((await refusal(api.lookup('123456789'))).message, /^This number is not known to the health insurance’s directories/);
    const english = await refusal(api.validateEmail('not-a-token-but-long-enough-1234'));
    locale = 'fr';
    const french = await refusal(api.validateEmail('not-a-token-but-long-enough-1234'));
    assert.equal(english.message, 'This validation link is no longer valid (already used or expired). From your account, ask for a new validation e-mail.');
    assert.equal(french.message, 'Ce lien de validation n’est plus valable (déjà utilisé ou expiré). Depuis votre compte, demandez un nouvel e-mail de validation.');
  });

  it('says an ended session in English to an English page', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const refused = await refusal(resumeSession(server.url, 'x'.repeat(43)));
    assert.deepEqual([refused.kind, refused.message], ['unauthorized', 'Your session has expired or was closed: sign in again.']);
  });

  it('on a page in English (<html lang="en">), <account-sign-in> shows a wrong password in English', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const el = await fixture<AccountSignIn>(html`<account-sign-in server=${server.url}></account-sign-in>`);
    const root = el.shadowRoot!;
    (root.querySelector('[name="identifier"]') as HTMLInputElement).value = 'labo.bio@demo.test';
    (root.querySelector('[name="password"]') as HTMLInputElement).value = 'Wrong#2026';
    root.querySelector('form')!.requestSubmit();
    const error = await waitFor(() => root.querySelector('#password-error'), { message: 'the refusal next to the password' });
    assert.equal((error.textContent ?? '').trim(), 'Wrong identifier or password. After 3 failures in a row, the account is locked.');
    assert.match(root.textContent ?? '', /Sign in/);
  });
});

describe('the session kept on the device', () => {
  afterEach(() => sessionStorageArea.clear());

  it('comes back whole after its expiry, for its own server only: offline the person works on, and the server asks them to sign in again', () => {
    const session: Session = {
      token: 'kept-token',
      expiresAt: '2000-01-01T00:00:00.000Z',
      user: { id: 'u-martin', email: 'dr.martin@demo.test', role: 'delegue', civility: 'Dr', firstName: 'Lucas', lastName: 'Garnier', strongAuth: false, structures: [] } as never,
      actor: { id: 'u-remplacant', civility: 'Dr', firstName: 'Lucas', lastName: 'Garnier', email: 'remplacant@demo.test' },
      delegation: { id: 'd-1', profile: 'remplacant', validFrom: '2026-01-01', validUntil: '2026-12-31', structureIds: ['s-cabinet-martin'] },
    };
    sessionStorageArea.save('https://sync.example.fr', session);
    assert.deepEqual(sessionStorageArea.load('https://sync.example.fr'), session);
    assert.equal(sessionStorageArea.load('https://other.example.fr'), null);
  });
});
