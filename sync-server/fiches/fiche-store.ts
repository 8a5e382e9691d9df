import type { Statement } from 'better-sqlite3';
import { nameSearchKey, type Fiche } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import type { FicheScope } from './fiche-scope.ts';

/** A file as stored: the document plus the server's sequence number. */
export interface StoredFiche {
  readonly sequence: number;
  readonly fiche: Fiche & { declarantId: string; structureId: string; createdAt: string; updatedAt: string; statusSince: string };
}

/** A pulled row: a file the user sees, or one that left their scope (sent as a deletion). */
export type PulledRow = { readonly sequence: number; readonly fiche: StoredFiche['fiche']; readonly revoked: boolean };

type Row = { seq: number; data: string };
/** A pulled row as stored: the file's JSON as SQLite holds it (UTF-8 bytes), neither decoded nor parsed. */
export type PageRow = { readonly seq: number; readonly data: Buffer; readonly revoked: 0 | 1 };

/** SQL access to the `fiches` table and its grants; no rule lives here. Statements are prepared once. */
export class FicheStore {
  readonly #select: Statement;
  readonly #upsert: Statement;
  readonly #grant: Statement;
  readonly #moveGrantsStatement: Statement;
  readonly #touch: Statement;
  readonly #removeGrant: Statement;
  readonly #recordRevocation: Statement;
  readonly #pageAll: Statement;
  readonly #pageOfStructure: Statement;
  readonly #pageOfRevocations: Statement;
  readonly #byNir: Statement;
  readonly #pageOfGrants = new Map<number, Statement>();

  constructor(readonly db: SqliteDatabase) {
    this.#select = db.prepare('SELECT seq, data FROM fiches WHERE id = ?');
    this.#upsert = db.prepare(
      `INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, nir, last_name_key, first_name_key, index_case_id, updated_at, data)
       VALUES (@id, @seq, @structureId, @declarantId, @kind, @status, @nir, @lastNameKey, @firstNameKey, @indexCaseId, @updatedAt, @data)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind, status = excluded.status, nir = excluded.nir,
         last_name_key = excluded.last_name_key, first_name_key = excluded.first_name_key, index_case_id = excluded.index_case_id,
         updated_at = excluded.updated_at, data = excluded.data`,
    );
    this.#grant = db.prepare(
      'INSERT OR IGNORE INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) VALUES (?, ?, ?, ?, (SELECT seq FROM fiches WHERE id = ?))',
    );
    this.#moveGrantsStatement = db.prepare('UPDATE fiche_access SET seq = ? WHERE fiche_id = ? RETURNING user_id AS userId');
    this.#touch = db.prepare('UPDATE fiches SET seq = ? WHERE id = ?');
    this.#removeGrant = db.prepare('DELETE FROM fiche_access WHERE user_id = ? AND fiche_id = ?');
    this.#recordRevocation = db.prepare('INSERT INTO fiche_revocations (seq, user_id, fiche_id) VALUES (?, ?, ?)');
    this.#pageAll = db.prepare('SELECT seq, CAST(data AS BLOB) AS data, 0 AS revoked FROM fiches WHERE seq > ? ORDER BY seq LIMIT ?');
    this.#pageOfStructure = db.prepare('SELECT seq, CAST(data AS BLOB) AS data, 0 AS revoked FROM fiches WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.#pageOfRevocations = db.prepare(
      `SELECT r.seq, CAST(f.data AS BLOB) AS data, 1 AS revoked FROM fiche_revocations r JOIN fiches f ON f.id = r.fiche_id
        WHERE r.user_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`,
    );
    this.#byNir = db.prepare('SELECT seq, data FROM fiches WHERE nir = ? ORDER BY seq');
  }

  get(id: string): StoredFiche | null {
    const row = this.#select.get(id) as Row | undefined;
    return row ? { sequence: row.seq, fiche: JSON.parse(row.data) } : null;
  }

  /**
   * Writes a file at a new sequence number; returns the users holding a grant on it (they must
   * receive it). A file `created` now has no grant yet: none to move.
   */
  put(fiche: StoredFiche['fiche'], sequence: number, created = false): string[] {
    this.#upsert.run({
      id: fiche.id,
      seq: sequence,
      structureId: fiche.structureId,
      declarantId: fiche.declarantId,
      kind: fiche.kind,
      status: fiche.status,
      nir: fiche.nir ?? '',
      lastNameKey: nameSearchKey(fiche.lastName),
      firstNameKey: nameSearchKey(fiche.firstName),
      indexCaseId: fiche.indexCaseId ?? '',
      updatedAt: fiche.updatedAt,
      data: JSON.stringify(fiche),
    });
    return created ? [] : this.#moveGrants(sequence, fiche.id);
  }

  /** Moves a file to a new sequence number without changing it (it entered someone's scope); returns its grants' users. */
  touch(id: string, sequence: number): string[] {
    this.#touch.run(sequence, id);
    return this.#moveGrants(sequence, id);
  }

  /** Grants follow their file's sequence number (a pull by grant finds the file's last change). */
  #moveGrants(sequence: number, ficheId: string): string[] {
    return (this.#moveGrantsStatement.all(sequence, ficheId) as { userId: string }[]).map((row) => row.userId);
  }

  grant(userId: string, ficheId: string, at: string, reason: string): boolean {
    return this.#grant.run(userId, ficheId, at, reason, ficheId).changes > 0;
  }

  revoke(userId: string, ficheId: string, sequence: number): boolean {
    const removed = this.#removeGrant.run(userId, ficheId).changes > 0;
    if (removed) this.#recordRevocation.run(sequence, userId, ficheId);
    return removed;
  }

  /** Grants of a user past a sequence number, in order: an index seek on (user_id, seq). */
  #grantsPage(scope: FicheScope): Statement {
    const count = scope.structureIds.length;
    let statement = this.#pageOfGrants.get(count);
    if (!statement) {
      const notOwn = count > 0 ? `AND f.structure_id NOT IN (${scope.structureIds.map(() => '?').join(', ')})` : '';
      statement = this.db.prepare(
        `SELECT a.seq, CAST(f.data AS BLOB) AS data, 0 AS revoked FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id
          WHERE a.user_id = ? AND a.seq > ? ${notOwn} ORDER BY a.seq LIMIT ?`,
      );
      this.#pageOfGrants.set(count, statement);
    }
    return statement;
  }

  /**
   * The next page of what a user may see after `sequence`, in sequence order. Each source
   * (one structure, the grants, the revocations) is read by an index seek with the same limit and
   * the pages are merged, so the cost does not grow with the size of the table.
   */
  pullPage(scope: FicheScope, sequence: number, limit: number): PulledRow[] {
    return this.pullRows(scope, sequence, limit).map((row) => ({ sequence: row.seq, fiche: JSON.parse(row.data.toString('utf8')), revoked: row.revoked === 1 }));
  }

  /** `pullPage` with each file as its stored JSON's bytes, for answers built without decoding or parsing it. */
  pullRows(scope: FicheScope, sequence: number, limit: number): PageRow[] {
    if (scope.nothing) return [];
    const pages: PageRow[][] = [];
    if (scope.everything) {
      pages.push(this.#pageAll.all(sequence, limit) as PageRow[]);
    } else {
      for (const structureId of scope.structureIds) pages.push(this.#pageOfStructure.all(structureId, sequence, limit) as PageRow[]);
      pages.push(this.#grantsPage(scope).all(scope.userId, sequence, ...scope.structureIds, limit) as PageRow[]);
    }
    pages.push(this.#pageOfRevocations.all(scope.userId, sequence, limit) as PageRow[]);
    const filled = pages.filter((page) => page.length > 0);
    return filled.length <= 1 ? (filled[0] ?? []) : filled.flat().sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  /** Files with this NIR (all structures): what a professional may find by a full NIR. */
  findByNir(nir: string): StoredFiche[] {
    return (this.#byNir.all(nir) as Row[]).map((row) => ({ sequence: row.seq, fiche: JSON.parse(row.data) }));
  }
}
