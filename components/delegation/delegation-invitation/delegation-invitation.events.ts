import type { DelegationStatus } from '../../../domain/delegation/delegation-rules.ts';

/** What the délégué answered from the invitation link. */
export type InvitationAnswer = 'accept' | 'refuse' | 'not_concerned' | 'has_account' | 'create_account';

/**
 * The délégué answered the invitation: `detail.answer` and the delegation's new status
 * (`validee`, `refusee`, `non_aboutie`, or `a_valider` after creating an account).
 */
export class DelegationInvitationAnsweredEvent extends Event {
  constructor(readonly detail: { delegationId: string; answer: InvitationAnswer; status: DelegationStatus }) {
    super('delegation-invitation-answered', { bubbles: true, composed: true });
  }
}

/**
 * « Accéder au portail » on a confirmation page, or under an invalid link: the host leaves the
 * invitation page. `detail.status` is the delegation's status after the answer, null when
 * nothing was answered (invalid or incomplete link, unreachable server).
 */
export class DelegationInvitationClosedEvent extends Event {
  constructor(readonly detail: { status: DelegationStatus | null }) {
    super('delegation-invitation-closed', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'delegation-invitation-answered': DelegationInvitationAnsweredEvent;
    'delegation-invitation-closed': DelegationInvitationClosedEvent;
  }
}
