import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { ConflictEntry, FieldIssueEntry, SyncJournalEntry } from './sync-journal-schema.ts';

export interface SyncCounts {
  readonly pending: number;
  readonly refused: number;
  readonly conflicts: number;
}

const keyOf = (collection: string, documentId: string) => `${collection}:${documentId}`;

/**
 * The device's record of what still has to reach the server, what it refused and what was
 * merged over a concurrent change. Shared by every tab (it is in the database).
 */
export class SyncJournal {
  constructor(private readonly entries: RxCollection<SyncJournalEntry>) {}

  async markPending(collection: string, documentId: string): Promise<void> {
    await this.entries.upsert({ key: keyOf(collection, documentId), collectionName: collection, documentId, state: 'pending', at: Date.now(), reason: '', fields: [], issues: [], conflicts: [] });
  }

  async markRefused(collection: string, documentId: string, refusal: { reason: string; fields?: readonly string[]; issues?: readonly FieldIssueEntry[] }): Promise<void> {
    await this.entries.upsert({
      key: keyOf(collection, documentId),
      collectionName: collection,
      documentId,
      state: 'refused',
      at: Date.now(),
      reason: refusal.reason,
      fields: [...(refusal.fields ?? refusal.issues?.map((i) => i.field) ?? [])],
      issues: [...(refusal.issues ?? [])],
      conflicts: [],
    });
  }

  async markConflict(collection: string, documentId: string, conflicts: readonly ConflictEntry[]): Promise<void> {
    await this.entries.upsert({
      key: keyOf(collection, documentId),
      collectionName: collection,
      documentId,
      state: 'conflict',
      at: Date.now(),
      reason: '',
      fields: conflicts.map((c) => c.field),
      issues: [],
      conflicts: [...conflicts],
    });
  }

  /**
   * The server accepted these documents: their pending entries recorded before `since` go
   * (a later local edit keeps its own). Refusals go too; conflicts stay until dismissed.
   */
  async markSent(collection: string, documentIds: readonly string[], since: number): Promise<void> {
    if (documentIds.length === 0) return;
    const found = await this.entries.findByIds(documentIds.map((id) => keyOf(collection, id))).exec();
    const done = [...found.values()].filter((entry) => entry.state !== 'conflict' && entry.at <= since).map((entry) => entry.key);
    if (done.length > 0) await this.entries.bulkRemove(done);
  }

  async dismiss(collection: string, documentId: string): Promise<void> {
    await this.entries.findOne(keyOf(collection, documentId)).remove();
  }

  entry$(collection: string, documentId: string): Observable<SyncJournalEntry | null> {
    return this.entries.findOne(keyOf(collection, documentId)).$.pipe(map((doc) => (doc ? (doc.toJSON() as SyncJournalEntry) : null)));
  }

  entries$(state?: SyncJournalEntry['state']): Observable<SyncJournalEntry[]> {
    const query = state ? this.entries.find({ selector: { state }, sort: [{ at: 'asc' }] }) : this.entries.find({ sort: [{ at: 'asc' }] });
    return query.$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as SyncJournalEntry)));
  }

  counts$(): Observable<SyncCounts> {
    return this.entries$().pipe(
      map((all) => ({
        pending: all.filter((e) => e.state === 'pending').length,
        refused: all.filter((e) => e.state === 'refused').length,
        conflicts: all.filter((e) => e.state === 'conflict').length,
      })),
    );
  }
}
