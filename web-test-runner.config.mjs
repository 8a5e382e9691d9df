// Browser tests: components/**/*.test.ts in the installed headless Chromium.
// Run through `npm run test:browser`, which first checks that a browser exists.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { BROWSER_ARGS, browserCandidates, findBrowser, missingBrowserMessage } from './scripts/find-browser.mjs';
import { networkPlugin } from './scripts/wtr-network-plugin.mjs';
import { syncServerPlugin } from './scripts/wtr-sync-server-plugin.mjs';

const executablePath = findBrowser();
if (executablePath === null) {
  console.error(missingBrowserMessage(browserCandidates()));
  process.exit(1);
}

/**
 * Packages whose browser entry is CommonJS or a UMD wrapper, which the unbundled test server
 * cannot serve as modules: point them at their real ES module builds. (Vite bundles them, so
 * only the test server needs this.)
 */
const ES_MODULE_ENTRIES = {
  dexie: '/node_modules/dexie/dist/dexie.mjs',
  'broadcast-channel': '/node_modules/broadcast-channel/dist/esbrowser/index.js',
};
const esModuleEntries = {
  name: 'es-module-entries',
  resolveImport({ source }) {
    return ES_MODULE_ENTRIES[source];
  },
};

export default {
  files: ['components/**/*.test.ts'],
  nodeResolve: true,
  // Two cores here: one browser, two test files at a time.
  concurrency: 2,
  // A file gets up to 10 minutes before it counts as hung (the default 2 minutes cut the longest
  // suites against real servers short on a loaded machine).
  testsFinishTimeout: 600_000,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 5000 } },
  // Lit's development build (wanted in tests for its warnings) announces itself in every file.
  // RxDB's open-source build prints a premium-plugins notice when a database opens.
  filterBrowserLogs: ({ args }) => {
    const first = String(args[0]);
    return !first.startsWith('Lit is in dev mode') && !/rxdb-premium|RxDB Premium|-{20,}/.test(first);
  },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: ['--headless', ...BROWSER_ARGS],
      },
    }),
  ],
  plugins: [
    esModuleEntries,
    // Real sync-server processes on temporary SQLite files, driven by the tests.
    syncServerPlugin(),
    // `network:block`: requests of the test page that fail as offline (a chunk loaded on demand).
    networkPlugin(),
    // tsconfig.json carries experimentalDecorators + useDefineForClassFields:false, which
    // Lit's legacy decorators need; esbuild reads them from there.
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
  ],
};
