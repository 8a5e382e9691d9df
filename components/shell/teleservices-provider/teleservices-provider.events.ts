import type { SyncStatus } from '../../data/sync/sync-status.ts';

/** A session opened (signed in, or a token the host gave was accepted). */
export class SessionStartedEvent extends Event {
  constructor(readonly detail: { userId: string; role: string }) {
    super('session-started', { bubbles: true, composed: true });
  }
}

/** The session ended (sign-out, or the server refused the token). */
export class SessionEndedEvent extends Event {
  constructor(readonly detail: { reason: 'sign-out' | 'refused' }) {
    super('session-ended', { bubbles: true, composed: true });
  }
}

/**
 * Signed out of a Pro Santé Connect session: the provider's own sign-out page follows (the page
 * leaves for `detail.url`, which leads back to the server's `PSC_POST_LOGOUT_REDIRECT_URL`).
 * Cancelable: a host that cancels it opens the page its own way (a popup, a new tab) or not at all.
 */
export class ProviderSignOutEvent extends Event {
  constructor(readonly detail: { url: string }) {
    super('provider-sign-out', { bubbles: true, composed: true, cancelable: true });
  }
}

/** The sync status changed: connection, changes waiting, refusals, conflicts. */
export class SyncStatusChangedEvent extends Event {
  constructor(readonly detail: SyncStatus) {
    super('sync-status-changed', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'session-started': SessionStartedEvent;
    'session-ended': SessionEndedEvent;
    'provider-sign-out': ProviderSignOutEvent;
    'sync-status-changed': SyncStatusChangedEvent;
  }
}
