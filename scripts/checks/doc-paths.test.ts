// The guides name files and link to each other: every file they name in code (`data/session/session.ts`,
// written from the repository's root or from any folder above it) is a file of the repository, and
// every relative link leads to a file. A file moved or renamed without its mention fails here,
// with the line to change.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const GUIDES = ['README.md', 'ARCHITECTURE.md', 'INTEGRATING.md', 'sync-server/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
/** Written by the build, not kept in the repository. */
const GENERATED = new Set(['custom-elements.json']);
const SOURCE_PATH = /^[\w@][\w.@/-]*\.(?:ts|mts|mjs|js|md|css|json|html)$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && existsSync(join(ROOT, file)));

/** A file named in code: a path from the root, or the end of one (`auth/sessions.ts` in the server's section). */
const named = (path: string) => files.some((file) => file === path || file.endsWith(`/${path}`));

/** What a guide names that is not there, line by line. */
function staleMentions(guide: string, markdown: string): string[] {
  const problems: string[] = [];
  markdown.split('\n').forEach((line, index) => {
    const where = `${guide}:${index + 1}`;
    for (const [, span] of line.matchAll(/`([^`\s]+)`/g)) {
      const path = span!.replace(/^\.\//, '');
      if (!SOURCE_PATH.test(path) || GENERATED.has(path) || path.startsWith('teleservices/') || path.startsWith('dist/')) continue;
      if (!named(path)) problems.push(`  ${where} names \`${span}\`, which is no file of the repository (nor the end of one's path): write its new path, or remove it`);
    }
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const path = target!.replace(/#.*$/, '');
      if (path === '' || /^[a-z]+:/i.test(path)) continue;
      const file = join(ROOT, dirname(guide), path);
      if (!existsSync(file)) problems.push(`  ${where} links to \`${target}\` (${relative(ROOT, file)}), which does not exist: fix the link`);
    }
  });
  return problems;
}

test('the guides name files that exist and link to files that exist', () => {
  assert.ok(GUIDES.includes('docs/API.md') && named('sync-server/app.ts'), 'the guides and the files are read (the check is not blind)');
  const problems = GUIDES.flatMap((guide) => staleMentions(guide, readFileSync(join(ROOT, guide), 'utf8')));
  if (problems.length > 0) assert.fail(`files named in the guides are gone:\n${problems.join('\n')}\n`);
});

test('a mention of a moved file, or a broken link, is found', () => {
  assert.deepEqual(staleMentions('ARCHITECTURE.md', 'the hub (`replication/change-hub.ts`), `fiches/gone.ts`, `<tag>.ts`, `.d.ts`, [guide](INTEGRATING.md#1) [x](docs/NONE.md)').length, 2);
});
