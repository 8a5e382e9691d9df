// The packages' files (no tests, testing helpers, stories or demo in either):
// `npm run build:lib` (the widgets package's `prepack`), package `teleservices`:
//   dist/lib/   one ES module + .d.ts per source module of components/, domain/ and offline/
//               (tsc with tsconfig.lib.json: `.ts` specifiers rewritten to `.js`), and the CSS of
//               components/styles/ (tokens, themes)
//   custom-elements.json   from the elements' JSDoc (custom-elements-manifest.config.mjs)
// `npm run build:server` (`node scripts/build-lib.mjs server`, the server package's `prepack`),
// package `teleservices-sync-server`:
//   sync-server/dist/   one ES module + .d.ts per source module of sync-server/ and of domain/
//               (tsc with tsconfig.server.json): dist/sync-server/, dist/domain/
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = process.argv[2] === 'server';
const label = server ? 'build:server' : 'build:lib';
const out = server ? join(root, 'sync-server', 'dist') : join(root, 'dist', 'lib');
const require = createRequire(import.meta.url);
const started = performance.now();

/** A dependency's folder, even when its `exports` hide package.json. */
function packageDir(name) {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  throw new Error(`${name} is not installed (npm install)`);
}

function run(step, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[${label}] ${step} failed`);
    process.exit(result.status ?? 1);
  }
}

function filesUnder(dir, suffix) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

rmSync(out, { recursive: true, force: true });

// 1. JavaScript and declarations.
run('tsc', [join(packageDir('typescript'), 'bin', 'tsc'), '-p', server ? 'tsconfig.server.json' : 'tsconfig.lib.json']);

// 2. Declarations keep the sources' `.ts` specifiers; point them at the emitted files (`.js`), which
//    every TypeScript version and `moduleResolution` resolves to the `.d.ts` next to them.
const relativeTs = /((?:from|import|declare module)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g;
for (const file of filesUnder(out, '.d.ts')) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(relativeTs, '$1$2.js$3');
  if (rewritten !== text) writeFileSync(file, rewritten);
}

// 2b. A declaration keeps only the imports its types need, so an element's .d.ts drops the import of
//     its `.events` module — and with it that module's `declare global` (HTMLElementEventMap: typed
//     `addEventListener('patient-open-request', …)`) or `declare module` (services a feature adds).
//     Bring those augmenting modules back as type-only side-effect imports.
const augments = (file) => existsSync(file) && /^declare (global|module)\b/m.test(readFileSync(file, 'utf8'));
for (const file of filesUnder(out, '.d.ts')) {
  const source = join(root, relative(out, file)).replace(/\.d\.ts$/, '.ts');
  if (!existsSync(source)) continue;
  const declaration = readFileSync(file, 'utf8');
  if (!/^(import|export)\b/m.test(declaration)) continue; // a script declaration stays one
  const missing = [...readFileSync(source, 'utf8').matchAll(/^(?:import|export)\s[^;]*?['"](\.{1,2}\/[^'"]+)\.ts['"]/gm)]
    .map((match) => match[1])
    .filter((specifier) => !declaration.includes(`'${specifier}.js'`) && augments(join(file, '..', `${specifier}.d.ts`)));
  if (missing.length > 0) writeFileSync(file, `${declaration}${[...new Set(missing)].map((specifier) => `import '${specifier}.js';\n`).join('')}`);
}

// 3. Nothing dev-only may have slipped in through an import.
const devOnly = [...filesUnder(out, '.js'), ...filesUnder(out, '.d.ts')].filter((file) => /(^|[\\/])testing[\\/]|\.test\.|\.stories\./.test(relative(out, file)));
if (devOnly.length > 0) {
  console.error(`[${label}] dev-only modules in the package (imported by shipped code?):\n  ${devOnly.map((f) => relative(root, f)).join('\n  ')}`);
  process.exit(1);
}

if (!server) {
  // 4. Style sheets (tokens.css, themes/*.css).
  const styles = join(root, 'components', 'styles');
  for (const file of filesUnder(styles, '.css')) {
    cpSync(file, join(out, 'components', 'styles', relative(styles, file)), { recursive: true });
  }

  // 5. custom-elements.json.
  run('custom-elements-manifest analyzer', [join(packageDir('@custom-elements-manifest/analyzer'), 'cem.js'), 'analyze', '--quiet']);
  if (!existsSync(join(root, 'custom-elements.json'))) {
    console.error(`[${label}] custom-elements.json was not written`);
    process.exit(1);
  }
}

const modules = filesUnder(out, '.js').length;
console.log(`[${label}] ${modules} modules in ${relative(root, out)}/${server ? '' : ' and custom-elements.json'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
