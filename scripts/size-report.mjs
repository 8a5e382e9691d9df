// `npm run size`: what a vendor's page costs, per element. For each element of the package, a page
// that imports only that element and the provider (every page needs it) is bundled the way a
// vendor's bundler would (esbuild, ESM, code splitting, minified, the package's `sideEffects`
// honoured); the table gives what the page loads at once, minified and gzipped, what it adds to
// the provider alone, what it may load later (dynamic imports), and which other services' modules
// it loads at once (there should be none). Then issue 16's goals: provider + list at once (and with
// every on-demand chunk: the data layer among them), and what each further element adds
// to a page that already has them; and what a signed-in list page downloads until it shows its
// first files (at once + the data layer), with the heaviest parts of that data layer.
//
//   npm run size                 builds the package (npm run build:lib) and bundles dist/lib
//   npm run size -- --source     bundles the sources instead, without building
import { spawnSync } from 'node:child_process';
import { bundlePage, elementEntries, root, SERVICE_MODULES } from './page-bundle.mjs';

const from = process.argv.includes('--source') ? 'source' : 'package';
if (from === 'package') {
  const built = spawnSync(process.execPath, ['scripts/build-lib.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const PROVIDER = 'teleservices-provider';
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
/** The element's own service (its modules are expected on its page). */
const serviceOf = (tag) => Object.keys(SERVICE_MODULES).find((service) => tag.startsWith(service));

const started = performance.now();
const provider = await bundlePage([PROVIDER], { from });
const rows = [['page imports', 'at once (min)', 'at once (gzip)', '+ over provider (gzip)', 'on demand (min / gzip)', 'other services loaded at once']];
const leaked = new Set();
const leaksOf = (result, own) => {
  if (own === 'all') return '(all of them)';
  const found = Object.entries(SERVICE_MODULES)
    .filter(([service]) => service !== own)
    .map(([service, pattern]) => [service, result.eager.modules.filter((module) => pattern.test(module))])
    .filter(([, modules]) => modules.length > 0);
  for (const [, modules] of found) for (const module of modules) leaked.add(module);
  return found.map(([service, modules]) => (modules.length === 1 ? modules[0] : `${service}: ${modules.length} modules`)).join(', ') || 'none';
};
const row = (label, result, own) => [
  label,
  kB(result.eager.bytes),
  kB(result.eager.gzip),
  label === PROVIDER ? '—' : `+${kB(result.eager.gzip - provider.eager.gzip)}`,
  result.lazy.bytes > 0 ? `${kB(result.lazy.bytes)} / ${kB(result.lazy.gzip)}` : '—',
  leaksOf(result, own),
];

const unbundledLeaks = new Set();
const collectUnbundled = (result, own) => {
  for (const [service, pattern] of Object.entries(SERVICE_MODULES)) if (service !== own) result.unbundled.filter((module) => pattern.test(module)).forEach((module) => unbundledLeaks.add(module));
};
rows.push(row(PROVIDER, provider, undefined));
collectUnbundled(provider, undefined);
for (const tag of Object.keys(elementEntries())) {
  if (tag === PROVIDER) continue;
  const page = await bundlePage([PROVIDER, tag], { from });
  rows.push(row(tag, page, serviceOf(tag)));
  collectUnbundled(page, serviceOf(tag));
}
rows.push(row('. (every element)', await bundlePage(['.'], { from }), 'all'));

const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(`\nPage = <teleservices-provider> + one element, bundled from ${from === 'package' ? 'dist/lib (the package)' : 'the sources'}; esbuild minified, gzip -9; "on demand" = chunks behind dynamic imports.\n`);
console.log(line(rows[0]));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const cells of rows.slice(1)) console.log(line(cells));
if (leaked.size > 0) console.log(`\nModules of another service loaded at once:\n  ${[...leaked].sort().join('\n  ')}`);
if (unbundledLeaks.size > 0) console.log(`\nWithout a bundler (every static import loads), pages also load:\n  ${[...unbundledLeaks].sort().join('\n  ')}`);

const LIST = 'contact-covid-patient-list';
const base = await bundlePage([PROVIDER, LIST], { from });
// A signed-in page shows its first files once the data layer is there: the runtime and the
// database (RxDB, Dexie, the features' collections), the replication started while it opens.
// Not counted: the sign-in and account flows, the memory storage, the validation (first save).
const DATA_LAYER = ['components/data/teleservices-runtime.ts', 'components/data/database.ts', 'components/data/replication/replication-start.ts'];
const firstFiles = base.loadedWith(DATA_LAYER);
console.log(`\nProvider + ${LIST}: ${kB(base.eager.gzip)} gzip at once (goal ≤ 110 kB); with every on-demand chunk ${kB(base.eager.gzip + base.lazy.gzip)}.`);
console.log(`Until the first files of a signed-in list (at once + the data layer loaded after the first render: ${DATA_LAYER.map((module) => module.replace(/^.*\//, '')).join(', ')} and what they import): ${kB(firstFiles.gzip)} gzip (goal 110 kB).`);
const heaviest = new Map();
for (const chunk of base.chunks) {
  for (const [module, bytes] of Object.entries(chunk.moduleBytes)) {
    if (!firstFiles.modules.includes(module) || base.eager.modules.includes(module)) continue;
    const name = module.includes('node_modules/') ? module.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : module.split('/').slice(0, 3).join('/');
    heaviest.set(name, (heaviest.get(name) ?? 0) + bytes);
  }
}
console.log(`  the data layer's heaviest parts (minified): ${[...heaviest].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, bytes]) => `${name} ${kB(bytes)}`).join(', ')}`);
const further = [];
for (const tag of Object.keys(elementEntries())) {
  if (tag === PROVIDER || tag === LIST) continue;
  const page = await bundlePage([PROVIDER, LIST, tag], { from });
  further.push(`${tag} +${kB(page.eager.gzip - base.eager.gzip)}`);
}
console.log(`Each further element on that page, at once (goal ≤ 12 kB):\n  ${further.join('\n  ')}`);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
