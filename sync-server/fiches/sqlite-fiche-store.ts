import type { Statement } from 'better-sqlite3';
import { nameSearchKey, type InsuredPerson } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { nextSequence } from '../replication/checkpoint.ts';
import { writeAudit } from '../storage/sqlite-audit.ts';
import type { AuditEntry, StoredPageRow } from '../storage/storage.ts';
import type { FicheScope } from './fiche-scope.ts';
import type { FicheBatch, FicheSnapshot, FicheStorage, StoredFiche, StoredFicheDocument, WrittenFiche } from './fiche-storage.ts';

type Row = { seq: number; data: string };
type InsuredRow = { nir: string; last_name: string; birth_name: string; first_name: string; birth_date: string };

/**
 * `FicheStorage` on better-sqlite3: the `fiches` table, its grants and revocations, the directory
 * of insured people; no rule lives here. Statements are prepared once. Each unit of work runs
 * synchronously inside its own transaction (storage/storage.ts); the synchronous methods below the
 * interface's (`put`, `pullRows`) serve the demo seed and the benchmark.
 */
export class SqliteFicheStore implements FicheStorage {
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
  readonly #hasGrant: Statement;
  readonly #insuredByNir: Statement;
  readonly #pageOfGrants = new Map<number, Statement>();
  readonly #countAll: Statement;
  readonly #countOfStructure: Statement;
  readonly #countOfRevocations: Statement;
  readonly #countOfGrants = new Map<number, Statement>();

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
    this.#countAll = db.prepare('SELECT COUNT(*) FROM fiches WHERE seq > ?').pluck();
    this.#countOfStructure = db.prepare('SELECT COUNT(*) FROM fiches WHERE structure_id = ? AND seq > ?').pluck();
    this.#countOfRevocations = db.prepare('SELECT COUNT(*) FROM fiche_revocations WHERE user_id = ? AND seq > ?').pluck();
    this.#byNir = db.prepare('SELECT seq, data FROM fiches WHERE nir = ? ORDER BY seq');
    this.#hasGrant = db.prepare('SELECT 1 FROM fiche_access WHERE user_id = ? AND fiche_id = ?');
    this.#insuredByNir = db.prepare('SELECT nir, last_name, birth_name, first_name, birth_date FROM insured_people WHERE nir = ?');
  }

  // ——— FicheStorage ———

  async pullPage(scope: FicheScope, after: number, limit: number): Promise<StoredPageRow[]> {
    return this.pullRows(scope, after, limit);
  }

  async countAfter(scope: FicheScope, after: number): Promise<number> {
    if (scope.nothing) return 0;
    const revocations = this.#countOfRevocations.get(scope.userId, after) as number;
    if (scope.everything) return (this.#countAll.get(after) as number) + revocations;
    const ofStructures = scope.structureIds.reduce((total, structureId) => total + (this.#countOfStructure.get(structureId, after) as number), 0);
    return ofStructures + (this.#grantsCount(scope).get(scope.userId, after, ...scope.structureIds) as number) + revocations;
  }

  async get(id: string): Promise<StoredFiche | null> {
    return this.#get(id);
  }

  async hasGrant(userId: string, ficheId: string): Promise<boolean> {
    return this.#granted(userId, ficheId);
  }

  async findByNir(nir: string): Promise<StoredFiche[]> {
    return (this.#byNir.all(nir) as Row[]).map((row) => ({ sequence: row.seq, fiche: JSON.parse(row.data) }));
  }

  async findInsured(nir: string): Promise<InsuredPerson | null> {
    const row = this.#insuredByNir.get(nir) as InsuredRow | undefined;
    return row ? { nir: row.nir, lastName: row.last_name, birthName: row.birth_name, firstName: row.first_name, birthDate: row.birth_date } : null;
  }

  async audit(entry: AuditEntry): Promise<void> {
    writeAudit(this.db, entry);
  }

  async writeBatch(batch: FicheBatch): Promise<WrittenFiche[] | null> {
    return this.db.transaction(() => {
      // Read lazily from the open transaction: the same reads, in the same order, as the decision makes them.
      const snapshot: FicheSnapshot = {
        stored: (id) => this.#get(id)?.fiche ?? null,
        granted: (id) => this.#granted(batch.userId, id),
      };
      const writes = batch.decide(snapshot);
      if (writes === null) return null;
      const written = writes.files.map(({ fiche, created }): WrittenFiche => {
        const sequence = nextSequence(this.db);
        return { sequence, fiche, grantedTo: this.put(fiche, sequence, created) };
      });
      for (const entry of writes.audits) writeAudit(this.db, entry);
      return written;
    })();
  }

  async grantAccess(userId: string, ficheId: string, reason: string, audit: AuditEntry): Promise<{ sequence: number; grantedTo: string[] }> {
    return this.db.transaction(() => {
      const sequence = nextSequence(this.db);
      this.#grant.run(userId, ficheId, audit.at, reason, ficheId);
      const grantedTo = this.#touchAndMoveGrants(ficheId, sequence);
      writeAudit(this.db, audit);
      return { sequence, grantedTo };
    })();
  }

  async revokeAccess(userId: string, ficheId: string, audit: AuditEntry): Promise<number | null> {
    return this.db.transaction(() => {
      const sequence = nextSequence(this.db);
      const removed = this.#removeGrant.run(userId, ficheId).changes > 0;
      if (!removed) return null;
      this.#recordRevocation.run(sequence, userId, ficheId);
      writeAudit(this.db, audit);
      return sequence;
    })();
  }

  // ——— synchronous, inside a transaction or for the seed and the benchmark ———

  #get(id: string): StoredFiche | null {
    const row = this.#select.get(id) as Row | undefined;
    return row ? { sequence: row.seq, fiche: JSON.parse(row.data) } : null;
  }

  #granted(userId: string, ficheId: string): boolean {
    return this.#hasGrant.get(userId, ficheId) !== undefined;
  }

  /**
   * Writes a file at a new sequence number; returns the users holding a grant on it (they must
   * receive it). A file `created` now has no grant yet: none to move.
   */
  put(fiche: StoredFicheDocument, sequence: number, created = false): string[] {
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
  #touchAndMoveGrants(id: string, sequence: number): string[] {
    this.#touch.run(sequence, id);
    return this.#moveGrants(sequence, id);
  }

  /** Grants follow their file's sequence number (a pull by grant finds the file's last change). */
  #moveGrants(sequence: number, ficheId: string): string[] {
    return (this.#moveGrantsStatement.all(sequence, ficheId) as { userId: string }[]).map((row) => row.userId);
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

  /** How many grants of a user lie past a sequence number, outside their structures (as `#grantsPage` reads them). */
  #grantsCount(scope: FicheScope): Statement {
    const count = scope.structureIds.length;
    let statement = this.#countOfGrants.get(count);
    if (!statement) {
      const notOwn = count > 0 ? `AND f.structure_id NOT IN (${scope.structureIds.map(() => '?').join(', ')})` : '';
      statement = this.db.prepare(`SELECT COUNT(*) FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id WHERE a.user_id = ? AND a.seq > ? ${notOwn}`).pluck();
      this.#countOfGrants.set(count, statement);
    }
    return statement;
  }

  /**
   * The next page of what a user may see after `sequence`, in sequence order, each file as its
   * stored JSON's bytes. Each source (one structure, the grants, the revocations) is read by an
   * index seek with the same limit and the pages are merged, so the cost does not grow with the
   * size of the table.
   */
  pullRows(scope: FicheScope, sequence: number, limit: number): StoredPageRow[] {
    if (scope.nothing) return [];
    const pages: StoredPageRow[][] = [];
    if (scope.everything) {
      pages.push(this.#pageAll.all(sequence, limit) as StoredPageRow[]);
    } else {
      for (const structureId of scope.structureIds) pages.push(this.#pageOfStructure.all(structureId, sequence, limit) as StoredPageRow[]);
      pages.push(this.#grantsPage(scope).all(scope.userId, sequence, ...scope.structureIds, limit) as StoredPageRow[]);
    }
    pages.push(this.#pageOfRevocations.all(scope.userId, sequence, limit) as StoredPageRow[]);
    const filled = pages.filter((page) => page.length > 0);
    return filled.length <= 1 ? (filled[0] ?? []) : filled.flat().sort((a, b) => a.seq - b.seq).slice(0, limit);
  }
}
