import { AssertionError } from './assert.ts';

/*
 * Our axe-style check until axe-core is a dependency (it is not installed today): the basics
 * a screen-reader user needs, checked in an element's shadow tree and in the shadow trees
 * nested in it. It does not compute accessible names the way browsers do, nor check
 * contrast or focus order; axe-core should replace it when we can add it.
 */

/** Text a screen reader would read from a subtree, ignoring aria-hidden parts. */
function readableText(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(readableText).join('');
}

function hasText(value: string | null | undefined): boolean {
  return (value ?? '').trim().length > 0;
}

/** Text of the elements an aria-labelledby names, in the same root (ids do not cross roots). */
function labelledByText(element: Element, root: ShadowRoot | Document): string {
  const ids = (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => root.getElementById(id)).map((label) => (label ? readableText(label) : '')).join(' ');
}

function hasAccessibleName(control: Element, root: ShadowRoot | Document): boolean {
  if (hasText(control.getAttribute('aria-label'))) return true;
  if (hasText(labelledByText(control, root))) return true;
  if (control.id && [...root.querySelectorAll('label')].some((label) => label.htmlFor === control.id && hasText(readableText(label)))) {
    return true;
  }
  const wrappingLabel = control.closest('label');
  return wrappingLabel !== null && hasText(readableText(wrappingLabel));
}

function nameOf(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const name = element.getAttribute('name');
  return `<${element.localName}${id}${name ? ` name="${name}"` : ''}>`;
}

function checkRoot(root: ShadowRoot, where: string, problems: string[]): void {
  const elements = [...root.querySelectorAll('*')];

  const seenIds = new Set<string>();
  for (const element of elements) {
    if (!element.id) continue;
    if (seenIds.has(element.id)) problems.push(`${where}: duplicate id "${element.id}"`);
    seenIds.add(element.id);
  }

  for (const control of root.querySelectorAll('input:not([type="hidden"]), select, textarea')) {
    if (!hasAccessibleName(control, root)) {
      problems.push(`${where}: ${nameOf(control)} has no accessible name (<label for>, aria-label or aria-labelledby)`);
    }
  }

  for (const element of root.querySelectorAll('[aria-invalid]')) {
    const value = element.getAttribute('aria-invalid');
    if (value !== 'true' && value !== 'false') {
      problems.push(`${where}: ${nameOf(element)} has aria-invalid="${value}" (use "true" or "false")`);
    }
  }

  for (const button of root.querySelectorAll('button, [role="button"]')) {
    if (!hasText(readableText(button)) && !hasText(button.getAttribute('aria-label')) && !hasText(labelledByText(button, root))) {
      problems.push(`${where}: ${nameOf(button)} has no text`);
    }
  }

  for (const element of root.querySelectorAll('[aria-labelledby], [aria-describedby], [aria-controls]')) {
    for (const attribute of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
      for (const id of (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)) {
        if (!root.getElementById(id)) problems.push(`${where}: ${nameOf(element)} ${attribute} names "${id}", absent from this shadow root`);
      }
    }
  }

  for (const image of root.querySelectorAll('img:not([alt])')) {
    problems.push(`${where}: ${nameOf(image)} has no alt attribute`);
  }

  for (const element of elements) {
    if (element.shadowRoot) checkRoot(element.shadowRoot, `${where} > ${element.localName}`, problems);
  }
}

/**
 * Throws, listing every problem found, unless the element's shadow tree passes the basic
 * accessibility checks above.
 */
export function assertAccessible(host: Element): void {
  if (!host.shadowRoot) throw new AssertionError(`${nameOf(host)} has no open shadow root to check`);
  const problems: string[] = [];
  checkRoot(host.shadowRoot, host.localName, problems);
  if (problems.length > 0) {
    throw new AssertionError(`${problems.length} accessibility problem(s):\n- ${problems.join('\n- ')}`);
  }
}
