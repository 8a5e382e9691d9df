import type { RxJsonSchema } from 'rxdb';

/**
 * What the device knows about the sync of each document it wrote: still waiting to be sent,
 * refused by the server (with its reason), or merged with a concurrent change where both sides
 * changed the same field (with this device's values, so the user can see and re-apply them).
 * One entry per (collection, document); none once the server has the document as written.
 */
export type SyncEntryState = 'pending' | 'refused' | 'conflict';

export interface FieldIssueEntry {
  readonly field: string;
  readonly message: string;
}

export interface ConflictEntry {
  readonly field: string;
  /** JSON of this device's value. */
  readonly local: string;
  /** JSON of the server's value, which the document now holds. */
  readonly remote: string;
}

export interface SyncJournalEntry {
  /** `<collection>:<document id>` */
  readonly key: string;
  readonly collectionName: string;
  readonly documentId: string;
  readonly state: SyncEntryState;
  /** When the device recorded it (device clock: only for display and ordering here). */
  readonly at: number;
  readonly reason: string;
  readonly fields: readonly string[];
  readonly issues: readonly FieldIssueEntry[];
  readonly conflicts: readonly ConflictEntry[];
}

export const syncJournalSchema: RxJsonSchema<SyncJournalEntry> = {
  title: 'sync journal',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 200 },
    collectionName: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 100 },
    state: { type: 'string', maxLength: 10 },
    at: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
    reason: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    issues: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    conflicts: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, local: { type: 'string' }, remote: { type: 'string' } } },
    },
  },
  required: ['key', 'collectionName', 'documentId', 'state', 'at', 'reason', 'fields', 'issues', 'conflicts'],
  indexes: ['state'],
};
