import type { Session } from '../../data/session/session.ts';

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
 * sign-in with a card that has no account yet, `detail.card` is that card.
 */
export class AccountCreateRequestEvent extends Event {
  constructor(readonly detail: { card?: { rpps: string; code: string } } = {}) {
    super('account-create-request', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-signed-in': AccountSignedInEvent;
    'password-reset-request': PasswordResetRequestEvent;
    'account-create-request': AccountCreateRequestEvent;
  }
}
