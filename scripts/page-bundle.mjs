// Bundles a vendor's page that imports some of the package's entries, the way a vendor's bundler
// would (esbuild: ESM, code splitting, minified, the package's `sideEffects` honoured), and says
// what the page loads at once (the entry and the chunks it imports statically) and what only on
// demand (dynamic imports). Used by `npm run size` and by scripts/package-isolation.test.ts.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The package's subpaths that define a custom element (`./contact-covid-patient-list` …), tag → file in dist/lib. */
export function elementEntries() {
  return Object.fromEntries(
    Object.entries(packageJson.exports)
      .filter(([subpath, target]) => /^\.\/[a-z]+(-[a-z]+)+$/.test(subpath) && typeof target === 'object' && target.default.includes('/components/'))
      .map(([subpath, target]) => [subpath.slice(2), target.default]),
  );
}

/** `./dist/lib/components/x.js` (what the package ships) or `components/x.ts` (the sources). */
function fileOf(entry, from) {
  const target = entry === '.' ? packageJson.exports['.'].default : elementEntries()[entry];
  if (!target) throw new Error(`no package entry "${entry}"`);
  return from === 'package' ? join(root, target) : join(root, target.replace(/^\.\/dist\/lib\//, '').replace(/\.js$/, '.ts'));
}

/** A module's name as in the sources, whichever side was bundled: `components/ems/ems-inbox/ems-inbox.ts`. */
function moduleName(path) {
  return path.replace(/^dist\/lib\//, '').replace(/\.js$/, '.ts');
}

/**
 * @param {string[]} entries package entries the page imports: element tags, or '.' for the barrel
 * @param {{from?: 'source' | 'package'}} [options] bundle the sources (default) or dist/lib (after `npm run build:lib`)
 */
export async function bundlePage(entries, { from = 'source' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'teleservices-page-'));
  try {
    const page = join(dir, 'page.js');
    writeFileSync(page, entries.map((entry) => `import ${JSON.stringify(fileOf(entry, from))};`).join('\n') + '\n');
    const result = await build({
      entryPoints: [page],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      metafile: true,
      write: false,
      outdir: join(dir, 'out'),
      absWorkingDir: root,
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'silent',
    });
    const contents = new Map(result.outputFiles.map((file) => [relative(root, file.path), file.contents]));
    const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
    // Dynamically imported modules are entry points too: the page's own is the one bundled from page.js.
    const entry = outputs.find(([, output]) => output.entryPoint === relative(root, page))?.[0];
    // What the page loads at once: the entry chunk and, transitively, what it imports statically.
    const withStaticImports = (names) => {
      const loaded = new Set();
      const visit = (name) => {
        if (loaded.has(name)) return;
        loaded.add(name);
        for (const imported of result.metafile.outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
      };
      names.forEach(visit);
      return loaded;
    };
    const eager = withStaticImports([entry]);
    const chunks = outputs.map(([name, output]) => {
      const bytes = contents.get(name);
      return {
        name: relative(join(relative(root, dir), 'out'), name),
        eager: eager.has(name),
        bytes: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        modules: Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => moduleName(path)),
        /** Each module's minified bytes in this chunk (what the bundle analysis reads). */
        moduleBytes: Object.fromEntries(Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path, input]) => [moduleName(path), input.bytesInOutput])),
      };
    });
    // What the page has loaded once the modules `dynamic` name were imported on demand (with what
    // they import statically), on top of what it loads at once: e.g. the data layer of a session.
    const loadedWith = (dynamic) => {
      const starts = outputs.filter(([, output]) => output.entryPoint && dynamic.includes(moduleName(output.entryPoint))).map(([name]) => name);
      const missing = dynamic.filter((module) => !outputs.some(([, output]) => output.entryPoint && moduleName(output.entryPoint) === module));
      if (missing.length > 0) throw new Error(`not imported on demand by this page: ${missing.join(', ')}`);
      const names = withStaticImports([entry, ...starts]);
      return sum(chunks.filter((chunk) => names.has(join(relative(root, dir), 'out', chunk.name))));
    };
    const sum = (list) => ({
      bytes: list.reduce((total, chunk) => total + chunk.bytes, 0),
      gzip: list.reduce((total, chunk) => total + chunk.gzip, 0),
      modules: [...new Set(list.flatMap((chunk) => chunk.modules))].sort(),
    });
    // Without a bundler (import maps, a CDN): every module reachable by static imports loads,
    // tree-shaking and `sideEffects` aside.
    const reachable = new Set();
    const walk = (path) => {
      if (reachable.has(path)) return;
      reachable.add(path);
      for (const imported of result.metafile.inputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) walk(imported.path);
    };
    walk(relative(root, page));
    const unbundled = [...reachable].filter((path) => !path.includes('node_modules/') && path !== relative(root, page)).map(moduleName).sort();
    return { chunks, eager: sum(chunks.filter((chunk) => chunk.eager)), lazy: sum(chunks.filter((chunk) => !chunk.eager)), unbundled, loadedWith };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Modules of one service that a page without its elements must not load. */
export const SERVICE_MODULES = {
  ems: /^(components\/ems\/|components\/data\/ems\/|domain\/ems\/)/,
  delegation: /^(components\/delegation\/|components\/data\/delegations\/|domain\/delegation\/)/,
};
