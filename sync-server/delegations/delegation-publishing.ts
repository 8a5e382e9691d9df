import type { ChangeHub } from '../replication/change-hub.ts';
import type { SessionEvents } from '../session-events.ts';
import { replicatedDelegation, type ReplicatedDelegation } from './delegation-documents.ts';
import type { DelegationView } from './delegation-storage.ts';

/** What the delegations tell once a write has committed: the parties' streams, and the sessions that end. */
export class DelegationPublishing {
  constructor(
    readonly hub: ChangeHub<ReplicatedDelegation>,
    /** Told when a delegation stops allowing access: the délégué's delegated sessions end (their streams at once). */
    private readonly sessionEvents: SessionEvents,
  ) {}

  /** The delegation as written, to both parties' streams (`delegationChangeKeys`). */
  changed(view: DelegationView): void {
    const { row } = view;
    this.hub.publish([{ sequence: row.seq, document: replicatedDelegation(view), grantedTo: [row.delegantId, ...(row.delegateId ? [row.delegateId] : [])] }]);
  }

  /** The delegation no longer allows access: the sessions running under it end. */
  ended(delegationId: string): void {
    this.sessionEvents.publish({ kind: 'delegation', delegationId });
  }
}
