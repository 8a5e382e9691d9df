import type { ProviderAuthorization } from './strong-auth.ts';

/**
 * What came back from Pro Santé Connect on the redirect URL: the authorization (`code`, `state`,
 * `iss`), or the provider's refusal (`error`: `access_denied` when the practitioner cancelled).
 */
export type ProviderReturn =
  | { readonly authorization: ProviderAuthorization }
  | { readonly error: string; readonly description: string; readonly state: string };

/** Why a started sign-in was for: a sign-in, or the creation of an account with the card. */
export type StrongAuthIntent = 'sign-in' | 'create';

/** The name of the popup window the sign-in opens (its redirect page relays the return to the opener). */
export const PROVIDER_POPUP_NAME = 'teleservices-pro-sante-connect';

/** The `postMessage` type a popup's redirect page sends its opener. */
export const PROVIDER_RETURN_MESSAGE = 'teleservices:pro-sante-connect-return';

const RETURN_PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];
const INTENT_KEY = 'teleservices.strong-auth.';

/** The provider's return in a URL (the redirect URL with its query), or null when there is none. */
export function readProviderReturn(url: string | URL): ProviderReturn | null {
  const params = new URL(url, 'http://localhost/').searchParams;
  const state = params.get('state');
  if (!state) return null;
  const code = params.get('code');
  const iss = params.get('iss');
  if (code) return { authorization: { code, state, ...(iss ? { iss } : {}) } };
  const error = params.get('error');
  return error ? { error, description: params.get('error_description') ?? '', state } : null;
}

/** The address bar without the provider's parameters (the code is not left in the history). */
export function removeProviderReturn(): void {
  const url = new URL(location.href);
  for (const name of RETURN_PARAMETERS) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.href);
}

/**
 * On the redirect URL's page opened in the sign-in's popup: hands the provider's return to the
 * page that opened it (same origin only) and closes the popup. False when this page is no such
 * popup or carries no return. A host whose popup redirect page holds no `<account-sign-in>`
 * calls it there.
 */
export function relayProviderReturn(win: Window = window): boolean {
  const outcome = readProviderReturn(win.location.href);
  const opener = win.opener as Window | null;
  if (!outcome || !opener || win.name !== PROVIDER_POPUP_NAME) return false;
  opener.postMessage({ type: PROVIDER_RETURN_MESSAGE, outcome }, win.location.origin);
  win.close();
  return true;
}

/** Keeps what a redirect flow was started for until the page comes back (this tab only). */
export function rememberIntent(authorizationUrl: string, intent: StrongAuthIntent): void {
  const state = new URL(authorizationUrl).searchParams.get('state');
  if (state) sessionStorage.setItem(INTENT_KEY + state, intent);
}

/** What the flow of a return's state was started for (taken out: used once); 'sign-in' when unknown. */
export function takeIntent(outcome: ProviderReturn): StrongAuthIntent {
  const key = INTENT_KEY + ('authorization' in outcome ? outcome.authorization.state : outcome.state);
  const intent = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  return intent === 'create' ? 'create' : 'sign-in';
}
