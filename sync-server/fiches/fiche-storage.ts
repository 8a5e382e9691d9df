import type { Fiche, InsuredPerson } from '../../domain/index.ts';
import type { AuditEntry, ChangesOfOtherInstances, StoredPageRow } from '../storage/storage.ts';
import type { FicheScope } from './fiche-scope.ts';

/**
 * What the `fiches` collection needs of a database (the contract: `storage/storage.ts`).
 * `SqliteFicheStore` (`sqlite-fiche-store.ts`) implements it on better-sqlite3; the routes, the
 * policy and `FicheCollection` only see this interface.
 */

/** A file as stored: the document with its server-owned fields. */
export type StoredFicheDocument = Fiche & { declarantId: string; structureId: string; createdAt: string; updatedAt: string; statusSince: string };

/** A file as stored, with the number of its last change. */
export interface StoredFiche {
  readonly sequence: number;
  readonly fiche: StoredFicheDocument;
}

/** What a push batch's decision reads, synchronously, inside the batch's transaction. */
export interface FicheSnapshot {
  /** The file as stored (null: none yet). Only for the ids the batch named. */
  stored(id: string): StoredFicheDocument | null;
  /** Whether the batch's user holds a grant on this file. Only for the ids the batch named. */
  granted(id: string): boolean;
}

/** What a decision writes: each file in order (each takes the next change number), then the audit rows. */
export interface FicheWrites {
  readonly files: readonly { readonly fiche: StoredFicheDocument; readonly created: boolean }[];
  readonly audits: readonly AuditEntry[];
}

/** A file a batch wrote: its change number, and the users holding a grant on it (their streams must receive it). */
export interface WrittenFiche {
  readonly sequence: number;
  readonly fiche: StoredFicheDocument;
  readonly grantedTo: readonly string[];
}

/** One push batch: what it may read, and the pure decision of what it writes. */
export interface FicheBatch {
  /** The files the decision may read: the rows' ids and the patients zéro they name. */
  readonly ids: readonly string[];
  /** Whose grants `FicheSnapshot.granted` answers for. */
  readonly userId: string;
  /**
   * Synchronous and pure (it may run more than once): decides on what is stored now, returns the
   * writes, or null to write nothing (the batch is refused).
   */
  decide(snapshot: FicheSnapshot): FicheWrites | null;
}

export interface FicheStorage {
  /** On a database several instances share: the files the others write, for this instance's streams. */
  readonly otherInstances?: ChangesOfOtherInstances<StoredFicheDocument>;
  /**
   * The next page of what a scope sees after `after`, in change order, at most `limit` rows: the
   * files of its structures (every file for `everything`), the files granted to its user, and its
   * revocations (`revoked: 1`). Empty for `nothing`.
   */
  pullPage(scope: FicheScope, after: number, limit: number): Promise<StoredPageRow[]>;
  /** How many rows the pages of a scope after `after` hold in all (what a first sync has yet to receive). */
  countAfter(scope: FicheScope, after: number): Promise<number>;
  get(id: string): Promise<StoredFiche | null>;
  hasGrant(userId: string, ficheId: string): Promise<boolean>;
  /** Files with this full NIR, every structure, in change order. */
  findByNir(nir: string): Promise<StoredFiche[]>;
  /** The insurer's directory of insured people (`insured_people`), by full NIR. */
  findInsured(nir: string): Promise<InsuredPerson | null>;
  audit(entry: AuditEntry): Promise<void>;
  /**
   * One transaction: calls `batch.decide` on what is stored, writes the files it returns (each
   * at the next change number; a file's grants move with it) and its audit rows. Null when the
   * decision refused: nothing written, no number taken.
   */
  writeBatch(batch: FicheBatch): Promise<WrittenFiche[] | null>;
  /**
   * One transaction: grants `userId` access to the file and moves the file (and its grants) to the
   * next change number, so that it reaches them past their checkpoint; writes `audit`. Returns the
   * number and the users holding a grant on the file.
   */
  grantAccess(userId: string, ficheId: string, reason: string, audit: AuditEntry): Promise<{ sequence: number; grantedTo: string[] }>;
  /**
   * One transaction: removes `userId`'s grant on the file and records its revocation at the next
   * change number (sent to them alone as a deletion), with `audit`. Null when they had no grant.
   */
  revokeAccess(userId: string, ficheId: string, audit: AuditEntry): Promise<number | null>;
}
