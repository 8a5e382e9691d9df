// Finds an installed Chrome or Chromium for the browser tests. Shared by
// scripts/check-browser.mjs (the friendly pre-flight check) and web-test-runner.config.mjs,
// so both agree on which browser runs. No test tool may download its own browser here.
import { accessSync, constants, statSync } from 'node:fs';

/**
 * The flags every test browser starts with (web-test-runner, Vitest's story tests): Debian's
 * Chromium refuses to start as root without --no-sandbox; the rest keeps it quiet and offline.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where Chrome or Chromium usually lives, per platform. */
export const DEFAULT_BROWSER_PATHS = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/** The paths to try, in order: CHROME_PATH first when set, then the platform's usual places. */
export function browserCandidates(env = process.env, platform = process.platform) {
  const usual = DEFAULT_BROWSER_PATHS[platform] ?? DEFAULT_BROWSER_PATHS.linux;
  return env.CHROME_PATH ? [env.CHROME_PATH, ...usual] : [...usual];
}

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first candidate that is an executable file, or null. */
export function findBrowser(candidates = browserCandidates()) {
  return candidates.find(isExecutableFile) ?? null;
}

/** Two lines: what is missing, and how to fix it. */
export function missingBrowserMessage(candidates = browserCandidates()) {
  return [
    `No Chrome or Chromium found for the browser tests (looked at: ${candidates.join(', ')}).`,
    'Install one with `apt-get install chromium` (Debian/Ubuntu), or set CHROME_PATH=/path/to/chrome.',
  ].join('\n');
}
