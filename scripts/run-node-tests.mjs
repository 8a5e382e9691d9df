// Runs the Node-side tests (domain/, sync-server/, the source checks in scripts/checks/ and the package checks) with node's test runner.
// Node 20's `--test` takes no glob, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

// The package checks build the library, bundle pages and install the packed tarball (~40 s).
const PACKAGE_TESTS = ['scripts/custom-elements-manifest.test.ts', 'scripts/package-isolation.test.ts', 'scripts/package-install.test.ts'];
// The built demo page in Chromium against the real server, network really cut (~1 min each; they build the page themselves).
const DEMO_TESTS = ['scripts/demo-contact-covid.test.ts', 'scripts/demo-delegation.test.ts', 'scripts/demo-migration.test.ts', 'scripts/demo-offline.test.ts', 'scripts/demo-psc.test.ts', 'scripts/demo-sessions.test.ts'];
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['domain', 'sync-server', 'scripts/checks', ...PACKAGE_TESTS, ...DEMO_TESTS];
const files = roots.flatMap((root) =>
  root.endsWith('.test.ts') ? [root] : readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name)),
);
if (files.length === 0) {
  console.error(`No test file found under ${roots.join(', ')}.`);
  process.exit(1);
}
// One throwaway PostgreSQL cluster for the whole run when the binaries are installed: the
// PostgreSQL suites each create their databases in it (sync-server/testing/test-postgres.ts).
// Without the binaries they are skipped, and say why.
const { postgresUnavailableReason, startPostgresCluster } = await tsImport('../sync-server/testing/postgres-cluster.ts', import.meta.url);
const env = { ...process.env };
let cluster = null;
if (!env.TELESERVICES_TEST_POSTGRES) {
  const unavailable = postgresUnavailableReason();
  if (unavailable) console.log(`[run-node-tests] ${unavailable}`);
  else {
    cluster = startPostgresCluster();
    env.TELESERVICES_TEST_POSTGRES = cluster.url();
  }
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.sort()], {
  stdio: 'inherit',
  env,
});
cluster?.stop();
process.exit(result.status ?? 1);
