import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * `npm run analyze` (also run by `npm run build:lib`): custom-elements.json from the elements'
 * sources and the JSDoc of their classes (@summary, @slot, @csspart, @cssproperty, @fires), Lit's
 * decorators understood. Module paths point at the package's JavaScript (dist/lib/…/*.js), what a
 * vendor imports.
 */

/** `components/x/y.ts` → `dist/lib/components/x/y.js`. */
const toPackagePath = (path) => (/^(\.\/|\/)?(components|domain)\/.*\.ts$/.test(path) ? `dist/lib/${path.replace(/^(\.\/|\/)/, '').replace(/\.ts$/, '.js')}` : path);

/** Event classes (`class PatientSavedEvent extends Event { … super('patient-saved' …`) → their event names. */
function eventClassNames(root) {
  const names = new Map();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const source = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    for (const match of source.matchAll(/class (\w+) extends (?:Custom)?Event\b[^{]*\{[\s\S]*?super\(\s*'([a-z0-9-]+)'/g)) names.set(match[1], match[2]);
  }
  return names;
}

/** `--ts-<name>` → default, from tokens.css. */
function tokenDefaults() {
  const css = readFileSync('components/styles/tokens.css', 'utf8');
  return new Map([...css.matchAll(/^\s*(--ts-[a-z0-9-]+):\s*([^;]+);/gm)].map((match) => [match[1], match[2].trim()]));
}

/**
 * The design tokens an element reads: `token('x')` / `var(--ts-x` in its module and in the style
 * modules it imports (its *.styles.ts, components/styles/, components/forms/form-styles.ts…).
 */
function tokensUsedBy(file, seen = new Set()) {
  if (seen.has(file)) return new Set();
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const used = new Set([...source.matchAll(/token\('([a-z0-9-]+)'\)|var\(--ts-([a-z0-9-]+)/g)].map((match) => `--ts-${match[1] ?? match[2]}`));
  for (const match of source.matchAll(/^import\s[^;]*?'(\.{1,2}\/[^']+\.ts)'/gm)) {
    const imported = normalize(join(dirname(file), match[1]));
    if (/(^|\/)styles\/|styles\.ts$/.test(imported)) for (const name of tokensUsedBy(imported, seen)) used.add(name);
  }
  return used;
}

function teleservicesManifest() {
  const eventNames = eventClassNames('components');
  const classOf = new Map([...eventNames].map(([className, name]) => [name, className]));
  const rewritePaths = (value) => {
    if (Array.isArray(value)) value.forEach(rewritePaths);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'path' || key === 'module') && typeof inner === 'string') value[key] = toPackagePath(inner);
        else rewritePaths(inner);
      }
    }
  };
  const defaults = tokenDefaults();
  const isPublic = (member) => !member.privacy && !member.name.startsWith('#') && !member.static;
  return {
    name: 'teleservices-manifest',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          if (declaration.tagName) {
            // The element's own hooks come from its JSDoc; the shared tokens it reads are added here.
            const documented = new Set((declaration.cssProperties ?? []).map((property) => property.name));
            const tokens = [...tokensUsedBy(module.path.replace(/^\.?\//, ''))].filter((name) => defaults.has(name) && !documented.has(name)).sort();
            declaration.cssProperties = [
              ...(declaration.cssProperties ?? []),
              ...tokens.map((name) => ({ name, default: defaults.get(name), description: 'Design token shared by every element (components/styles/tokens.css); set it on an ancestor to theme.' })),
            ];
          }
          if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          if (!declaration.events) continue;
          // The analyzer also reports `dispatchEvent(new SomeEvent(…))` without a usable name: the
          // event class tells the name; the @fires line gives the description.
          const byName = new Map();
          for (const event of declaration.events) {
            const typeName = event.type?.text;
            const name = eventNames.get(typeName) ?? event.name;
            if (!name) continue;
            const known = byName.get(name) ?? { name };
            if (event.description) known.description = event.description;
            if (typeName && typeName !== 'Event') known.type = { text: typeName };
            else if (typeName && !known.type) known.type = { text: typeName };
            byName.set(name, known);
          }
          for (const event of byName.values()) {
            const eventClass = classOf.get(event.name);
            if (eventClass) event.type = { text: eventClass };
          }
          declaration.events = [...byName.values()];
        }
      }
      rewritePaths(customElementsManifest.modules);
    },
  };
}

export default {
  globs: ['components/*/*/*.ts', 'components/i18n/localized-element.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', 'components/testing/**', 'components/data/**', '**/*.styles.ts', '**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  dependencies: false,
  plugins: [teleservicesManifest()],
};
