import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// custom-elements.json comes from the JSDoc of each element's class (@summary, @csspart,
// @cssproperty, @fires). These checks keep that JSDoc in step with the code: every part the
// template exposes, every per-element custom property its styles read and every event it
// dispatches is documented.

interface Declaration {
  tagName?: string;
  summary?: string;
  cssParts?: { name: string }[];
  cssProperties?: { name: string; description?: string }[];
  events?: { name: string; description?: string; type?: { text: string } }[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
let out = '';
let elements: { tag: string; source: string; declaration: Declaration }[] = [];

/** Parts named in a template: `part="a b"`, `part="a ${x ? 'b' : 'c'}"`, `part=${x ? 'a' : 'b'}`. */
function partsIn(text: string): Set<string> {
  const parts = new Set<string>();
  const add = (names: string) => names.split(/\s+/).filter((name) => /^[a-z][a-z0-9-]*$/.test(name)).forEach((name) => parts.add(name));
  for (const match of text.matchAll(/\bpart="([^"]*)"/g)) {
    add(match[1]!.replace(/\$\{[^}]*\}/g, ' '));
    for (const quoted of match[1]!.matchAll(/'([a-z -]+)'/g)) add(quoted[1]!);
  }
  for (const match of text.matchAll(/\bpart=\$\{([^}]+)\}/g)) for (const quoted of match[1]!.matchAll(/'([a-z -]+)'/g)) add(quoted[1]!);
  return parts;
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const FIELD_PARTS = ['field', 'label', 'input', 'hint', 'error'];

/** What an element's shadow root exposes: its template's parts and those of the field helpers it renders. */
function exposedParts(source: string): Set<string> {
  const text = read(source);
  const parts = partsIn(text);
  const helpers = /import \{([^}]+)\} from '[./]*forms\/form-fields\.ts'/.exec(text)?.[1] ?? '';
  if (/\b(textField|selectField|checkboxField|radioGroup|checkboxGroup)\b/.test(helpers)) FIELD_PARTS.forEach((part) => parts.add(part));
  if (/\berrorSummary\b/.test(helpers)) parts.add('error-summary');
  if (/\bFicheFields\b/.test(text)) {
    partsIn(read('components/contact-covid/fiche-form/fiche-form-blocks.ts')).forEach((part) => parts.add(part));
    FIELD_PARTS.forEach((part) => parts.add(part));
  }
  return parts;
}

/** Event names: `new Event('x')` / `new CustomEvent('x')`, and the event classes it instantiates (`super('x')`). */
function dispatchedEvents(source: string): Set<string> {
  const text = read(source);
  const classes = new Map<string, string>();
  for (const file of readdirSync(join(root, 'components'), { recursive: true }).map(String)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const match of read(join('components', file)).matchAll(/class (\w+) extends (?:Custom)?Event\b[^{]*\{[\s\S]*?super\(\s*'([a-z0-9-]+)'/g)) classes.set(match[1]!, match[2]!);
  }
  const events = new Set([...text.matchAll(/new (?:Custom)?Event\(\s*'([a-z0-9-]+)'/g)].map((match) => match[1]!));
  for (const match of text.matchAll(/new (\w+)\(/g)) if (classes.has(match[1]!)) events.add(classes.get(match[1]!)!);
  return events;
}

/** Per-element custom properties (not the shared `--ts-*` tokens) read by its module and the style modules beside it. */
function elementHooks(source: string): Set<string> {
  const folder = dirname(source);
  const files = [source, ...readdirSync(join(root, folder)).filter((file) => file.endsWith('.styles.ts')).map((file) => join(folder, file))];
  return new Set(files.flatMap((file) => [...read(file).matchAll(/var\((--(?!ts-)[a-z0-9-]+)/g)].map((match) => match[1]!)));
}

describe('custom-elements.json: the JSDoc of every element', () => {
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'teleservices-cem-'));
    const analyzer = join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
    const result = spawnSync(process.execPath, [analyzer, 'analyze', '--quiet', '--outdir', relative(root, out)] /* the analyzer joins it to the cwd */, { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
    elements = manifest.modules.flatMap((module) =>
      (module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => ({
        tag: declaration.tagName!,
        source: module.path.replace(/^dist\/lib\//, '').replace(/\.js$/, '.ts'),
        declaration,
      })),
    );
    assert.ok(elements.length >= 20, `${elements.length} elements found`);
  });

  after(() => rmSync(out, { recursive: true, force: true }));

  it('gives every element a @summary and the path of its module', () => {
    for (const { tag, declaration } of elements) assert.ok(declaration.summary, `<${tag}> has a @summary`);
    for (const { source } of elements) assert.ok(readdirSync(join(root, dirname(source))).includes(source.split('/').pop()!), source);
  });

  it('documents every part the template exposes (@csspart)', () => {
    const missing = elements.flatMap(({ tag, source, declaration }) => {
      const documented = new Set((declaration.cssParts ?? []).map((part) => part.name));
      return [...exposedParts(source)].filter((part) => !documented.has(part)).map((part) => `<${tag}> part="${part}"`);
    });
    assert.deepEqual(missing, [], 'add `@csspart <name> - <what it is>` to the class JSDoc');
  });

  it("documents the element's own custom properties (@cssproperty) and lists the --ts-* tokens it reads", () => {
    const missing = elements.flatMap(({ tag, source, declaration }) => {
      const documented = new Set((declaration.cssProperties ?? []).map((property) => property.name));
      return [...elementHooks(source)].filter((hook) => !documented.has(hook)).map((hook) => `<${tag}> ${hook}`);
    });
    assert.deepEqual(missing, [], 'add `@cssproperty <name> - <what it sets>. Defaults to …` to the class JSDoc');
    const list = elements.find(({ tag }) => tag === 'contact-covid-patient-list')!;
    assert.ok(list.declaration.cssProperties!.some((property) => property.name === '--ts-color-primary'));
  });

  it('documents every event the element dispatches (@fires), with its type', () => {
    const missing = elements.flatMap(({ tag, source, declaration }) => {
      const documented = new Map((declaration.events ?? []).map((event) => [event.name, event]));
      return [...dispatchedEvents(source)].filter((name) => !documented.get(name)?.description).map((name) => `<${tag}> ${name}`);
    });
    assert.deepEqual(missing, [], 'add `@fires <name> - <when>; detail: {…}` to the class JSDoc');
    const list = elements.find(({ tag }) => tag === 'contact-covid-patient-list')!;
    assert.equal(list.declaration.events!.find((event) => event.name === 'patient-open-request')?.type?.text, 'PatientOpenRequestEvent');
  });
});
