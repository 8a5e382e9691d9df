import type { Session } from '../../data/session/session.ts';

/**
 * An account was created by a strong path (CPS card, security key): its session is open,
 * `detail.session` holds it; the provider signs in with it.
 */
export class AccountCreatedEvent extends Event {
  constructor(readonly detail: { session: Session; method: 'cps' | 'security_key' }) {
    super('account-created', { bubbles: true, composed: true });
  }
}

/** An account was asked for by post: its temporary password is on its way to `detail.postalAddress`. */
export class AccountRequestedByPostEvent extends Event {
  constructor(readonly detail: { postalAddress: string }) {
    super('account-requested-by-post', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-created': AccountCreatedEvent;
    'account-requested-by-post': AccountRequestedByPostEvent;
  }
}
