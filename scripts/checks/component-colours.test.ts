// The widgets take every colour from the design tokens, so that a host page themes them
// without forking: no colour literal in the components' sources outside the token files.
// (components/styles/theming.test.ts checks the same on the styles the elements adopt.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', 'components');

/** Where colour literals belong, or are deliberate. */
const ALLOWED = new Map([
  ['styles/tokens.ts', 'the tokens’ default values'],
  ['styles/tokens.css', 'the tokens’ default values'],
  ['styles/themes/contrast.css', 'a theme: its values'],
  ['contact-covid/contact-covid-patient-file/paper-contact-form.ts', 'a sheet printed in black on white paper, whatever the screen’s theme'],
]);

const COLOUR = /(?<![\w.&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b(?![\w(])|\b(?:rgba?|hsla?|hwb|oklch|oklab)\(/g;

test('no colour literal in the components outside the token files', () => {
  const sources = readdirSync(ROOT, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'));
  assert.ok(sources.length > 50, `only ${sources.length} sources found under ${ROOT}`);
  const found = sources
    .filter((path) => !ALLOWED.has(path))
    .flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => [...line.matchAll(COLOUR)].map((match) => `${path}:${index + 1}: ${match[0]}`)),
    );
  assert.deepEqual(found, []);
});
