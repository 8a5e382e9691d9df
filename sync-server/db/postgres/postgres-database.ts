import pg from 'pg';
import { migratePostgres } from './migrations.ts';

export type PostgresPool = pg.Pool;

/** `DATABASE_URL` selects PostgreSQL when it names one (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/**
 * BIGINT columns (sequence numbers, audit and outbox numbers) as JavaScript numbers, not the
 * driver's default strings: they stay below 2^53 (9 × 10^15 changes). For this pool only.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `DATABASE_POOL_SIZE` when unset. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * A pool of connections to PostgreSQL, its schema brought to the latest version. `max` is the
 * pool's size (`DATABASE_POOL_SIZE`, 10 by default): each instance holds at most that many
 * connections, so instances × max must stay under the server's `max_connections`.
 */
export async function openPostgres(url: string, { max = DEFAULT_POOL_SIZE }: { max?: number } = {}): Promise<PostgresPool> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection that the server drops (restart, failover) is an event of the pool, not a crash.
  pool.on('error', (error) => console.error('[sync-server] PostgreSQL connection lost:', error.message));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
