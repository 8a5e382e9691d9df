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
    'sync-status-changed': SyncStatusChangedEvent;
  }
}
