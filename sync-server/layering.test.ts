import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Cross-cutting code is used by the features, never the other way round: the server-wide folders
 * (delegated sessions, request bodies, authentication, replication, storage…) import no
 * collection's or service's folder. A feature plugs into them through `CollectionModule`
 * (`collection-module.ts`); only the composition roots (`app.ts`, `db/` with its demo seed,
 * `testing/`) know every feature.
 */
const SERVER = dirname(fileURLToPath(import.meta.url));
const GENERIC = ['access', 'auth', 'http', 'middleware', 'outbox', 'replication', 'storage', 'collection-module.ts', 'http-errors.ts', 'i18n.ts', 'session-events.ts', 'config.ts'];
const FEATURES = ['fiches', 'delegations', 'ems', 'insurer-contact', 'accounts'];

const sources = (path: string): string[] =>
  path.endsWith('.ts')
    ? [path]
    : readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

const specifiers = (source: string): string[] => [...source.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((match) => match[1]!);

/** The feature folder a file belongs to, if any. */
const featureOf = (file: string): string | null => {
  const [top] = relative(SERVER, file).split(sep);
  return FEATURES.includes(top!) ? top! : null;
};

describe('the sync server’s layering', () => {
  it('has every folder it names (a renamed folder must be named here again)', () => {
    for (const name of [...GENERIC, ...FEATURES]) assert.ok(existsSync(join(SERVER, name)), `sync-server/${name} is gone: update layering.test.ts`);
  });

  it('keeps server-wide code free of any feature: features use it, never the reverse', () => {
    const offences = GENERIC.flatMap((name) => sources(join(SERVER, name))).flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => featureOf(target) !== null)
        .map((target) => `${relative(SERVER, file)} imports ${relative(SERVER, target)}`),
    );
    assert.deepEqual(offences, []);
  });

  it('finds an import of a feature where there is one (the check itself works)', () => {
    const seed = join(SERVER, 'db', 'seed-demo-fiches.ts');
    const targets = specifiers(readFileSync(seed, 'utf8')).map((specifier) => featureOf(resolve(dirname(seed), specifier)));
    assert.ok(targets.includes('fiches'), 'the demo seed writes files through the fiches store');
  });
});
