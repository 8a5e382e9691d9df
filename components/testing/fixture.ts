import { render, type TemplateResult } from 'lit';

const containers = new Set<HTMLElement>();

interface Updatable {
  updateComplete: Promise<unknown>;
}

function isUpdatable(element: Element): element is Element & Updatable {
  return 'updateComplete' in element;
}

/** Waits until every Lit element in a subtree (shadow roots included) has rendered. */
export async function allUpdated(root: Element | ShadowRoot): Promise<void> {
  const elements = [...root.querySelectorAll('*')];
  if (root instanceof Element) elements.unshift(root);
  await Promise.all(elements.filter(isUpdatable).map((element) => element.updateComplete));
  const shadowRoots = elements.flatMap((element) => (element.shadowRoot ? [element.shadowRoot] : []));
  await Promise.all(shadowRoots.map(allUpdated));
}

/**
 * Renders a Lit template into a fresh container attached to document.body, waits for every
 * element in it to render, and returns the template's first element. Removed after each test.
 */
export async function fixture<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.add(container);
  render(template, container);
  const element = container.firstElementChild;
  if (!element) throw new Error('fixture: the template rendered no element');
  await allUpdated(container);
  return element as T;
}

afterEach(() => {
  for (const container of containers) container.remove();
  containers.clear();
});
