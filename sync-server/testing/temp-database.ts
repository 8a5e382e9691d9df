import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../db/database.ts';

/**
 * A real SQLite file in a fresh temporary folder, removed by `dispose()`. `prepare` may put a
 * file at the path first (a copy of a seeded template).
 */
export function createTempDatabase(prepare?: (path: string) => void): { db: SqliteDatabase; path: string; dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'teleservices-test-'));
  const path = join(dir, 'nested', 'teleservices.sqlite');
  prepare?.(path);
  const db = openDatabase(path);
  return {
    db,
    path,
    dir,
    dispose: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
