import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../db/database.ts';

/** A real SQLite file in a fresh temporary folder, removed by `dispose()`. */
export function createTempDatabase(): { db: SqliteDatabase; path: string; dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'teleservices-test-'));
  const path = join(dir, 'nested', 'teleservices.sqlite');
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
