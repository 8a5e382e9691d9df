import type { Session } from '../auth/sessions.ts';
import { ApiError } from '../http-errors.ts';
import type { ChangeHub, PublishedChange } from '../replication/change-hub.ts';
import type { SequenceCheckpoint } from '../replication/checkpoint.ts';
import type { ReplicatedCollectionHandler } from '../replication/replication-routes.ts';
import { replicatedDelegation, type ReplicatedDelegation } from './delegation-documents.ts';
import type { DelegationStorage } from './delegation-storage.ts';

/** A delegation's change goes to both parties, named in `grantedTo`; a stream listens to its user's id. */
export const delegationChangeKeys = (change: PublishedChange<ReplicatedDelegation>): readonly string[] => change.grantedTo ?? [];

/** Delegations replicate read-only: pull and stream to both parties; changes go through the commands (`delegation-routes.ts`). */
export class DelegationReplication implements ReplicatedCollectionHandler<ReplicatedDelegation, string> {
  constructor(
    private readonly store: DelegationStorage,
    readonly hub: ChangeHub<ReplicatedDelegation>,
  ) {
    // Other instances on the same database: their writes reach the streams open here, as ours do.
    store.otherInstances?.follow(
      (keys) => hub.listensTo(keys),
      (changes) => hub.publish(changes.map(({ sequence, document, keys }) => ({ sequence, document: replicatedDelegation(document), keys }))),
    );
  }

  scopeOf(session: Session): string {
    return session.user.id;
  }

  async pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): Promise<{ documents: ReplicatedDelegation[]; checkpoint: SequenceCheckpoint }> {
    const after = checkpoint?.sequence ?? 0;
    const views = await this.store.viewsOf(session.user.id, after, limit);
    return { documents: views.map(replicatedDelegation), checkpoint: { sequence: views.at(-1)?.row.seq ?? after } };
  }

  async push(): Promise<ReplicatedDelegation[]> {
    throw new ApiError(
      403,
      {
        fr: 'Les délégations changent par leurs actions (créer, valider, répondre, supprimer), pas par synchronisation.',
        en: 'Delegations change through their actions (create, validate, answer, delete), not through synchronisation.',
      },
      { reason: 'read_only' },
    );
  }

  streamKeys(userId: string): readonly string[] {
    return [userId];
  }
}
