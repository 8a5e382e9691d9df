import { html } from 'lit';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { assert } from '../../testing/assert.ts';
import { innerRoot } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import './teleservices-provider.ts';
import type { TeleservicesProvider } from './teleservices-provider.ts';

const signIn = (provider: Element) => innerRoot(provider, 'account-sign-in');

/** A session token the server no longer knows (signed in, then signed out). */
async function endedSession(server: TestSyncServer): Promise<string> {
  const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
  await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return token;
}

describe('<teleservices-provider> hands its locale to the server’s answers', function () {
  this.timeout(30_000);
  const server = useSyncServer();

  for (const [locale, notice, title] of [
    ['en', 'Your session has expired or was closed: sign in again.', /Sign in/],
    ['fr', 'Votre session a expiré ou a été fermée : reconnectez-vous.', /Identification/],
  ] as const) {
    it(`shows the server’s refusal of an ended session in its locale (${locale})`, async () => {
      const token = await endedSession(server);
      const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider locale=${locale} server=${server.url} storage="memory" .token=${token}></teleservices-provider>`);
      const shown = await waitFor(() => signIn(provider)?.querySelector('[part="notice"]'), { message: 'the notice above the sign-in form' });
      assert.equal((shown.textContent ?? '').trim(), notice);
      assert.match(signIn(provider)!.textContent ?? '', title);
    });
  }

  it('has the widgets’ requests answered in its locale, following a change of locale', async () => {
    const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider locale="en" server=${server.url} storage="memory" .token=${token}></teleservices-provider>`);
    await provider.ready;
    const api = await waitFor(() => provider.runtime?.services.api, { message: 'the runtime' });
    // A délégant needs the CPS card: this password session is refused, with the reason.
    const lookup = () => api.json('/api/delegations/lookup', { method: 'POST', json: { email: 'remplacant@demo.test' } }).catch((error: unknown) => error as ApiRequestError);
    const english = await lookup();
    assert.ok(english instanceof ApiRequestError);
    assert.deepEqual([english.status, english.body['reason'], english.message], [403, 'strong_auth_required', 'Creating a delegation requires signing in with a CPS card (strong authentication).']);
    provider.setAttribute('locale', 'fr');
    await provider.updateComplete;
    assert.equal((await lookup() as ApiRequestError).message, 'La création d’une délégation nécessite une connexion par carte CPS (authentification forte).');
  });
});
