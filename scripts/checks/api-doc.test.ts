// docs/API.md is the sync server's HTTP reference: its table names every route that createApp()
// mounts, and no route that it does not. A row's first cell holds its routes as code spans,
// `METHOD /api/path` (a query string after `?` and the body in a code span of its own are allowed).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApp } from '../../sync-server/app.ts';
import { createTempDatabase } from '../../sync-server/testing/temp-database.ts';

const API_DOC = join(import.meta.dirname, '..', '..', 'docs', 'API.md');
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL) (\/\S*)$/;

/** `METHOD /path` of every route the first cells of docs/API.md's tables name. */
function documentedRoutes(markdown: string): Set<string> {
  const routes = new Set<string>();
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ')) continue;
    const firstCell = line.slice(2).split(/(?<!\\)\|/)[0]!;
    for (const [, span] of firstCell.matchAll(/`([^`]+)`/g)) {
      const match = ROUTE.exec(span!.replace(/\?.*$/, ''));
      if (match) routes.add(`${match[1]} ${match[2]}`);
    }
  }
  return routes;
}

/** `METHOD /path` of every handler the app mounts (middleware — `app.use`, a path ending in `*` — aside). */
function mountedRoutes(): Set<string> {
  const temp = createTempDatabase();
  after(() => temp.dispose());
  // Every optional route switched on: the demo's mailbox (DEMO_MAILBOX) is documented too.
  const app = createApp({ db: temp.db, demoMailbox: true });
  return new Set(app.routes.filter((route) => !(route.method === 'ALL' && route.path.endsWith('*'))).map((route) => `${route.method} ${route.path}`));
}

test('docs/API.md names every route createApp() mounts, and only those', () => {
  const documented = documentedRoutes(readFileSync(API_DOC, 'utf8'));
  const mounted = mountedRoutes();
  assert.ok(mounted.has('GET /api/health') && mounted.size > 20, 'the app mounts its routes (the check is not blind)');
  const undocumented = [...mounted].filter((route) => !documented.has(route));
  const gone = [...documented].filter((route) => !mounted.has(route));
  const advice = [
    ...undocumented.map((route) => `  add to docs/API.md's table a row (or a code span in a row's first cell) \`${route}\` — createApp() mounts it`),
    ...gone.map((route) => `  remove \`${route}\` from docs/API.md (or fix its method/path) — createApp() mounts no such route`),
  ];
  if (advice.length > 0) assert.fail(`docs/API.md and the routes differ:\n${advice.join('\n')}\n`);
});

test('the check reads a row as the table writes it', () => {
  const routes = documentedRoutes('| route | what |\n| --- | --- |\n| `POST /api/a` `{x}` · `GET /api/b?c=1` | `GET /api/not-a-route` \\| cell two |\n');
  assert.deepEqual([...routes], ['POST /api/a', 'GET /api/b']);
});
