import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nameSearchKey } from '../domain/index.ts';
import type { SqliteDatabase } from '../sync-server/db/database.ts';

/**
 * The reference server of the benchmark: what a naive server does for the same protocol, on the
 * same SQLite table and indexes, with nothing but `node:http` and better-sqlite3. Per request it
 * checks the bearer token (its hash, one read). A push is an upsert and one audit row holding the
 * whole document per file, one transaction per batch, no validation, no conflict check; a pull is a
 * keyset select of the user's structure, `JSON.parse` of every row and `JSON.stringify` of the answer.
 * The ratio « ours ÷ reference » tells what our rules and layers cost beyond the storage work.
 */
export function referenceHandler(db: SqliteDatabase): (request: IncomingMessage, response: ServerResponse) => void {
  const session = db.prepare(
    `SELECT s.user_id AS userId, s.expires_at AS expiresAt, s.revoked_at AS revokedAt,
            (SELECT structure_id FROM user_structures WHERE user_id = s.user_id ORDER BY structure_id LIMIT 1) AS structureId
       FROM sessions s WHERE s.token_hash = ?`,
  );
  const bump = db.prepare("UPDATE change_sequence SET value = value + 1 WHERE name = 'changes' RETURNING value");
  const upsert = db.prepare(
    `INSERT INTO fiches (id, seq, structure_id, declarant_id, kind, status, nir, last_name_key, first_name_key, index_case_id, updated_at, data)
     VALUES (@id, @seq, @structureId, @declarantId, @kind, @status, @nir, @lastNameKey, @firstNameKey, @indexCaseId, @updatedAt, @data)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind, status = excluded.status, nir = excluded.nir,
       last_name_key = excluded.last_name_key, first_name_key = excluded.first_name_key, index_case_id = excluded.index_case_id,
       updated_at = excluded.updated_at, data = excluded.data`,
  );
  const audit = db.prepare(
    "INSERT INTO audit (at, actor_id, on_behalf_of_id, structure_id, action, collection, document_id, changes) VALUES (?, ?, NULL, ?, 'write', 'fiches', ?, ?)",
  );
  const page = db.prepare('SELECT seq, data FROM fiches WHERE structure_id = ? AND seq > ? ORDER BY seq LIMIT ?');

  const write = db.transaction((rows: { newDocumentState: Record<string, unknown> }[], userId: string, structureId: string) => {
    const at = new Date().toISOString();
    for (const { newDocumentState: doc } of rows) {
      const saved = { ...doc, declarantId: userId, structureId, createdAt: at, statusSince: at, updatedAt: at };
      const data = JSON.stringify(saved);
      upsert.run({
        id: doc['id'],
        seq: (bump.get() as { value: number }).value,
        structureId,
        declarantId: userId,
        kind: doc['kind'],
        status: doc['status'],
        nir: doc['nir'] ?? '',
        lastNameKey: nameSearchKey(String(doc['lastName'] ?? '')),
        firstNameKey: nameSearchKey(String(doc['firstName'] ?? '')),
        indexCaseId: doc['indexCaseId'] ?? '',
        updatedAt: at,
        data,
      });
      audit.run(at, userId, structureId, doc['id'], data);
    }
  });

  const answer = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };

  return (request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const found = token ? (session.get(createHash('sha256').update(token).digest('hex')) as { userId: string; expiresAt: string; revokedAt: string | null; structureId: string } | undefined) : undefined;
    if (!found || found.revokedAt !== null || found.expiresAt <= new Date().toISOString()) return answer(response, 401, '{"error":"session"}');
    const url = new URL(request.url ?? '/', 'http://reference');
    if (request.method === 'GET' && url.pathname === '/api/replication/fiches/pull') {
      const checkpoint = url.searchParams.get('checkpoint');
      const after = checkpoint ? (JSON.parse(checkpoint) as { sequence: number }).sequence : 0;
      const rows = page.all(found.structureId, after, Number(url.searchParams.get('limit') ?? 100)) as { seq: number; data: string }[];
      const documents = rows.map((row) => ({ ...JSON.parse(row.data), _deleted: false }));
      return answer(response, 200, JSON.stringify({ documents, checkpoint: { sequence: rows.at(-1)?.seq ?? after } }));
    }
    if (request.method === 'POST' && url.pathname === '/api/replication/fiches/push') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        write(JSON.parse(Buffer.concat(chunks).toString('utf8')), found.userId, found.structureId);
        answer(response, 200, '[]');
      });
      return;
    }
    answer(response, 404, '{"error":"not found"}');
  };
}
