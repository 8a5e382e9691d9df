import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { nameSearchKey, type InsuredPerson } from '../../domain/index.ts';
import { changesOfOtherInstances, notifyChanges, type ChangeNoticeListener, type NoticedChange } from '../db/postgres/change-notices.ts';
import { sequencedTransaction, type SequencedTransaction } from '../db/postgres/sequenced-transaction.ts';
import { writePostgresAudits } from '../storage/postgres-audit.ts';
import type { AuditEntry, ChangesOfOtherInstances, StoredPageRow } from '../storage/storage.ts';
import { ficheChangeKeys, type FicheScope } from './fiche-scope.ts';
import type { FicheBatch, FicheSnapshot, FicheStorage, StoredFiche, StoredFicheDocument, WrittenFiche } from './fiche-storage.ts';

type Row = { seq: number; data: string };
type PageRow = { seq: number; data: string; revoked: 0 | 1 };

const COLLECTION = 'fiches';

/** Where a change of a file goes (`ficheChangeKeys`), for the other instances' notice. */
function noticed(sequence: number, fiche: StoredFicheDocument, grantedTo: readonly string[]): NoticedChange {
  return { sequence, id: fiche.id, keys: ficheChangeKeys({ sequence, document: fiche, grantedTo }) };
}

/**
 * `FicheStorage` on PostgreSQL (issue 19): the same tables as SQLite's store, the same rules
 * (none: they live in `FicheCollection`). Every unit of work is one sequenced transaction
 * (`db/postgres/sequenced-transaction.ts`: numbers in commit order, so a pull never skips a
 * file) of a few statements — a batch is read, written and audited set-wise, not row by row — and
 * tells the other instances what changed (`db/postgres/change-notices.ts`) as it commits.
 */
export class PostgresFicheStore implements FicheStorage {
  /** This instance's id in the change notices it sends (its listener ignores them). */
  readonly instance: string;
  readonly otherInstances?: ChangesOfOtherInstances<StoredFicheDocument>;

  /** `listener`: this instance's LISTEN connection, when other instances share the database. */
  constructor(
    readonly pool: pg.Pool,
    listener?: ChangeNoticeListener,
  ) {
    this.instance = listener?.instance ?? randomUUID();
    if (listener) this.otherInstances = changesOfOtherInstances(listener, COLLECTION, (ids) => this.#documents(ids));
  }

  /**
   * One statement: each source — each structure, the grants (outside those structures), the
   * revocations — an index seek limited to `limit`, merged by number and limited again.
   */
  async pullPage(scope: FicheScope, after: number, limit: number): Promise<StoredPageRow[]> {
    if (scope.nothing) return [];
    const revocations = `SELECT r.seq, f.data, 1 AS revoked FROM fiche_revocations r JOIN fiches f ON f.id = r.fiche_id
                          WHERE r.user_id = $1 AND r.seq > $2 ORDER BY r.seq LIMIT $3`;
    let sql: string;
    let params: unknown[];
    if (scope.everything) {
      sql = `(SELECT seq, data, 0 AS revoked FROM fiches WHERE seq > $2 ORDER BY seq LIMIT $3) UNION ALL (${revocations}) ORDER BY seq LIMIT $3`;
      params = [scope.userId, after, limit];
    } else {
      sql = `(SELECT p.seq, p.data, 0 AS revoked FROM unnest($4::text[]) AS s(id)
                CROSS JOIN LATERAL (SELECT seq, data FROM fiches WHERE structure_id = s.id AND seq > $2 ORDER BY seq LIMIT $3) p)
             UNION ALL
             (SELECT a.seq, f.data, 0 AS revoked FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id
               WHERE a.user_id = $1 AND a.seq > $2 AND f.structure_id <> ALL($4::text[]) ORDER BY a.seq LIMIT $3)
             UNION ALL (${revocations})
             ORDER BY seq LIMIT $3`;
      params = [scope.userId, after, limit, scope.structureIds];
    }
    const { rows } = await this.pool.query<PageRow>(sql, params);
    return rows.map((row) => ({ seq: row.seq, data: Buffer.from(row.data), revoked: row.revoked }));
  }

  async countAfter(scope: FicheScope, after: number): Promise<number> {
    if (scope.nothing) return 0;
    const revocations = 'SELECT COUNT(*) FROM fiche_revocations WHERE user_id = $1 AND seq > $2';
    const sql = scope.everything
      ? `SELECT (SELECT COUNT(*) FROM fiches WHERE seq > $2) + (${revocations}) AS n`
      : `SELECT (SELECT COUNT(*) FROM fiches WHERE structure_id = ANY($3::text[]) AND seq > $2)
              + (SELECT COUNT(*) FROM fiche_access a JOIN fiches f ON f.id = a.fiche_id WHERE a.user_id = $1 AND a.seq > $2 AND f.structure_id <> ALL($3::text[]))
              + (${revocations}) AS n`;
    const { rows } = await this.pool.query<{ n: string }>(sql, scope.everything ? [scope.userId, after] : [scope.userId, after, scope.structureIds]);
    return Number(rows[0]!.n);
  }

  async get(id: string): Promise<StoredFiche | null> {
    const { rows } = await this.pool.query<Row>('SELECT seq, data FROM fiches WHERE id = $1', [id]);
    return rows[0] ? { sequence: rows[0].seq, fiche: JSON.parse(rows[0].data) } : null;
  }

  async hasGrant(userId: string, ficheId: string): Promise<boolean> {
    return ((await this.pool.query('SELECT 1 FROM fiche_access WHERE user_id = $1 AND fiche_id = $2', [userId, ficheId])).rowCount ?? 0) > 0;
  }

  async findByNir(nir: string): Promise<StoredFiche[]> {
    const { rows } = await this.pool.query<Row>('SELECT seq, data FROM fiches WHERE nir = $1 ORDER BY seq', [nir]);
    return rows.map((row) => ({ sequence: row.seq, fiche: JSON.parse(row.data) }));
  }

  async findInsured(nir: string): Promise<InsuredPerson | null> {
    const { rows } = await this.pool.query<{ nir: string; last_name: string; birth_name: string; first_name: string; birth_date: string }>(
      'SELECT nir, last_name, birth_name, first_name, birth_date FROM insured_people WHERE nir = $1',
      [nir],
    );
    const row = rows[0];
    return row ? { nir: row.nir, lastName: row.last_name, birthName: row.birth_name, firstName: row.first_name, birthDate: row.birth_date } : null;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writePostgresAudits(this.pool, [entry]);
  }

  async writeBatch(batch: FicheBatch): Promise<WrittenFiche[] | null> {
    return sequencedTransaction(this.pool, async (tx) => {
      // The sequence is held: no other numbered write commits between these reads and the writes.
      const stored = await tx.client.query<{ id: string; data: string }>('SELECT id, data FROM fiches WHERE id = ANY($1)', [batch.ids]);
      const granted = await tx.client.query<{ fiche_id: string }>('SELECT fiche_id FROM fiche_access WHERE user_id = $1 AND fiche_id = ANY($2)', [batch.userId, batch.ids]);
      const storedById = new Map(stored.rows.map((row) => [row.id, JSON.parse(row.data) as StoredFicheDocument]));
      const grantedIds = new Set(granted.rows.map((row) => row.fiche_id));
      const snapshot: FicheSnapshot = {
        stored: (id) => storedById.get(id) ?? null,
        granted: (id) => grantedIds.has(id),
      };
      const writes = batch.decide(snapshot);
      if (writes === null) return null;
      const numbered = writes.files.map(({ fiche, created }) => ({ sequence: tx.nextSequence(), fiche, created }));
      const grantees = await this.#upsert(tx, numbered);
      await writePostgresAudits(tx.client, writes.audits);
      const written = numbered.map(({ sequence, fiche }): WrittenFiche => ({ sequence, fiche, grantedTo: grantees.get(fiche.id) ?? [] }));
      notifyChanges(tx, this.instance, COLLECTION, written.map((w) => noticed(w.sequence, w.fiche, w.grantedTo)));
      return written;
    });
  }

  /**
   * Writes the files at their numbers (a file written twice in a batch keeps its last version and
   * number, as on SQLite) and moves the grants of the files that existed; returns each file's grantees.
   */
  async #upsert(tx: SequencedTransaction, numbered: readonly { sequence: number; fiche: StoredFicheDocument; created: boolean }[]): Promise<Map<string, string[]>> {
    const last = [...new Map(numbered.map((entry) => [entry.fiche.id, entry])).values()];
    if (last.length === 0) return new Map();
    const column = (value: (entry: (typeof last)[number]) => unknown) => last.map(value);
    await tx.client.query(
      `INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, nir, last_name_key, first_name_key, index_case_id, updated_at, data)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind, status = excluded.status, nir = excluded.nir,
         last_name_key = excluded.last_name_key, first_name_key = excluded.first_name_key, index_case_id = excluded.index_case_id,
         updated_at = excluded.updated_at, data = excluded.data`,
      [
        column((e) => e.fiche.id),
        column((e) => e.sequence),
        column((e) => e.fiche.structureId),
        column((e) => e.fiche.declarantId),
        column((e) => e.fiche.kind),
        column((e) => e.fiche.status),
        column((e) => e.fiche.nir ?? ''),
        column((e) => nameSearchKey(e.fiche.lastName)),
        column((e) => nameSearchKey(e.fiche.firstName)),
        column((e) => e.fiche.indexCaseId ?? ''),
        column((e) => e.fiche.updatedAt),
        column((e) => JSON.stringify(e.fiche)),
      ],
    );
    const existing = last.filter((entry) => !entry.created);
    const grantees = new Map<string, string[]>();
    if (existing.length === 0) return grantees;
    const moved = await tx.client.query<{ fiche_id: string; user_id: string }>(
      `UPDATE fiche_access a SET seq = v.seq FROM unnest($1::text[], $2::bigint[]) AS v(id, seq)
        WHERE a.fiche_id = v.id RETURNING a.fiche_id, a.user_id`,
      [existing.map((e) => e.fiche.id), existing.map((e) => e.sequence)],
    );
    for (const row of moved.rows) grantees.set(row.fiche_id, [...(grantees.get(row.fiche_id) ?? []), row.user_id]);
    return grantees;
  }

  async grantAccess(userId: string, ficheId: string, reason: string, audit: AuditEntry): Promise<{ sequence: number; grantedTo: string[] }> {
    return sequencedTransaction(this.pool, async (tx) => {
      const sequence = tx.nextSequence();
      await tx.client.query(
        'INSERT INTO fiche_access (user_id, fiche_id, granted_at, reason, seq) SELECT $1, id, $3, $4, seq FROM fiches WHERE id = $2 ON CONFLICT DO NOTHING',
        [userId, ficheId, audit.at, reason],
      );
      const touched = await tx.client.query<{ data: string }>('UPDATE fiches SET seq = $1 WHERE id = $2 RETURNING data', [sequence, ficheId]);
      const moved = await tx.client.query<{ user_id: string }>('UPDATE fiche_access SET seq = $1 WHERE fiche_id = $2 RETURNING user_id', [sequence, ficheId]);
      const grantedTo = moved.rows.map((row) => row.user_id);
      await writePostgresAudits(tx.client, [audit]);
      if (touched.rows[0]) notifyChanges(tx, this.instance, COLLECTION, [noticed(sequence, JSON.parse(touched.rows[0].data), grantedTo)]);
      return { sequence, grantedTo };
    });
  }

  async revokeAccess(userId: string, ficheId: string, audit: AuditEntry): Promise<number | null> {
    return sequencedTransaction(this.pool, async (tx) => {
      const removed = await tx.client.query('DELETE FROM fiche_access WHERE user_id = $1 AND fiche_id = $2', [userId, ficheId]);
      if ((removed.rowCount ?? 0) === 0) return null;
      const sequence = tx.nextSequence();
      await tx.client.query('INSERT INTO fiche_revocations (seq, user_id, fiche_id) VALUES ($1, $2, $3)', [sequence, userId, ficheId]);
      await writePostgresAudits(tx.client, [audit]);
      notifyChanges(tx, this.instance, COLLECTION, [{ sequence, id: ficheId, keys: ficheChangeKeys({ sequence, document: {}, revokedFrom: [userId] }), revoked: true }]);
      return sequence;
    });
  }

  async #documents(ids: readonly string[]): Promise<Map<string, StoredFicheDocument>> {
    const { rows } = await this.pool.query<{ id: string; data: string }>('SELECT id, data FROM fiches WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.id, JSON.parse(row.data) as StoredFicheDocument]));
  }
}
