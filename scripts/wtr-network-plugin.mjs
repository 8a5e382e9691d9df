// `network:block` for the browser tests: the test page's requests whose URL matches one of the
// patterns (`*` any characters) fail as if the network were gone, through the DevTools protocol
// of that page only (other test files running at the same time are not touched). `patterns: []`
// lets everything through again. Used to make a chunk loaded on demand fail.
const sessions = new WeakMap();

async function cdpOf(session) {
  if (session.browser.type !== 'puppeteer') throw new Error('network:block needs the Chrome launcher');
  const page = session.browser.getPage(session.id);
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    sessions.set(page, cdp);
  }
  return cdp;
}

export function networkPlugin() {
  return {
    name: 'network-commands',
    async executeCommand({ command, payload = {}, session }) {
      if (command !== 'network:block') return undefined;
      const cdp = await cdpOf(session);
      await cdp.send('Network.setBlockedURLs', { urls: payload.patterns ?? [] });
      return true;
    },
  };
}
