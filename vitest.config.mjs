// Story tests: every story in stories/**/*.stories.ts rendered in headless Chromium by Vitest's
// browser mode (through @storybook/addon-vitest), then checked with axe-core by
// @storybook/addon-a11y; a violation fails the story's test. Run with `npm run test:stories`.
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { BROWSER_ARGS, browserCandidates, findBrowser, missingBrowserMessage } from './scripts/find-browser.mjs';
import demoConfig from './vite.config.ts';

// The browser of the other browser tests (CHROME_PATH, else Debian's chromium…): Playwright
// drives it, and never downloads one of its own.
const executablePath = findBrowser();
if (executablePath === null) {
  console.error(missingBrowserMessage(browserCandidates()));
  process.exit(1);
}

export default defineConfig({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
  // The demo's pre-bundling (RxDB's entry points together, so the page holds one RxDB core),
  // plus the Lit helper Storybook's renderer imports: left out, it loads a second copy of Lit.
  optimizeDeps: { include: [...(demoConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] },
  test: {
    name: 'stories',
    // Each story file in a frame of its own: its own JS realm, so one file's RxDB runtimes never
    // count against another's collection limit (within a file, each story closes the previous
    // story's runtime, see stories/support/story-runtime.ts). Two cores: two files at a time.
    isolate: true,
    maxWorkers: 2,
    // A story that opens a runtime loads its elements and the data layer on demand: under a load
    // of 15–20 on the 2 shared cores that took more than 15 s (speed lives in the bench).
    testTimeout: 60_000,
    // Lit's development build announces itself in every file; RxDB's open-source build prints a
    // premium-plugins notice when a database opens.
    onConsoleLog: (log) => !/Lit is in dev mode|rxdb-premium|RxDB Premium|-{20,}/.test(log),
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath,
          args: BROWSER_ARGS,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
