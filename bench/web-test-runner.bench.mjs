// The browser half of `npm run bench`, in the same headless Chromium as the tests, against a
// real sync-server process. Prints figures; asserts nothing about time.
import base from '../web-test-runner.config.mjs';

export default {
  ...base,
  rootDir: new URL('..', import.meta.url).pathname,
  files: ['bench/browser/**/*.bench.ts'],
  concurrency: 1,
  // Interleaved rounds of four variants and a warm start: several minutes on a shared machine.
  testsFinishTimeout: 1_800_000,
  testFramework: { config: { timeout: 600_000 } },
  filterBrowserLogs: base.filterBrowserLogs,
};
