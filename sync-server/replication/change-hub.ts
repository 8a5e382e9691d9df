/**
 * In-process fan-out of accepted changes to the open pull-streams. Writers publish right after
 * their transaction commits, in sequence order; each stream decides what its user may see.
 */
export interface PublishedChange<Doc> {
  readonly sequence: number;
  readonly document: Doc;
  /** Users who must receive this change even if it is outside their usual scope (a grant). */
  readonly grantedTo?: readonly string[];
  /** Users for whom this change is the file leaving their scope (sent as a deletion). */
  readonly revokedFrom?: readonly string[];
}

export type HubEvent<Doc> = { readonly type: 'changes'; readonly changes: readonly PublishedChange<Doc>[] };

export type ChangeListener<Doc> = (event: HubEvent<Doc>) => void;

/** What a stream needs of a hub: to listen to it. */
export interface ChangeSource<Doc> {
  subscribe(listener: ChangeListener<Doc>): () => void;
}

export class ChangeHub<Doc> implements ChangeSource<Doc> {
  readonly #listeners = new Set<ChangeListener<Doc>>();

  subscribe(listener: ChangeListener<Doc>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(changes: readonly PublishedChange<Doc>[]): void {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) listener({ type: 'changes', changes });
  }

  get size(): number {
    return this.#listeners.size;
  }
}
