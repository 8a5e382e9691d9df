// Pre-flight for `npm run test:browser`: fails in two readable lines, without a stack trace,
// when no Chrome/Chromium is installed, instead of letting web-test-runner crash later.
import { browserCandidates, findBrowser, missingBrowserMessage } from './find-browser.mjs';

const candidates = browserCandidates();
const browser = findBrowser(candidates);

if (browser === null) {
  console.error(missingBrowserMessage(candidates));
  process.exit(1);
}
if (process.env.CHROME_PATH && browser !== process.env.CHROME_PATH) {
  console.warn(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable file; using ${browser} instead.`);
}
