// Browser tests: components/**/*.test.ts in the installed headless Chromium.
// Run through `npm run test:browser`, which first checks that a browser exists.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { browserCandidates, findBrowser, missingBrowserMessage } from './scripts/find-browser.mjs';

const executablePath = findBrowser();
if (executablePath === null) {
  console.error(missingBrowserMessage(browserCandidates()));
  process.exit(1);
}

/**
 * Dexie's `import` entry wraps its UMD build, which the unbundled test server cannot serve
 * as a module; point the bare specifier at the real ES module instead.
 */
const dexieAsEsModule = {
  name: 'dexie-as-es-module',
  resolveImport({ source }) {
    return source === 'dexie' ? '/node_modules/dexie/dist/dexie.mjs' : undefined;
  },
};

export default {
  files: ['components/**/*.test.ts'],
  nodeResolve: true,
  // Two cores here: one browser, two test files at a time.
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 5000 } },
  // Lit's development build (wanted in tests for its warnings) announces itself in every file.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        // Debian's Chromium refuses to start as root without --no-sandbox.
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  plugins: [
    dexieAsEsModule,
    // tsconfig.json carries experimentalDecorators + useDefineForClassFields:false, which
    // Lit's legacy decorators need; esbuild reads them from there.
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
  ],
};
