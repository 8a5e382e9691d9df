import { assert } from '../../testing/assert.ts';
import { ApiClient, ApiRequestError } from './api-client.ts';

/** A fetch that records each request's headers and answers what `answer` says. */
function recordingFetch(answer: () => Response | Promise<Response> = () => Response.json({ ok: true })) {
  const requests: Headers[] = [];
  const fetch = (async (_url: string, init: RequestInit = {}) => {
    requests.push(new Headers(init.headers));
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('ApiClient and the language of the server’s answers', () => {
  const pageLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
  });

  it('sends the widgets’ locale as Accept-Language, read at each request (it follows a change)', async () => {
    const { fetch, requests } = recordingFetch();
    let locale: 'fr' | 'en' = 'en';
    const api = new ApiClient({ server: 'https://sync.example.fr', token: () => 'token-123', fetch, locale: () => locale });
    await api.json('/api/account');
    locale = 'fr';
    await api.send('/api/account/welcome', { method: 'POST' });
    assert.deepEqual(requests.map((h) => h.get('accept-language')), ['en', 'fr']);
    assert.equal(requests[0]!.get('authorization'), 'Bearer token-123');
  });

  it('without a locale, sends the page’s <html lang> — French when there is none, never the browser’s own', async () => {
    const { fetch, requests } = recordingFetch();
    const api = new ApiClient({ server: '', token: () => null, fetch });
    document.documentElement.removeAttribute('lang');
    await api.send('/api/health');
    document.documentElement.setAttribute('lang', 'en-GB');
    await api.send('/api/health');
    assert.deepEqual(requests.map((h) => h.get('accept-language')), ['fr', 'en']);
  });

  it('keeps the headers a caller adds (an event stream’s Accept) next to its own', async () => {
    const { fetch, requests } = recordingFetch();
    const api = new ApiClient({ server: '', token: () => 't', fetch, locale: 'en' });
    await api.send('/api/replication/stream', { headers: { accept: 'text/event-stream' } });
    await api.send('/api/insurer-contact', { method: 'POST', json: { a: 1 } });
    assert.deepEqual(
      requests.map((h) => [h.get('accept'), h.get('content-type'), h.get('accept-language')]),
      [
        ['text/event-stream', null, 'en'],
        [null, 'application/json', 'en'],
      ],
    );
  });

  it('says in its own language that the server cannot be reached, or its status without a message', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const offline = await new ApiClient({ server: '', token: () => null, fetch: failing, locale: 'en' }).json('/api/health').catch((error: unknown) => error);
    assert.ok(offline instanceof ApiRequestError);
    assert.equal(offline.kind, 'offline');
    assert.equal(offline.message, 'The sync server cannot be reached: your entries stay on this device and will be sent when the network is back.');
    const french = await new ApiClient({ server: '', token: () => null, fetch: failing, locale: 'fr' }).json('/api/health').catch((error: unknown) => error as Error);
    assert.match((french as Error).message, /^Le serveur de synchronisation est injoignable/);

    const { fetch } = recordingFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const status = await new ApiClient({ server: '', token: () => null, fetch, locale: 'en' }).json('/api/health').catch((error: unknown) => error as ApiRequestError);
    assert.deepEqual([(status as ApiRequestError).kind, (status as ApiRequestError).message], ['server', 'Sync server error 502.']);
  });

  it('shows the server’s own message as it comes (the server wrote it in the language asked)', async () => {
    const { fetch } = recordingFetch(() => Response.json({ error: 'Wrong identifier or password.', reason: 'wrong_credentials' }, { status: 401 }));
    const error = await new ApiClient({ server: '', token: () => null, fetch, locale: 'en' }).json('/api/auth/login').catch((e: unknown) => e as ApiRequestError);
    assert.deepEqual([(error as ApiRequestError).kind, (error as ApiRequestError).message, (error as ApiRequestError).body['reason']], ['unauthorized', 'Wrong identifier or password.', 'wrong_credentials']);
  });
});
