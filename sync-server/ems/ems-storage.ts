import type { EmsMessageDocument, EmsSide, EmsThreadDocument } from '../../domain/index.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { AuditEntry, ChangesOfOtherInstances } from '../storage/storage.ts';

/**
 * What the EMS collections need of a database (the contract: `storage/storage.ts`).
 * `SqliteEmsStore` (`sqlite-ems-store.ts`) implements it. A push is one unit of work: the
 * collection's pure `decide` reads a synchronous snapshot of the threads and messages the batch
 * names, inside the transaction, and returns the writes in order (each takes the next change
 * number), or null to write nothing.
 */

/** Who may see what: a practitioner their own threads, the médecin conseil the threads addressed to their offices. */
export interface EmsScope {
  readonly userId: string;
  readonly side: EmsSide;
  readonly offices: readonly string[];
}

/** A thread as stored (the practitioner's name read with it), with the number of its last change. */
export type StoredThread = EmsThreadDocument & { readonly seq: number };
export type StoredMessage = EmsMessageDocument & { readonly seq: number };

/** A new thread, as written. */
export type NewThread = Omit<EmsThreadDocument, 'practitionerName'> & { readonly createdBy: string };

export type ThreadWrite =
  | { readonly kind: 'open'; readonly thread: NewThread }
  /** A side's read mark moves. */
  | { readonly kind: 'read'; readonly threadId: string; readonly side: EmsSide; readonly at: string };

export interface NewMessage extends EmsMessageDocument {
  readonly authorId: string;
  readonly onBehalfOfId: string | null;
}

export interface ThreadReads {
  readonly threadIds: readonly string[];
  /** Whose office `officeOf` is asked. */
  readonly userId: string;
  readonly practitionerRpps: readonly string[];
  readonly offices: readonly string[];
}

export interface MessageReads {
  readonly messageIds: readonly string[];
  readonly threadIds: readonly string[];
}

export interface ThreadsSnapshot {
  thread(id: string): StoredThread | null;
  /** The insurer office of a practitioner's first place of practice that has one (by name). */
  officeOf(userId: string): string | null;
  /** A doctor with this RPPS whose practice depends on one of these offices (by the structure's name). */
  practitionerByRpps(rpps: string, offices: readonly string[]): { readonly id: string; readonly office: string } | null;
}

export interface MessagesSnapshot {
  thread(id: string): StoredThread | null;
  message(id: string): { readonly body: string; readonly threadId: string } | null;
  /** When the thread's latest message was written (null: none). */
  latestMessageAt(threadId: string): string | null;
  /** A user's e-mail address (null: unknown). */
  emailOf(userId: string): string | null;
}

export interface MessageWrites {
  /** Each message, then its thread's `lastMessageAt` and the author's read mark moved to `sentAt`. */
  readonly messages: readonly NewMessage[];
  readonly audits: readonly AuditEntry[];
  readonly mails: readonly OutgoingMessage[];
  /** When the e-mails are queued. */
  readonly at: string;
}

export interface EmsStorage {
  /** On a database several instances share: the threads and messages the others write, for this instance's streams. */
  readonly otherThreads?: ChangesOfOtherInstances<StoredThread>;
  readonly otherMessages?: ChangesOfOtherInstances<StoredMessage>;
  /** The insurer offices a médecin conseil's structures belong to. */
  officesOf(userId: string): Promise<string[]>;
  pullThreads(scope: EmsScope, after: number, limit: number): Promise<StoredThread[]>;
  pullMessages(scope: EmsScope, after: number, limit: number): Promise<StoredMessage[]>;
  /**
   * One transaction: `decide` on the snapshot, then its writes in order; each write's thread as it
   * is after it. Null: refused, nothing written. `reads` names what the snapshot is asked (for a
   * back end that reads it ahead).
   */
  writeThreads(reads: ThreadReads, decide: (snapshot: ThreadsSnapshot) => readonly ThreadWrite[] | null): Promise<StoredThread[] | null>;
  /**
   * One transaction: `decide` on the snapshot, then its writes; the messages written and their
   * threads after each. Null: refused, nothing written. The snapshot's e-mails are those of the
   * named threads' practitioners.
   */
  writeMessages(reads: MessageReads, decide: (snapshot: MessagesSnapshot) => MessageWrites | null): Promise<{ messages: StoredMessage[]; threads: StoredThread[] } | null>;
}
