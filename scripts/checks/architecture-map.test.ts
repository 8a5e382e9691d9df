// ARCHITECTURE.md's folder map (the code block under "## Folders") against the repository's
// folders: every folder and file it names exists, and every folder of the first two levels
// (tracked or new, not ignored) has its line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const MAP_DOC = 'ARCHITECTURE.md';
/** Second-level folders the map may leave out: assets, not code. */
const UNMAPPED = new Set(['demo/public']);

interface MapEntry {
  readonly path: string;
  readonly folder: boolean;
  readonly line: number;
}

/**
 * The entries of the map: a line indented by 0, 2 or 4 spaces starts with a folder (`name/`, or
 * several on one line) or a file (`name.ext`, `.ci/run`), a child of the last folder one level up;
 * the rest of the line, and lines indented deeper, describe it.
 */
function mapEntries(markdown: string): MapEntry[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^## Folders\b/.test(line));
  assert.ok(start >= 0, `${MAP_DOC} has a "## Folders" section`);
  const open = lines.findIndex((line, index) => index > start && line.startsWith('```'));
  const close = lines.findIndex((line, index) => index > open && line.startsWith('```'));
  assert.ok(open > start && close > open, `${MAP_DOC}'s "## Folders" section has its map in a code block`);
  const entries: MapEntry[] = [];
  const parents: (string | null)[] = [];
  for (let index = open + 1; index < close; index++) {
    const text = lines[index]!;
    const indent = text.length - text.trimStart().length;
    if (text.trim() === '' || indent > 4 || indent % 2 !== 0) continue;
    const level = indent / 2;
    const tokens = text.trim().split(/\s+/);
    const firstWord = tokens.findIndex((token) => !token.endsWith('/'));
    const folders = tokens.slice(0, firstWord === -1 ? tokens.length : firstWord);
    const names = folders.length > 0 ? folders : [tokens[0]!];
    const parent = level === 0 ? '' : parents[level - 1];
    assert.ok(parent !== undefined && parent !== null, `${MAP_DOC} line ${index + 1}: "${text.trim()}" is indented under no single folder (indent a child by two spaces under its folder's own line)`);
    for (const name of names) {
      const path = `${parent ? `${parent}/` : ''}${name.replace(/\/$/, '')}`;
      entries.push({ path, folder: name.endsWith('/'), line: index + 1 });
    }
    parents[level] = names.length === 1 && names[0]!.endsWith('/') ? entries.at(-1)!.path : null;
    parents.length = level + 1;
  }
  return entries;
}

/** Folders of the first two levels that hold a file git tracks or would track (ignored ones aside). */
function repositoryFolders(): Set<string> {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const folders = new Set<string>();
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted, not yet committed
    const parts = file.split('/').slice(0, -1);
    for (let depth = 1; depth <= Math.min(2, parts.length); depth++) folders.add(parts.slice(0, depth).join('/'));
  }
  return folders;
}

test(`${MAP_DOC}'s folder map names existing folders and files, and every folder of the first two levels`, () => {
  const entries = mapEntries(readFileSync(join(ROOT, MAP_DOC), 'utf8'));
  const problems: string[] = [];
  for (const entry of entries) {
    const file = join(ROOT, entry.path);
    if (!existsSync(file)) problems.push(`  line ${entry.line}: \`${entry.path}${entry.folder ? '/' : ''}\` does not exist — rename or remove it in the map`);
    else if (statSync(file).isDirectory() !== entry.folder) problems.push(`  line ${entry.line}: \`${entry.path}\` is ${entry.folder ? 'a file: write it without the trailing /' : 'a folder: write it with a trailing /'}`);
  }
  const mapped = new Set(entries.flatMap((entry) => entry.path.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
  for (const folder of [...repositoryFolders()].sort()) {
    if (mapped.has(folder) || UNMAPPED.has(folder)) continue;
    const [top, child] = folder.split('/');
    problems.push(
      child
        ? `  \`${folder}/\` is missing: add a line \`  ${child}/   <what it holds>\` under \`${top}/\` (indented two spaces, in the "## Folders" block)`
        : `  \`${folder}/\` is missing: add a line \`${folder}/   <what it holds>\` at the top level of the "## Folders" block`,
    );
  }
  if (problems.length > 0) assert.fail(`${MAP_DOC}'s folder map and the folders differ:\n${problems.join('\n')}\n`);
});

test('the map is read as written: folders, several on a line, files, children two spaces in', () => {
  const entries = mapEntries(['## Folders', '```', 'a/     first', '  b/ c/   two', '  d/     one', '    e.ts   deep', '                 more words/ here', '.ci/run  ci', '```'].join('\n'));
  assert.deepEqual(entries.map((entry) => `${entry.path}${entry.folder ? '/' : ''}`), ['a/', 'a/b/', 'a/c/', 'a/d/', 'a/d/e.ts', '.ci/run']);
});
