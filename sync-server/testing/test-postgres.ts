import { createDatabase, postgresUnavailableReason, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

/**
 * The PostgreSQL of the node tests. `npm test` (scripts/run-node-tests.mjs) starts one cluster
 * for the whole run and passes its URL in `TELESERVICES_TEST_POSTGRES`; a test file run alone
 * starts its own, once, on its first database. Each test gets a database of its own.
 */
let cluster: PostgresCluster | null = null;

/** `describe(…, { skip: skipWithoutPostgres })`: the reason when PostgreSQL is not installed, false otherwise. */
export const skipWithoutPostgres: string | false = postgresUnavailableReason() ?? false;

/** A fresh database of the tests' cluster, empty or a copy of `template`; `drop()` removes it. */
export function createTestDatabase(template?: string): Promise<{ readonly url: string; readonly name: string; drop(): Promise<void> }> {
  const shared = process.env['TELESERVICES_TEST_POSTGRES'];
  if (shared) return createDatabase(shared, template);
  cluster ??= startPostgresCluster();
  return cluster.createDatabase(template);
}
