/**
 * The storage contract behind every collection of the sync server.
 *
 * Each collection folder declares what it needs of a database as one interface
 * (`fiches/fiche-storage.ts`: `FicheStorage`, …) and ships its SQLite implementation
 * (`fiches/sqlite-fiche-store.ts`). Routes, policies and replication handlers only ever see the
 * interface; another back end (PostgreSQL) implements the same interfaces and hands its stores to
 * `createApp({ stores })`, nothing else changes. The rules every implementation keeps:
 *
 * 1. **Async at the boundary.** Every method a route or a collection calls returns a Promise, so
 *    that a network database fits. The SQLite stores answer synchronously inside them (one
 *    connection, better-sqlite3).
 * 2. **One method, one unit of work.** A write that must be atomic (a push batch, a grant, a
 *    revocation, a delegation's transition) is ONE store method: the implementation opens the
 *    transaction, reads, writes and commits inside it. Nothing outside a store method holds a
 *    transaction open. better-sqlite3's `db.transaction()` cannot span an `await`, and on its one
 *    connection another request's reads would see the rows of a transaction left open across an
 *    `await` before it commits (or rolls back): so the SQLite stores run each unit of work
 *    synchronously, from BEGIN to COMMIT, with no `await` inside.
 * 3. **Decisions inside a unit of work are pure callbacks.** When a rule must be decided on what
 *    is stored at the moment of writing (conflict detection, "may this user still see this file"),
 *    the collection passes a synchronous, side-effect-free `decide(snapshot)` to the store. The
 *    store calls it inside its transaction with a synchronous snapshot of the rows the batch names
 *    (SQLite: read lazily from the open transaction; a network database: read with row locks, or
 *    at SERIALIZABLE, before calling it), then writes what it returns — or nothing when it refuses.
 *    `decide` may be called more than once (a back end retrying a serialization failure).
 * 4. **One change order.** Every accepted write takes the next number of one server-wide sequence
 *    inside its transaction (SQLite: `nextSequence`, the `change_sequence` row), and numbers
 *    become visible in the order they were taken: a pull returns `seq > checkpoint` in order and
 *    must never answer a checkpoint past a row not yet committed (SQLite has one writer; a
 *    database with concurrent writers must order commits or bound pulls accordingly).
 * 5. **Stored documents travel as bytes.** Pull pages come back as the UTF-8 bytes of each
 *    document's stored JSON (`StoredPageRow`), so the answer is built without parsing them.
 *
 * Publishing the committed changes to the live streams (`ChangeHub`) stays with the collection,
 * after the store method has returned.
 */

/** A row of a pull page as stored: the change's sequence number and the document's JSON bytes. */
export interface StoredPageRow {
  readonly seq: number;
  /** The UTF-8 bytes of the document's stored JSON, neither decoded nor parsed. */
  readonly data: Buffer;
  /** 1: the document left the reader's scope at this number (sent as a deletion without content). */
  readonly revoked: 0 | 1;
}

/** One row of the `audit` table (who did what, on which document, for whom). */
export interface AuditEntry {
  readonly at: string;
  readonly actorId: string | null;
  readonly onBehalfOfId?: string | null;
  readonly structureId?: string | null;
  readonly action: string;
  readonly collection?: string | null;
  readonly documentId?: string | null;
  /** JSON text. */
  readonly changes?: string | null;
}

/**
 * A change another instance made on a database several instances share (PostgreSQL): the
 * document as stored now, the number of the change, the keys it was routed to where it was made
 * (`ChangeHub`), and whether it took the document out of those users' scope.
 */
export interface OtherInstanceChange<Doc> {
  readonly sequence: number;
  readonly document: Doc;
  readonly keys: readonly string[];
  readonly revoked: boolean;
}

/**
 * What a store shared by several instances tells its collection of the others' writes, so that
 * they reach this instance's live streams. A store of one process's own database (SQLite) has
 * none: every write goes through its collection.
 */
export interface ChangesOfOtherInstances<Doc> {
  /**
   * Calls `deliver` with the other instances' changes, in number order, only those for which
   * `wanted(keys)` (an open stream here listens to one of their keys): the others' documents are
   * read only then.
   */
  follow(wanted: (keys: readonly string[]) => boolean, deliver: (changes: readonly OtherInstanceChange<Doc>[]) => void): void;
}
