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

  /**
   * A local write that the server must receive: marked waiting first, then written. In this order
   * the push that the write sets off starts after the mark, so its success clears it (`markSent`
   * keeps marks newer than the push). Written first, a fast push could start before the mark
   * and leave it waiting for good. If the write fails, the previous mark comes back.
   */
  async recordWrite<T>(collection: string, documentId: string, write: () => Promise<T>): Promise<T> {
    const before = await this.#current(collection, documentId);
    await this.markPending(collection, documentId);
    try {
      return await write();
    } catch (error) {
      if (before) await this.entries.upsert(before);
      else await this.entries.findOne(keyOf(collection, documentId)).remove();
      throw error;
    }
  }

  /** A local edit waits to be sent. Conflicts still to be looked at are kept with it. */
  async markPending(collection: string, documentId: string): Promise<void> {
    const conflicts = (await this.#current(collection, documentId))?.conflicts ?? [];
    await this.entries.upsert({ key: keyOf(collection, documentId), collectionName: collection, documentId, state: 'pending', at: Date.now(), reason: '', fields: [], issues: [], conflicts: [...conflicts] });
  }

  async #current(collection: string, documentId: string): Promise<SyncJournalEntry | null> {
    const doc = await this.entries.findOne(keyOf(collection, documentId)).exec();
    return doc ? (doc.toJSON() as SyncJournalEntry) : null;
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

  /** Fields a concurrent change overrode, added to those not yet looked at (the newest value per field). */
  async markConflict(collection: string, documentId: string, conflicts: readonly ConflictEntry[]): Promise<void> {
    const earlier = (await this.#current(collection, documentId))?.conflicts ?? [];
    const merged = [...earlier.filter((e) => !conflicts.some((c) => c.field === e.field)), ...conflicts];
    await this.entries.upsert({
      key: keyOf(collection, documentId),
      collectionName: collection,
      documentId,
      state: 'conflict',
      at: Date.now(),
      reason: '',
      fields: merged.map((c) => c.field),
      issues: [],
      conflicts: merged,
    });
  }

  /** The user dealt with one overridden field (applied their value again, or kept the server's). */
  async resolveConflictField(collection: string, documentId: string, field: string): Promise<void> {
    const entry = await this.#current(collection, documentId);
    if (!entry) return;
    const conflicts = entry.conflicts.filter((c) => c.field !== field);
    if (conflicts.length === 0 && entry.state === 'conflict') {
      await this.entries.findOne(entry.key).remove();
      return;
    }
    await this.entries.upsert({ ...entry, fields: conflicts.map((c) => c.field), conflicts });
  }

  /**
   * The server accepted these documents: their pending entries recorded before `since` go
   * (a later local edit keeps its own). Refusals go too; conflicts stay until dismissed.
   */
  async markSent(collection: string, documentIds: readonly string[], since: number): Promise<void> {
    if (documentIds.length === 0) return;
    const found = await this.entries.findByIds(documentIds.map((id) => keyOf(collection, id))).exec();
    for (const doc of found.values()) {
      const entry = doc.toJSON() as SyncJournalEntry;
      if (entry.state === 'conflict' || entry.at > since) continue;
      // Sent; what remains to look at is the conflicts, if any.
      if (entry.conflicts.length > 0) await this.entries.upsert({ ...entry, state: 'conflict', reason: '', issues: [] });
      else await doc.remove();
    }
  }

  /** Hides a refusal or the remaining conflicts of a file; an edit still waiting stays pending. */
  async dismiss(collection: string, documentId: string): Promise<void> {
    const entry = await this.#current(collection, documentId);
    if (!entry) return;
    if (entry.state === 'pending') await this.entries.upsert({ ...entry, fields: [], conflicts: [] });
    else await this.entries.findOne(entry.key).remove();
  }

  /** How many documents hold local work the server has not accepted (waiting, or refused with a reason). */
  async unsent(): Promise<number> {
    return (await this.entries.find({ selector: { state: { $in: ['pending', 'refused'] } } }).exec()).length;
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
        conflicts: all.filter((e) => e.conflicts.length > 0).length,
      })),
    );
  }
}
