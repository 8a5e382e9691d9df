import type { StrongAuthIntent } from '../../data/session/pro-sante-connect-return.ts';
import type { Session } from '../../data/session/session.ts';
import type { CardProof } from '../../data/session/strong-auth.ts';

/** How the sign-in reaches Pro Santé Connect: the whole page leaves for it, or a popup opens. */
export type StrongAuthFlow = 'redirect' | 'popup';

/** The user signed in; `detail.session` holds the token and who they are. */
export class AccountSignedInEvent extends Event {
  constructor(readonly detail: { session: Session; method: 'password' | 'cps' }) {
    super('account-signed-in', { bubbles: true, composed: true });
  }
}

/** "Mot de passe oublié": the host shows the reset element (cancelable). */
export class PasswordResetRequestEvent extends Event {
  constructor(readonly detail: { identifier: string }) {
    super('password-reset-request', { bubbles: true, composed: true, cancelable: true });
  }
}

/**
 * "Créer un compte": the host shows the account creation element (cancelable). After a CPS
 * sign-in with a card that has no account yet, `detail.card` is that card's proof (the simulated
 * card, or Pro Santé Connect's return of a sign-in started to create the account).
 */
export class AccountCreateRequestEvent extends Event {
  constructor(readonly detail: { card?: CardProof } = {}) {
    super('account-create-request', { bubbles: true, composed: true, cancelable: true });
  }
}

/**
 * « VOUS CONNECTER PAR CARTE CPS » with Pro Santé Connect, just before leaving for the provider
 * (cancelable): `detail.authorizationUrl` is the provider's page. A host that cancels it opens
 * that page itself and hands the redirect URL back with `completeStrongAuth(url)`.
 */
export class StrongAuthStartEvent extends Event {
  constructor(readonly detail: { authorizationUrl: string; flow: StrongAuthFlow; intent: StrongAuthIntent }) {
    super('strong-auth-start', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-signed-in': AccountSignedInEvent;
    'password-reset-request': PasswordResetRequestEvent;
    'account-create-request': AccountCreateRequestEvent;
    'strong-auth-start': StrongAuthStartEvent;
  }
}
