// Each element's README documents its theming hooks: every `part` its templates render and
// every `--<element>-*` custom property its styles read, and no hook that no longer exists.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const COMPONENTS = join(import.meta.dirname, '..', '..', 'components');
/** Folders whose code is shared by elements but draws no element of its own. */
const SHARED_CODE = ['data', 'i18n', 'styles', 'testing', 'controllers', 'forms'];
const FIELD_HELPERS = /\b(?:textField|selectField|checkboxField|radioGroup|checkboxGroup)\(/;
const FORWARDED = 'panel heading form field label input hint error error-summary notice button primary table row dialog'.split(' ');

/** The element's own sources: its folder's modules, and the modules they import that draw no element themselves (fiche-form/). */
function sourcesOf(folder: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file) || /\.(test|messages|styles|events)\.ts$/.test(file)) return;
    seen.add(file);
    for (const [, path] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+\.ts)'/g)) {
      const target = resolve(dirname(file), path!);
      const top = relative(COMPONENTS, target).split(/[\\/]/)[0]!;
      const ownFolder = dirname(target) === folder;
      const elementFolder = existsSync(join(dirname(target), 'README.md'));
      if (ownFolder || (!elementFolder && !SHARED_CODE.includes(top) && target.startsWith(COMPONENTS))) visit(target);
    }
  };
  for (const name of readdirSync(folder)) if (name.endsWith('.ts')) visit(join(folder, name));
  return [...seen];
}

function themingHooks(folder: string): { parts: Set<string>; properties: Set<string> } {
  const parts = new Set<string>();
  const properties = new Set<string>();
  const styleFiles = readdirSync(folder).filter((name) => name.endsWith('.styles.ts')).map((name) => join(folder, name));
  for (const file of sourcesOf(folder)) {
    const source = readFileSync(file, 'utf8').replace(/^\s*(?:\/\/|\*|\/\*).*$/gm, '');
    // part="a b", part="message ${own ? 'own-message' : 'other-message'}"
    for (const [, value] of source.matchAll(/\spart="([^"]+)"/g)) {
      const names = value!.replace(/\$\{([^}]*)\}/g, (_, expression: string) => [...expression.matchAll(/'([^']+)'/g)].map((m) => m[1]).join(' '));
      for (const name of names.split(/\s+/).filter(Boolean)) parts.add(name);
    }
    for (const [, expression] of source.matchAll(/\spart=\$\{([^}]*)\}/g)) for (const [, names] of expression!.matchAll(/'([^']+)'/g)) for (const name of names!.split(/\s+/)) parts.add(name);
    for (const [, names] of source.matchAll(/exportparts="\$\{FORWARDED_PARTS\},([^"]+)"/g)) for (const name of names!.split(',')) parts.add(name.trim());
    if (/exportparts=\$?\{?FORWARDED_PARTS/.test(source)) for (const name of FORWARDED) parts.add(name);
    if (FIELD_HELPERS.test(source)) for (const name of ['field', 'label', 'input', 'hint', 'error']) parts.add(name);
    if (/\berrorSummary\(/.test(source)) parts.add('error-summary');
  }
  for (const file of [...styleFiles, ...sourcesOf(folder)]) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/var\((--(?!ts-)[a-z][\w-]*)/g)) properties.add(name!);
  }
  // The two Contact COVID forms share their layout's styles.
  if (sourcesOf(folder).some((file) => file.includes('fiche-form'))) {
    for (const [, name] of readFileSync(join(COMPONENTS, 'contact-covid/fiche-form/fiche-form.styles.ts'), 'utf8').matchAll(/var\((--(?!ts-)[a-z][\w-]*)/g)) properties.add(name!);
  }
  return { parts, properties };
}

function themingSection(readme: string): string {
  const match = /^## Theming\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  return match?.[1] ?? '';
}

const elementFolders = readdirSync(COMPONENTS, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name === 'README.md')
  .map((entry) => entry.parentPath ?? entry.path)
  .filter((folder) => folder !== COMPONENTS && !SHARED_CODE.includes(relative(COMPONENTS, folder).split(/[\\/]/)[0]!));

test('every element folder has a README with a Theming section', () => {
  assert.ok(elementFolders.length >= 20, `only ${elementFolders.length} element folders`);
  const missing = elementFolders.filter((folder) => !themingSection(readFileSync(join(folder, 'README.md'), 'utf8')).trim());
  assert.deepEqual(missing.map((folder) => relative(COMPONENTS, folder)), []);
});

for (const folder of elementFolders) {
  const name = relative(COMPONENTS, folder);
  test(`${name}: the README's Theming lists every part and custom property, and nothing else`, () => {
    const section = themingSection(readFileSync(join(folder, 'README.md'), 'utf8'));
    const documented = new Set([...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    const { parts, properties } = themingHooks(folder);
    assert.deepEqual([...parts].filter((part) => !documented.has(part)).sort(), [], 'parts not documented');
    assert.deepEqual([...properties].filter((property) => !documented.has(property)).sort(), [], 'custom properties not documented');
    const documentedProperties = [...documented].filter((hook) => /^--(?!ts-)[a-z][\w-]*$/.test(hook));
    assert.deepEqual(documentedProperties.filter((property) => !properties.has(property)).sort(), [], 'documented custom properties that do not exist');
  });
}
