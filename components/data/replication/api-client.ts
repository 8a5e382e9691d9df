/**
 * The HTTP side of the client: base URL, session token, JSON, and errors a person can read.
 * The token travels in the Authorization header only, never in a URL.
 */
export type ApiErrorKind = 'offline' | 'unauthorized' | 'refused' | 'server';

export class ApiRequestError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** The sync server's origin, e.g. `https://sync.example.fr` ('' for the page's own origin). */
  readonly server: string;
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
}

export class ApiClient {
  readonly #fetch: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  url(path: string): string {
    return `${this.options.server.replace(/\/$/, '')}${path}`;
  }

  headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers(extra);
    const token = this.options.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    return headers;
  }

  /** Sends a request; resolves with the response whatever its status, rejects only when the server cannot be reached. */
  async send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = this.headers(init.json !== undefined ? { 'content-type': 'application/json' } : {});
    try {
      return await this.#fetch(this.url(path), { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body ?? null });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiRequestError('offline', 0, 'Le serveur de synchronisation est injoignable : vos saisies restent sur cet appareil et partiront au retour du réseau.');
    }
  }

  /** Sends a request and returns its JSON, or throws an ApiRequestError with the server's message. */
  async json<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const response = await this.send(path, init);
    if (response.ok) return (await response.json()) as T;
    throw await errorFrom(response);
  }
}

export async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const message = typeof body['error'] === 'string' ? body['error'] : `Erreur ${response.status} du serveur de synchronisation.`;
  const kind: ApiErrorKind = response.status === 401 ? 'unauthorized' : response.status >= 500 ? 'server' : 'refused';
  return new ApiRequestError(kind, response.status, message, body);
}
