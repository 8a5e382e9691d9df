import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { DelegationDocument } from '../../../domain/delegation/delegation.ts';
import type { LocalDelegation } from './delegation-collection-schema.ts';

export const DELEGATIONS = 'delegations';

const newestFirst = (a: LocalDelegation, b: LocalDelegation) => b.createdAt.localeCompare(a.createdAt);

/**
 * The delegations on this device, as the server replicated them: the ones the user gave
 * (délégant) and received (délégué). Read-only: changes go through the server's commands, whose
 * answers are applied here at once (the stream confirms them).
 */
export class DelegationRepository {
  constructor(
    private readonly collection: RxCollection<LocalDelegation>,
    private readonly userId: string,
  ) {}

  /** "Tableau de bord": the delegations the user gave, newest first. */
  given$(): Observable<LocalDelegation[]> {
    return this.collection.find({ selector: { delegantId: this.userId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as LocalDelegation).sort(newestFirst)));
  }

  /** The delegations the user received (as délégué), newest first. */
  received$(): Observable<LocalDelegation[]> {
    return this.collection.find({ selector: { delegateId: this.userId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as LocalDelegation).sort(newestFirst)));
  }

  /** The server's answer to a command, applied now rather than when the stream brings it. */
  async apply(document: DelegationDocument): Promise<void> {
    await this.collection.upsert(document as LocalDelegation);
  }

  async forget(id: string): Promise<void> {
    await this.collection.findOne(id).exec().then((doc) => doc?.remove());
  }
}
