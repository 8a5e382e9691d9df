import type { Decorator, StoryContext } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import type { StrictArgTypes, StrictInputType } from 'storybook/internal/types';

/**
 * Storybook's argTypes from custom-elements.json (`npm run analyze`, run before `storybook`,
 * `build-storybook` and `test:stories`), and the decorator that makes their controls act on the
 * element.
 *
 * Every story names its element (`component: '<tag>'`); its properties, attributes, events,
 * slots, parts and CSS custom properties become argTypes (the Controls panel and the
 * `<ArgTypes>` doc block). Most stories render their element after loaders, inside a runtime
 * provider, and pass it no args: `manifestControls` then applies, after each render, the args
 * the user changed to the first element of that tag in the canvas (properties as properties,
 * attribute-only ones as attributes, CSS custom properties on its style), and logs each of the
 * element's events, by its name, in the Actions panel.
 */

interface ManifestType {
  text: string;
}

interface ManifestMember {
  kind: string;
  name: string;
  type?: ManifestType;
  default?: string;
  description?: string;
  attribute?: string;
  readonly?: boolean;
  static?: boolean;
  privacy?: string;
}

interface ManifestAttribute {
  name: string;
  type?: ManifestType;
  default?: string;
  description?: string;
  fieldName?: string;
}

interface ManifestNamed {
  name: string;
  type?: ManifestType;
  default?: string;
  description?: string;
}

interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  members?: ManifestMember[];
  attributes?: ManifestAttribute[];
  events?: ManifestNamed[];
  slots?: ManifestNamed[];
  cssParts?: ManifestNamed[];
  cssProperties?: ManifestNamed[];
}

/** The part of the Custom Elements Manifest schema read here. */
export interface CustomElementsManifest {
  schemaVersion: string;
  modules: { path: string; declarations?: ManifestDeclaration[] }[];
}

/** What an argType made here stands for on the element (kept on the argType as `manifest`). */
export interface ManifestTarget {
  kind: 'property' | 'attribute' | 'css-property' | 'event' | 'slot' | 'part';
  /** Property, attribute, event, slot or part name, or `--custom-property`. */
  name: string;
}

/** The declaration of `tag` in the manifest, if any. */
export function manifestDeclaration(manifest: CustomElementsManifest, tag: string): ManifestDeclaration | undefined {
  for (const module of manifest.modules) for (const declaration of module.declarations ?? []) if (declaration.tagName === tag) return declaration;
  return undefined;
}

/** `patient-open-request` → `onPatientOpenRequest`, the arg the Actions panel logs it under. */
export function eventArgName(event: string): string {
  return `on${event.replace(/(^|[-_:.\s]+)(\w)/g, (_match, _separator, letter: string) => letter.toUpperCase())}`;
}

/**
 * The argTypes of `tag`: null when the manifest does not know it (Storybook then keeps the
 * story's own argTypes).
 */
export function argTypesFromManifest(manifest: CustomElementsManifest, tag: string): StrictArgTypes | null {
  const declaration = manifestDeclaration(manifest, tag);
  if (!declaration) return null;
  const argTypes: StrictArgTypes = {};
  const add = (key: string, target: ManifestTarget, inputType: Omit<StrictInputType, 'name'> & { name?: string }) => {
    argTypes[key] = { name: target.name, ...inputType, manifest: target };
  };

  const members = (declaration.members ?? []).filter((member) => member.kind === 'field' && !member.static && !member.privacy);
  for (const member of members) {
    const typeText = member.type?.text ?? '';
    const notes = [member.readonly ? 'Read-only.' : '', member.attribute ? `Attribute: \`${member.attribute}\`.` : ''].filter(Boolean).join(' ');
    add(member.name, { kind: 'property', name: member.name }, {
      description: [member.description, notes].filter(Boolean).join('\n\n'),
      ...(member.readonly ? { control: false } : controlFor(typeText, Boolean(member.attribute))),
      table: { category: 'properties', type: { summary: typeText }, ...(member.default !== undefined ? { defaultValue: { summary: member.default } } : {}) },
    });
  }

  // Attributes without a property of their own (`lang`, `locale`): set as attributes. One named
  // like a read-only property (`locale`) takes its place, and says what the property gives.
  for (const attribute of declaration.attributes ?? []) {
    if (attribute.fieldName) continue;
    const typeText = attribute.type?.text ?? 'string';
    const shadowed = members.find((member) => member.name === attribute.name);
    const note = shadowed?.readonly ? `The read-only property \`${shadowed.name}\`: ${shadowed.description ?? ''}` : '';
    add(attribute.name, { kind: 'attribute', name: attribute.name }, {
      description: [attribute.description, note].filter(Boolean).join('\n\n'),
      ...controlFor(typeText, true),
      table: { category: 'attributes', type: { summary: typeText }, ...(attribute.default !== undefined ? { defaultValue: { summary: attribute.default } } : {}) },
    });
  }

  // No `action` on these argTypes: Storybook 10 would put a spy-wrapped action in the args and
  // log each call twice (once per wrapper). `manifestControls` logs each event once, by its name.
  for (const event of declaration.events ?? []) {
    add(eventArgName(event.name), { kind: 'event', name: event.name }, {
      description: event.description ?? '',
      control: false,
      table: { category: 'events', ...(event.type ? { type: { summary: event.type.text } } : {}) },
    });
  }

  for (const slot of declaration.slots ?? []) {
    add(`slot:${slot.name}`, { kind: 'slot', name: slot.name || '(default)' }, {
      description: slot.description ?? '',
      control: false,
      table: { category: 'slots' },
    });
  }

  for (const part of declaration.cssParts ?? []) {
    add(`part:${part.name}`, { kind: 'part', name: part.name }, {
      description: part.description ?? '',
      control: false,
      table: { category: 'css shadow parts' },
    });
  }

  for (const property of declaration.cssProperties ?? []) {
    add(property.name, { kind: 'css-property', name: property.name }, {
      description: property.description ?? '',
      type: { name: 'string' },
      control: { type: /^(#|rgb|hsl)/.test(property.default ?? '') ? 'color' : 'text' },
      table: { category: 'css custom properties', ...(property.default !== undefined ? { defaultValue: { summary: property.default } } : {}) },
    });
  }
  return argTypes;
}

/**
 * A control for a property of type `typeText`: text, number, boolean, a choice among string
 * literals, text for any other type an attribute carries (attributes are strings), none for
 * objects (services, APIs…), which only code can give.
 */
function controlFor(typeText: string, hasAttribute: boolean): Partial<Pick<StrictInputType, 'type' | 'control' | 'options'>> {
  const alternatives = typeText.split('|').map((part) => part.trim()).filter((part) => part && part !== 'undefined' && part !== 'null');
  const [only] = alternatives;
  if (alternatives.length === 1 && (only === 'string' || only === 'number' || only === 'boolean')) {
    return { type: { name: only }, control: { type: only === 'string' ? 'text' : only } };
  }
  if (alternatives.length > 0 && alternatives.every((part) => /^'[^']*'$|^"[^"]*"$/.test(part))) {
    const options = alternatives.map((part) => part.slice(1, -1));
    return {
      type: { name: 'enum', value: options },
      options,
      control: { type: options.length <= 4 ? 'inline-radio' : 'select', labels: { '': '(default)' } },
    };
  }
  return hasAttribute ? { type: { name: 'string' }, control: { type: 'text' } } : { control: false };
}

interface Wiring {
  /** Event name → the listener that logs it in the Actions panel. */
  listeners: Map<string, EventListener>;
  /** What the element had before a control changed it, to put back when the control is reset. */
  originals: Map<string, unknown>;
}

const wirings = new WeakMap<Element, Wiring>();

/** The events `manifestControls` listens to on `element` (for the story that checks it). */
export function wiredEvents(element: Element): string[] {
  return [...(wirings.get(element)?.listeners.keys() ?? [])];
}

/**
 * After each render, applies the changed args to the story's element and logs its events in the
 * Actions panel (one listener per event and element, whatever the number of renders). The args
 * a story declares itself (meta or story `args`) belong to its render function and are left
 * alone; at first no other arg has a value, so a story renders as written (and as its test sees
 * it).
 */
export const manifestControls: Decorator = (story, context) => {
  const rendered = story();
  const tag = context.component;
  if (typeof tag === 'string' && Object.values(context.argTypes).some((argType) => argType['manifest'])) {
    void whenRendered(context.canvasElement, tag).then((element) => element && applyManifestArgs(element, context));
  }
  return rendered;
};

/** The first `tag` element in the canvas once the render is in the DOM (light DOM first, then shadow roots). */
async function whenRendered(canvas: HTMLElement, tag: string): Promise<Element | null> {
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, i === 0 ? 0 : 25));
    const element = findElement(canvas, tag);
    if (element) return element;
  }
  return null;
}

function findElement(root: ParentNode, tag: string): Element | null {
  const direct = root.querySelector(tag);
  if (direct) return direct;
  for (const host of Array.from(root.querySelectorAll('*'))) {
    const inner = host.shadowRoot ? findElement(host.shadowRoot, tag) : null;
    if (inner) return inner;
  }
  return null;
}

/** Applies the args of `context` that the user changed to `element`, and logs its events. */
export function applyManifestArgs(element: Element, context: Pick<StoryContext, 'args' | 'argTypes' | 'initialArgs'>): void {
  let current = wirings.get(element);
  if (!current) {
    current = { listeners: new Map(), originals: new Map() };
    wirings.set(element, current);
  }
  for (const [key, argType] of Object.entries(context.argTypes)) {
    const target = argType['manifest'] as ManifestTarget | undefined;
    if (!target) continue;
    if (target.kind === 'event') {
      if (!current.listeners.has(target.name)) {
        const listener = action(target.name);
        element.addEventListener(target.name, listener);
        current.listeners.set(target.name, listener);
      }
      continue;
    }
    if (target.kind !== 'property' && target.kind !== 'attribute' && target.kind !== 'css-property') continue;
    if (argType.control === false || key in context.initialArgs) continue;
    const value = context.args[key];
    if (value === undefined) {
      if (current.originals.has(key)) {
        write(element, target, current.originals.get(key));
        current.originals.delete(key);
      }
      continue;
    }
    if (!current.originals.has(key)) current.originals.set(key, read(element, target));
    write(element, target, value);
  }
}

function read(element: Element, target: ManifestTarget): unknown {
  if (target.kind === 'attribute') return element.getAttribute(target.name);
  if (target.kind === 'css-property') return (element as HTMLElement).style.getPropertyValue(target.name);
  return (element as unknown as Record<string, unknown>)[target.name];
}

function write(element: Element, target: ManifestTarget, value: unknown): void {
  if (target.kind === 'attribute') {
    if (value === null || value === undefined || value === false) element.removeAttribute(target.name);
    else if (element.getAttribute(target.name) !== String(value)) element.setAttribute(target.name, value === true ? '' : String(value));
  } else if (target.kind === 'css-property') {
    const style = (element as HTMLElement).style;
    if (value === null || value === undefined || value === '') style.removeProperty(target.name);
    else style.setProperty(target.name, String(value));
  } else {
    const properties = element as unknown as Record<string, unknown>;
    if (properties[target.name] !== value) properties[target.name] = value;
  }
}
