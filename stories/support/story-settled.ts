/**
 * Resolves once the rendered story has stopped changing for `quietMs` (or after `timeoutMs`).
 *
 * Stories reach the state they show asynchronously: a runtime's queries answer after the first
 * render, simulated servers answer after 300 ms, and some decorators type, click and submit after
 * rendering. The accessibility check (and anyone reading the canvas) must see that state, not the
 * first frame. Every shadow root is read, since that is where the widgets render.
 */
export async function storySettled(root: Element, { quietMs = 500, timeoutMs = 5000, pollMs = 50 } = {}): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = composedMarkup(root);
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const now = composedMarkup(root);
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= quietMs) {
      return;
    }
  }
}

/** The markup of `node` with its shadow roots' markup inlined, and the controls' live state. */
function composedMarkup(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return '';
  let markup = '';
  if (node instanceof Element) {
    markup += `<${node.localName}`;
    for (const { name, value } of Array.from(node.attributes)) markup += ` ${name}="${value}"`;
    if (node instanceof HTMLInputElement) markup += ` .value="${node.value}" .checked="${node.checked}"`;
    markup += '>';
    if (node.shadowRoot) markup += `#shadow(${composedMarkup(node.shadowRoot)})`;
  }
  for (const child of Array.from(node.childNodes)) markup += composedMarkup(child);
  return markup;
}
