import {
  createRevision,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getDefaultRevision,
  getMetaWriteRow,
  newRxError,
  now,
  setCheckpoint,
  stripAttachmentsDataFromMetaWriteRows,
  type BulkWriteRow,
  type RxCollection,
  type RxDocumentData,
  type RxStorageReplicationMeta,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

/** A page of the server's pull, as the pull handler gives it to RxDB. */
export interface PulledPage<Doc, Checkpoint> {
  readonly documents: WithDeleted<Doc>[];
  readonly checkpoint: Checkpoint;
}

/** Documents per page of a first sync after its first page: the size IndexedDB writes best (measured in `npm run bench`). */
export const FIRST_SYNC_PAGE = 1000;

export interface FirstSyncOptions<Doc, Checkpoint> {
  readonly collection: RxCollection<Doc>;
  /** The replication, once started: its protocol state holds the storage instances, the identifier and the checkpoints. */
  readonly replication: () => RxReplicationState<Doc, Checkpoint> | undefined;
  /** Fetches a page from the server (and records the pull's progress). */
  readonly fetchPage: (checkpoint: Checkpoint | undefined, limit: number) => Promise<PulledPage<Doc, Checkpoint>>;
  /** The pull's modifier, as RxDB applies it to every pulled document. */
  readonly modifier?: (doc: WithDeleted<Doc>) => WithDeleted<Doc>;
}

/**
 * The first sync of a new device, written page by page in one go. RxDB's replication reads, for
 * every pulled document, its local copy and its replication metadata before writing it; on a device
 * that holds nothing yet (no document in the collection, no checkpoint) there is nothing to read.
 * While that holds, each page is written as RxDB's downstream writes it — the documents (its
 * revision and `_meta.o` origin marks), then one metadata row per document holding the server's
 * state (`getMetaWriteRow`: what a later push assumes the server has), then the checkpoint
 * (`setCheckpoint`) — through the same storage instances and write contexts, so that its upstream
 * pushes none of it and every later pull, push, conflict and live change is RxDB's own.
 *
 * The documents are written without a previous state: the storage refuses (409) any that exists on
 * the device by then (written meanwhile here or in another tab). From that page on RxDB takes over:
 * the page goes back to it whole, and it settles each document as it always does. The next page is
 * fetched while one is written, and a page's metadata rows are written (another IndexedDB database)
 * while the next page's documents are; the first page has RxDB's page size (the first files show
 * at once), the others `FIRST_SYNC_PAGE`.
 */
export class FirstSync<Doc, Checkpoint> {
  /** Whether this replication wrote pages of a first sync (a retry after an error resumes it). */
  #started = false;
  #finished = false;
  #identifierHash: Promise<string> | undefined;

  constructor(private readonly options: FirstSyncOptions<Doc, Checkpoint>) {}

  /**
   * Called by the pull handler. Null: no first sync here, the handler pulls as usual. Otherwise
   * what RxDB gets from this pull: nothing and the last checkpoint when every page was written
   * here, or the page RxDB must settle itself (and the pull goes on from there, its way).
   */
  async pull(checkpoint: Checkpoint | undefined, limit: number): Promise<PulledPage<Doc, Checkpoint> | null> {
    if (this.#finished || checkpoint !== undefined) return null;
    const state = this.options.replication()?.internalReplicationState;
    if (!state) return null;
    let from: Checkpoint | undefined;
    if (this.#started) {
      // A page failed (network, storage) and RxDB retries from where its pull began: go on after the last page written here.
      await state.checkpointQueue;
      from = state.lastCheckpointDoc.down?.checkpointData as Checkpoint | undefined;
    } else {
      const local = await getChangedDocumentsSince(state.input.forkInstance, 1);
      if (local.documents.length > 0) {
        this.#finished = true;
        return null;
      }
      this.#started = true;
    }
    return this.#run(state, from, limit);
  }

  async #run(state: RxStorageInstanceReplicationState<Doc>, from: Checkpoint | undefined, limit: number): Promise<PulledPage<Doc, Checkpoint>> {
    let size = limit;
    let next: Promise<PulledPage<Doc, Checkpoint>> | null = this.options.fetchPage(from, size);
    let last = from;
    // The previous page's metadata rows, then its checkpoint: written while this page's documents are.
    let previous: Promise<void> = Promise.resolve();
    try {
      while (next) {
        const page: PulledPage<Doc, Checkpoint> = await next;
        const full = page.documents.length >= size;
        size = Math.max(limit, FIRST_SYNC_PAGE);
        next = full && page.documents.length > 0 ? this.options.fetchPage(page.checkpoint, size) : null;
        if (page.documents.length === 0 || state.events.canceled.getValue()) break;
        const documents = this.#prepare(page.documents);
        const [refused] = await Promise.all([this.#writeDocuments(state, documents), previous]);
        const metadata = this.#writeMeta(
          state,
          documents.filter((doc) => !refused.has(this.#idOf(state, doc))),
        );
        if (refused.size > 0) {
          // Something is on the device by now: RxDB settles this page and pulls the rest.
          this.#finished = true;
          next?.catch(() => undefined);
          await metadata;
          return page;
        }
        const checkpoint = page.checkpoint;
        previous = metadata.then(() => void setCheckpoint(state, 'down', checkpoint));
        previous.catch(() => undefined);
        last = checkpoint;
      }
      await previous;
    } catch (error) {
      next?.catch(() => undefined);
      await previous.catch(() => undefined);
      throw error;
    }
    this.#finished = true;
    await state.checkpointQueue;
    return { documents: [], checkpoint: last as Checkpoint };
  }

  /** What RxDB's pull does to each document (`handlePulledDocuments`, then the modifier). */
  #prepare(documents: WithDeleted<Doc>[]): WithDeleted<Doc>[] {
    const { collection, modifier } = this.options;
    const primaryPath = collection.schema.primaryPath as string;
    return documents.map((doc) => {
      const pulled: Record<string, unknown> = { ...doc, _deleted: !!doc._deleted };
      pulled[primaryPath] = getComposedPrimaryKeyOfDocumentData(collection.schema.jsonSchema, pulled as Partial<Doc>);
      return modifier ? modifier(pulled as WithDeleted<Doc>) : (pulled as WithDeleted<Doc>);
    });
  }

  /**
   * Writes a page's documents as RxDB's downstream does for documents new to the device (their
   * metadata rows follow). Returns the ids the storage refused: already on the device.
   */
  async #writeDocuments(state: RxStorageInstanceReplicationState<Doc>, documents: WithDeleted<Doc>[]): Promise<Set<string>> {
    this.#identifierHash ??= state.input.hashFunction(state.input.identifier);
    const identifierHash = await this.#identifierHash;
    const rows = documents.map((master): BulkWriteRow<Doc> => {
      const { _attachments, _rev } = master as { _attachments?: unknown; _rev?: string };
      const meta: Record<string, unknown> = { lwt: now(), o: { _rev: 1, hash: identifierHash } };
      if (_rev) meta[state.input.identifier] = 1;
      const document = { ...master, _meta: meta, _attachments: state.hasAttachments && _attachments ? _attachments : {}, _rev: createRevision(identifierHash) };
      return { document: document as unknown as RxDocumentData<Doc> };
    });
    const result = await state.input.forkInstance.bulkWrite(rows, await state.downstreamBulkWriteFlag);
    const failed = result.error.find((error) => error.status !== 409);
    if (failed) throw newRxError('RC_PULL', { writeError: failed });
    const refused = new Set(result.error.map((error) => error.documentId));
    for (const row of rows) if (!refused.has(this.#idOf(state, row.document))) state.events.processed.down.next(row);
    return refused;
  }

  /** One metadata row per written document; a row already there (a document removed from the device) is updated from its stored state. */
  async #writeMeta(state: RxStorageInstanceReplicationState<Doc>, masters: WithDeleted<Doc>[]): Promise<void> {
    if (state.input.skipStoringPullMeta || masters.length === 0) return;
    const write = async (rows: BulkWriteRow<RxStorageReplicationMeta<Doc, unknown>>[]) =>
      (await state.input.metaInstance.bulkWrite(stripAttachmentsDataFromMetaWriteRows(state, rows), 'replication-down-write-meta')).error;
    let errors = await write(await Promise.all(masters.map((master) => getMetaWriteRow(state, master))));
    const stale = errors.flatMap((error) => (error.status === 409 ? [error.documentInDb] : []));
    if (stale.length > 0) {
      const byId = new Map(masters.map((master) => [this.#idOf(state, master), master]));
      const retried = await Promise.all(stale.map((previous) => getMetaWriteRow(state, byId.get(previous.itemId)!, previous)));
      errors = [...errors.filter((error) => error.status !== 409), ...(await write(retried))];
    }
    // As RxDB's downstream: a metadata row that cannot be written is reported, the pull goes on.
    for (const writeError of errors) state.events.error.next(newRxError('RC_PULL', { id: writeError.documentId, writeError }));
  }

  #idOf(state: RxStorageInstanceReplicationState<Doc>, doc: unknown): string {
    return (doc as Record<string, string>)[state.primaryPath]!;
  }
}
