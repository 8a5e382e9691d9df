import type { LocaleSource } from '../../data/replication/api-client.ts';
import { PROVIDER_POPUP_NAME, PROVIDER_RETURN_MESSAGE, rememberIntent, type ProviderReturn, type StrongAuthIntent } from '../../data/session/pro-sante-connect-return.ts';
import { startProSanteConnect } from '../../data/session/strong-auth.ts';
import { StrongAuthStartEvent, type StrongAuthFlow } from './account-sign-in.events.ts';

/** The popup was closed before the provider answered (a return of this kind, never the provider's). */
export const POPUP_CLOSED = 'popup_closed';
/** The browser refused to open the popup. */
export const POPUP_BLOCKED = 'popup_blocked';

/**
 * « VOUS CONNECTER PAR CARTE CPS » with Pro Santé Connect: the server's authorization URL, shown to
 * the host first (`strong-auth-start`, cancelable: the host routes it itself), then left for
 * (redirect: this page comes back with the return) or opened in a popup whose redirect page
 * relays the return here. Resolves with the popup's return; `null` when the page leaves or the
 * host took the flow over.
 */
export async function runProSanteConnect({ server, locale, flow, intent, host }: { server: string; locale: LocaleSource; flow: StrongAuthFlow; intent: StrongAuthIntent; host: EventTarget }): Promise<ProviderReturn | null> {
  // Opened before anything is awaited: a popup opened later than the click is blocked.
  const popup = flow === 'popup' ? window.open('about:blank', PROVIDER_POPUP_NAME, 'popup,width=560,height=720') : null;
  let authorizationUrl: string;
  try {
    authorizationUrl = await startProSanteConnect(server, locale);
  } catch (error) {
    popup?.close();
    throw error;
  }
  rememberIntent(authorizationUrl, intent);
  const start = new StrongAuthStartEvent({ authorizationUrl, flow, intent });
  host.dispatchEvent(start);
  if (start.defaultPrevented) {
    popup?.close();
    return null;
  }
  if (flow === 'redirect') {
    location.assign(authorizationUrl);
    return null;
  }
  const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
  if (!popup) return { error: POPUP_BLOCKED, description: '', state };
  popup.location.href = authorizationUrl;
  return returnOf(popup, state);
}

/** The return the popup's redirect page posts; a popup closed without one is `popup_closed`. */
function returnOf(popup: Window, state: string): Promise<ProviderReturn> {
  return new Promise((resolve) => {
    let closedSeen = false;
    const finish = (outcome: ProviderReturn) => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; outcome?: ProviderReturn } | null;
      if (event.origin !== location.origin || event.source !== popup || data?.type !== PROVIDER_RETURN_MESSAGE || !data.outcome) return;
      finish(data.outcome);
    };
    // Closed twice in a row: the relayed message, posted just before the close, has had its turn.
    const watch = setInterval(() => {
      if (!popup.closed) return;
      if (closedSeen) finish({ error: POPUP_CLOSED, description: '', state });
      closedSeen = true;
    }, 400);
    window.addEventListener('message', onMessage);
  });
}
