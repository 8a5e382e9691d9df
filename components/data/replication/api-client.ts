import { toLocale, type Locale } from '../../../domain/i18n/index.ts';

/**
 * The HTTP side of the client: base URL, session token, language, JSON, and errors a person can
 * read. The token travels in the Authorization header only, never in a URL.
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

/**
 * The language the server answers in: a locale, or a function read at each request (the
 * provider's `() => this.locale`, so that a change of locale applies to the next request).
 */
export type LocaleSource = Locale | (() => Locale);

export interface ApiClientOptions {
  /** The sync server's origin, e.g. `https://sync.example.fr` ('' for the page's own origin). */
  readonly server: string;
  readonly token: () => string | null;
  readonly fetch?: typeof fetch;
  /**
   * The widgets' language, sent as `Accept-Language` so that the server's messages (refusals,
   * confirmations) come in it. Without it, the page's `<html lang>` (French when there is none)
   * — never the browser's own languages, which may differ from the widgets'.
   */
  readonly locale?: LocaleSource;
  /**
   * The host's offline switch (`<teleservices-provider offline>`): while it says true, every
   * request fails at once as if the network were down — nothing reaches the server.
   */
  readonly offline?: () => boolean;
  /**
   * Called when the server refuses this client's token as expired or closed (401 `session_expired`
   * or `no_session`), whatever the request: the provider then asks the person to sign in again.
   */
  readonly onSessionExpired?: () => void;
}

/** What `<html lang>` says, French by default: the language of a widget that sets none. */
export function documentLocale(): Locale {
  return toLocale(globalThis.document?.documentElement?.lang);
}

const CLIENT_MESSAGES = {
  offline: {
    fr: 'Le serveur de synchronisation est injoignable : vos saisies restent sur cet appareil et partiront au retour du réseau.',
    en: 'The sync server cannot be reached: your entries stay on this device and will be sent when the network is back.',
  },
  status: { fr: 'Erreur {status} du serveur de synchronisation.', en: 'Sync server error {status}.' },
} as const;

export class ApiClient {
  readonly #fetch: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  url(path: string): string {
    return `${this.options.server.replace(/\/$/, '')}${path}`;
  }

  /** The language of the next request (and of this client's own messages). */
  get locale(): Locale {
    const { locale } = this.options;
    return locale === undefined ? documentLocale() : toLocale(typeof locale === 'function' ? locale() : locale);
  }

  headers(extra: HeadersInit = {}): Headers {
    const headers = new Headers(extra);
    const token = this.options.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    headers.set('accept-language', this.locale);
    return headers;
  }

  /** Sends a request; resolves with the response whatever its status, rejects only when the server cannot be reached. */
  async send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = this.headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const { json, ...request } = init;
    if (this.options.offline?.()) throw new ApiRequestError('offline', 0, CLIENT_MESSAGES.offline[this.locale]);
    let response: Response;
    try {
      response = await this.#fetch(this.url(path), { ...request, headers, body: json !== undefined ? JSON.stringify(json) : init.body ?? null });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiRequestError('offline', 0, CLIENT_MESSAGES.offline[this.locale]);
    }
    if (response.status === 401 && headers.has('authorization') && this.options.onSessionExpired) void this.#checkExpiry(response.clone());
    return response;
  }

  async #checkExpiry(response: Response): Promise<void> {
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (body['reason'] === 'session_expired' || body['reason'] === 'no_session') this.options.onSessionExpired?.();
  }

  /** Sends a request and returns its JSON, or throws an ApiRequestError with the server's message (in this client's language). */
  async json<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const response = await this.send(path, init);
    if (response.ok) return (await response.json()) as T;
    throw await errorFrom(response, this.locale);
  }
}

export async function errorFrom(response: Response, locale: Locale = documentLocale()): Promise<ApiRequestError> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const message = typeof body['error'] === 'string' ? body['error'] : CLIENT_MESSAGES.status[locale].replace('{status}', String(response.status));
  const kind: ApiErrorKind = response.status === 401 ? 'unauthorized' : response.status >= 500 ? 'server' : 'refused';
  return new ApiRequestError(kind, response.status, message, body);
}
