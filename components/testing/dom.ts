/*
 * Reading and driving the widgets in browser tests: one copy, imported by every test file.
 * A scope is an element (its open shadow root is searched) or a shadow root.
 */
type Scope = Element | ShadowRoot;

/** An element's open shadow root; throws (so a `waitFor` tries again) while there is none. */
export function root(element: Element | null | undefined): ShadowRoot {
  const shadow = element?.shadowRoot;
  if (!shadow) throw new Error(`${element ? `<${element.localName}>` : 'the element'} has no open shadow root yet`);
  return shadow;
}

function within(scope: Scope): ShadowRoot {
  return scope instanceof ShadowRoot ? scope : root(scope);
}

/** The shadow root of the `tag` element rendered in `host`'s shadow tree (the provider's screens), or null. */
export function innerRoot(host: Element, tag: string): ShadowRoot | null {
  return host.shadowRoot?.querySelector(tag)?.shadowRoot ?? null;
}

/** What a reader sees: an element's shadow text (its light text if it has no shadow root) or a shadow root's, whitespace collapsed. */
export function text(scope: Scope | null | undefined): string {
  const node = scope instanceof Element ? (scope.shadowRoot ?? scope) : scope;
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The control named `name` (`[name="…"]`). */
export function control<T extends HTMLElement = HTMLInputElement>(scope: Scope, name: string): T {
  return within(scope).querySelector(`[name="${name}"]`) as T;
}

/** Types into a field: sets its value and sends `input`, as a keyboard would. */
export function type(scope: Scope, name: string, value: string): void {
  const field = control(scope, name);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/**
 * Fills fields by name: a text is typed (`type`), a boolean sets a checkbox. `silently`: values
 * set as a script would, with no event (what a form reading its fields on submit sees).
 */
export function fill(scope: Scope, values: Record<string, string | boolean>, { silently = false } = {}): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'boolean') control(scope, name).checked = value;
    else if (silently) control(scope, name).value = value;
    else type(scope, name, value);
  }
}

/** Submits the scope's first form (`requestSubmit`, as pressing its submit button). */
export function submit(scope: Scope): void {
  within(scope).querySelector('form')!.requestSubmit();
}

/** Clicks the first element matching `selector`. */
export function click(scope: Scope, selector: string): void {
  (within(scope).querySelector(selector) as HTMLElement).click();
}

/** The message shown next to the field `name` (`#<name>-error`), '' when none. */
export function errorOf(scope: Scope, name: string): string {
  return within(scope).querySelector(`#${name}-error`)?.textContent?.trim() ?? '';
}

/** The next `type` event `target` dispatches. */
export function nextEvent<E extends Event = CustomEvent>(target: EventTarget, type: string): Promise<E> {
  return new Promise<E>((resolve) => target.addEventListener(type, (event) => resolve(event as E), { once: true }));
}

/** Submits `element`'s form and resolves with the next `type` event it dispatches (its outcome). */
export function submitAndWait<E extends Event = CustomEvent>(element: Element, type: string): Promise<E> {
  const outcome = nextEvent<E>(element, type);
  submit(element);
  return outcome;
}
