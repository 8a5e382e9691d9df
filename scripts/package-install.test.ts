import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The repository's two packages as their users get them: `npm pack`, then the tarball installed in
// an empty project as `npm install` would.
// - `teleservices`, the widgets (the repository's root): a vendor's front-end project. The install
//   runs the install scripts, as a vendor's does, and finds none to run: nothing native, no server.
//   The per-element subpaths resolve to files with their declarations, an element imports, a
//   TypeScript page type-checks against them, custom-elements.json describes the elements.
// - `teleservices-sync-server` (sync-server/): the server with its bin, started with plain node.
//   better-sqlite3 builds from source here (~1 min): that install skips install scripts and reuses
//   the native addon this repository built when the versions match. PACKAGE_TEST_FULL_INSTALL=1
//   runs the install scripts instead, as an operator's install does.

const root = fileURLToPath(new URL('..', import.meta.url));
interface PackageJson {
  name: string;
  version?: string;
  exports: Record<string, string | { types: string; default: string }>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  gypfile?: boolean;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
const repoPackage = readJson(join(root, 'package.json'));
const serverPackage = readJson(join(root, 'sync-server', 'package.json'));
const fullInstall = process.env['PACKAGE_TEST_FULL_INSTALL'] === '1';
/** What runs the server and must never reach a front-end project. */
const SERVER_ONLY = ['better-sqlite3', 'pg', 'hono', '@hono/node-server', 'nodemailer', 'openid-client', serverPackage.name];

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** `npm pack` (its `prepack` builds), the tarball's files, and an empty project that installs it. */
function packAndInstall(work: string, workspace: string | null, installArgs: readonly string[]): { tarballFiles: string[]; project: string } {
  const packed = join(work, 'tarball');
  mkdirSync(packed, { recursive: true });
  run('npm', ['pack', ...(workspace ? ['--workspace', workspace] : []), '--pack-destination', packed, '--silent'], root);
  const tarball = readdirSync(packed).find((file) => file.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  const tarballFiles = run('tar', ['-tzf', join(packed, tarball)], work).stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vendor-project', private: true, type: 'module' }));
  run('npm', ['install', join(packed, tarball), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...installArgs], project);
  return { tarballFiles, project };
}

/** Every package installed in a project (scoped and nested ones included): its folder → its package.json. */
function installedPackages(project: string): Map<string, PackageJson> {
  const packages = new Map<string, PackageJson>();
  const walk = (modules: string) => {
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const folders = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name)) : [join(modules, entry)];
      for (const folder of folders) {
        if (existsSync(join(folder, 'package.json'))) packages.set(folder, readJson(join(folder, 'package.json')));
        if (existsSync(join(folder, 'node_modules'))) walk(join(folder, 'node_modules'));
      }
    }
  };
  walk(join(project, 'node_modules'));
  return packages;
}

/** A module of types only: what tsc emits for it, comments aside, is `export {};`. */
const typesOnly = (code: string) => code.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '').trim() === 'export {};';

/**
 * The modules reached from a package's entries (exports and bin) through relative imports, and
 * those of types only (an interface's module emits an empty `export {};`, imported by no code).
 */
function reachedModules(installed: string, manifest: PackageJson): Set<string> {
  const reached = new Set<string>();
  for (const file of readdirSync(installed, { recursive: true }).map(String)) {
    if (file.endsWith('.js') && typesOnly(readFileSync(join(installed, file), 'utf8'))) reached.add(file.replaceAll('\\', '/'));
  }
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const match of readFileSync(join(installed, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+\.js)['"]/g)) {
      visit(join(file, '..', match[1]!).replaceAll('\\', '/'));
    }
  };
  const entries = [...Object.values(manifest.exports), ...Object.values(manifest.bin ?? {})].flatMap((target) => {
    const file = typeof target === 'string' ? target : target.default;
    return file.endsWith('.js') ? [file.replace(/^\.\//, '')] : [];
  });
  entries.forEach(visit);
  return reached;
}

let work = '';
let project = '';
let installed = '';
let tarballFiles: string[] = [];

describe('package teleservices (the widgets): npm pack, installed in a vendor\'s front-end project', { timeout: 240_000 }, () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'teleservices-pack-'));
    // The vendor's install as it is: install scripts allowed (there must be none to run).
    ({ tarballFiles, project } = packAndInstall(work, null, []));
    installed = join(project, 'node_modules', repoPackage.name);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs nothing native and nothing of the server: no better-sqlite3, Hono, nodemailer…, no install script', () => {
    const packages = installedPackages(project);
    assert.ok([...packages.values()].some((manifest) => manifest.name === 'lit') && packages.size > 20, 'the install is read (the check is not blind)');
    const server = [...packages.values()].filter((manifest) => SERVER_ONLY.includes(manifest.name)).map((manifest) => manifest.name);
    assert.deepEqual(server, [], 'what runs the server is its own package (teleservices-sync-server)');
    const scripted = [...packages].filter(([folder, manifest]) => ['preinstall', 'install', 'postinstall'].some((script) => manifest.scripts?.[script]) || manifest.gypfile || existsSync(join(folder, 'binding.gyp')));
    assert.deepEqual(scripted.map(([, manifest]) => manifest.name), [], 'no package runs an install script or builds a native addon');
    const addons = readdirSync(join(project, 'node_modules'), { recursive: true }).map(String).filter((path) => path.endsWith('.node'));
    assert.deepEqual(addons, [], 'no native addon');
    assert.equal(readJson(join(installed, 'package.json')).bin, undefined, 'the widgets bring no command');
  });

  it('imports an element, which defines its tag (Node, with Lit\'s DOM shim)', () => {
    const script = `
      await import('${repoPackage.name}/contact-covid-patient-list');
      console.log(JSON.stringify(customElements.get('contact-covid-patient-list')?.name ?? null));`;
    assert.equal(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project).stdout), 'ContactCovidPatientList');
  });

  it('ships the built modules, declarations and manifest — no sources, tests, testing helpers or stories', () => {
    assert.ok(tarballFiles.includes('custom-elements.json'));
    assert.ok(tarballFiles.includes('dist/lib/components/index.js'));
    assert.ok(tarballFiles.includes('dist/lib/components/styles/tokens.css'));
    // Each element's README, where the guide (INTEGRATING.md, shipped too) sends the vendor.
    assert.ok(tarballFiles.includes('INTEGRATING.md'));
    assert.ok(tarballFiles.includes('components/contact-covid/contact-covid-patient-list/README.md'));
    assert.deepEqual(tarballFiles.filter((file) => file.startsWith('components/') && !file.endsWith('README.md')), [], 'only the READMEs of the sources');
    const unwanted = tarballFiles.filter((file) => /(^|\/)testing\/|\.test\.|\.stories\.|(^|\/)(stories|demo|bench|scripts|\.storybook)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')));
    assert.deepEqual(unwanted, []);
    assert.deepEqual(tarballFiles.filter((file) => file.includes('sync-server')), [], 'the server is its own package');
  });

  it('ships no module that its entries do not reach (nothing dev-only left over)', () => {
    const reached = reachedModules(installed, repoPackage);
    assert.deepEqual(tarballFiles.filter((file) => file.endsWith('.js') && !reached.has(file)), []);
  });

  it('resolves every element subpath (teleservices/contact-covid-patient-list …) to a module with its .d.ts', () => {
    const subpaths = Object.keys(repoPackage.exports).filter((subpath) => /^\.\/[a-z]+(-[a-z]+)+$/.test(subpath));
    assert.ok(subpaths.includes('./contact-covid-patient-list'));
    const specifiers = ['', ...subpaths.map((subpath) => subpath.slice(1)), '/domain', '/offline'].map((suffix) => `${repoPackage.name}${suffix}`);
    const resolved = JSON.parse(
      run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`], project).stdout,
    ) as string[];
    for (const [index, url] of resolved.entries()) {
      const file = fileURLToPath(url);
      assert.ok(file.startsWith(installed), `${specifiers[index]} → ${file}`);
      assert.ok(existsSync(file), `${specifiers[index]} → ${file} exists`);
      assert.ok(existsSync(file.replace(/\.js$/, '.d.ts')), `${specifiers[index]} has its declarations`);
    }
    // `teleservices/<tag>.js` (how SPEC §7 and the guide write it) is the same module as `teleservices/<tag>`.
    const withExtension = subpaths.map((subpath) => `${repoPackage.name}${subpath.slice(1)}.js`);
    const aliases = JSON.parse(
      run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(${JSON.stringify(withExtension)}.map((s) => import.meta.resolve(s))))`], project).stdout,
    ) as string[];
    assert.deepEqual(aliases, resolved.slice(1, subpaths.length + 1));
    for (const sheet of ['styles/tokens.css', 'styles/themes/contrast.css']) {
      const file = fileURLToPath(JSON.parse(run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(import.meta.resolve('${repoPackage.name}/${sheet}')))`], project).stdout) as string);
      assert.match(readFileSync(file, 'utf8'), /--ts-/, sheet);
    }
  });

  it('type-checks a page that imports one element and listens to its events', () => {
    writeFileSync(
      join(project, 'page.ts'),
      [
        `import '${repoPackage.name}/teleservices-provider.js';`,
        `import '${repoPackage.name}/contact-covid-patient-list';`,
        `import type { ContactCovidPatientList } from '${repoPackage.name}/contact-covid-patient-list';`,
        `import type { TeleservicesProvider } from '${repoPackage.name}/teleservices-provider';`,
        `const list: ContactCovidPatientList = document.createElement('contact-covid-patient-list');`,
        `list.addEventListener('patient-open-request', (event) => console.log(event.detail.id, event.detail.kind));`,
        `const provider: TeleservicesProvider | null = document.querySelector('teleservices-provider');`,
        `if (provider) provider.server = 'https://teleservices.example.fr';`,
        `provider?.addEventListener('session-started', (event) => console.log(event.detail.userId));`,
        // Listening on the document, as the guide suggests: the events are typed there too.
        `document.addEventListener('sync-status-changed', (event) => console.log(event.detail.pending));`,
        `window.addEventListener('patient-open-request', (event) => console.log(event.detail.kind));`,
        `document.body.append(list);`,
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [module, moduleResolution] of [['esnext', 'bundler'], ['nodenext', 'nodenext']] as const) {
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'es2022', module, moduleResolution, lib: ['es2023', 'dom', 'dom.iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['page.ts'] }),
      );
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    }
  });

  it('describes every element in custom-elements.json (tag, module in the package, events, parts)', () => {
    const installedPackage = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { customElements: string };
    const manifest = JSON.parse(readFileSync(join(installed, installedPackage.customElements), 'utf8')) as {
      modules: { path: string; declarations?: { tagName?: string; customElement?: boolean; summary?: string; events?: { name: string }[] }[] }[];
    };
    const elements = new Map(manifest.modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => [declaration.tagName!, { module: module.path, declaration }] as const)));
    for (const [subpath, target] of Object.entries(repoPackage.exports)) {
      if (typeof target !== 'object' || !target.default.includes('/components/') || subpath === '.') continue;
      if (subpath.endsWith('.js')) continue; // `./<tag>.js`, the same module as `./<tag>` (checked above)
      const tag = subpath.slice(2);
      const element = elements.get(tag);
      assert.ok(element, `custom-elements.json lists <${tag}>`);
      assert.equal(`./${element.module}`, target.default, `<${tag}>'s module is the one the package exports`);
      assert.ok(existsSync(join(installed, element.module)));
      assert.ok(element.declaration.summary, `<${tag}> has a @summary`);
    }
    assert.ok(elements.get('contact-covid-patient-list')!.declaration.events!.some((event) => event.name === 'patient-open-request'));
  });

  it("bundles as the vendor's bundler would: `import 'teleservices'` keeps every element and feature (`sideEffects`)", async () => {
    const result = await build({
      stdin: { contents: `import '${repoPackage.name}';`, resolveDir: project, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      outdir: join(work, 'bundle'),
      absWorkingDir: project,
      logLevel: 'silent',
    });
    const bundled = new Set(Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path)));
    const modules = [...Object.values(repoPackage.exports)].flatMap((target) => (typeof target === 'object' && target.default.includes('/components/') && !target.default.endsWith('/index.js') ? [target.default] : []));
    for (const module of [...modules, './dist/lib/components/data/ems/ems-feature.js', './dist/lib/components/data/delegations/delegation-feature.js']) {
      const path = `node_modules/${repoPackage.name}/${module.slice(2)}`;
      assert.ok([...bundled].some((file) => file.replaceAll('\\', '/').endsWith(path)), `${module} is in the bundle`);
    }
  });

  it("gives a host's service worker the files of the elements it uses (`teleservices/offline`), and never the API", () => {
    const script = `
      import { precacheEntriesFor, teleservicesWorkboxOptions } from '${repoPackage.name}/offline';
      const entries = precacheEntriesFor(['contact-covid-patient-list'], { base: '/vendor/teleservices/' });
      const options = teleservicesWorkboxOptions({ apiPrefix: '/api/' });
      const kept = (await options.manifestTransforms[0]([{ url: 'index.html', revision: '1' }, { url: 'api/auth/session', revision: '1' }])).manifest.map((e) => e.url);
      console.log(JSON.stringify({ entries, kept, denied: options.navigateFallbackDenylist.map((r) => r.test('/api/auth/session')), page: options.navigateFallbackDenylist.some((r) => r.test('/patients')), runtime: options.runtimeCaching }));`;
    const { entries, kept, denied, page, runtime } = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project).stdout) as {
      entries: { url: string; revision: string }[];
      kept: string[];
      denied: boolean[];
      page: boolean;
      runtime: unknown[];
    };
    const urls = entries.map((entry) => entry.url);
    for (const needed of ['components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.js', 'components/styles/tokens.css', 'domain/i18n/index.js']) {
      assert.ok(urls.includes(`/vendor/teleservices/${needed}`), `${needed} is listed`);
    }
    assert.ok(!urls.some((url) => /ems-inbox|delegation-dashboard|sync-server/.test(url)), 'nothing of an element the page does not use, nor the server');
    for (const { url, revision } of entries) {
      assert.ok(existsSync(join(installed, 'dist', 'lib', url.replace('/vendor/teleservices/', ''))), `${url} is a file of the package`);
      assert.match(revision, /^[0-9a-f]{16}$/);
    }
    assert.deepEqual(kept, ['index.html'], 'an API path is dropped from the precache');
    assert.deepEqual(denied, [true], 'no navigation fallback for the API');
    assert.equal(page, false, 'the page answers its own navigations');
    assert.deepEqual(runtime, [], 'no runtime caching');
  });

  it('installs a single copy of Dexie (two copies throw at run time)', () => {
    const copies = readdirSync(join(project, 'node_modules'), { recursive: true }).map(String).filter((path) => /(^|[\\/])dexie[\\/]package\.json$/.test(path));
    assert.deepEqual(copies, [join('dexie', 'package.json')]);
  });

});

describe('package teleservices-sync-server: npm pack, installed where the server runs', { timeout: 240_000 }, () => {
  let serverWork = '';
  let serverProject = '';
  let serverInstalled = '';
  let serverFiles: string[] = [];

  before(() => {
    serverWork = mkdtempSync(join(tmpdir(), 'teleservices-server-pack-'));
    ({ tarballFiles: serverFiles, project: serverProject } = packAndInstall(serverWork, 'sync-server', fullInstall ? [] : ['--ignore-scripts']));
    serverInstalled = join(serverProject, 'node_modules', serverPackage.name);
    if (!fullInstall) {
      const addon = join('build', 'Release', 'better_sqlite3.node');
      const version = (dir: string) => readJson(join(dir, 'package.json')).version;
      const ours = join(root, 'node_modules', 'better-sqlite3');
      const theirs = join(serverProject, 'node_modules', 'better-sqlite3');
      assert.equal(version(theirs), version(ours), 'the package installs the better-sqlite3 this repository uses');
      cpSync(join(ours, addon), join(theirs, addon));
    }
  });

  after(() => {
    if (serverWork) rmSync(serverWork, { recursive: true, force: true });
  });

  it('ships the server and the domain modules it uses, built — no sources, tests, testing helpers, nor the widgets', () => {
    assert.ok(serverFiles.includes('dist/sync-server/index.js'));
    assert.ok(serverFiles.includes('dist/sync-server/server.d.ts'));
    assert.ok(serverFiles.some((file) => file.startsWith('dist/domain/')), 'the shared domain, compiled in');
    const unwanted = serverFiles.filter((file) => /(^|\/)testing\/|\.test\.|(^|\/)components\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')));
    assert.deepEqual(unwanted, []);
    const reached = reachedModules(serverInstalled, serverPackage);
    assert.deepEqual(serverFiles.filter((file) => file.endsWith('.js') && !reached.has(file)), [], 'every module is reached from the bin or the entry');
    const dependencies = Object.keys(readJson(join(serverInstalled, 'package.json')).dependencies ?? {});
    for (const name of ['better-sqlite3', 'hono', '@hono/node-server', 'nodemailer', 'valibot']) assert.ok(dependencies.includes(name), `depends on ${name}`);
    assert.ok(!dependencies.some((name) => ['lit', 'rxdb', 'dexie'].includes(name)), 'nothing of the widgets');
    assert.equal(serverPackage.dependencies?.['valibot'], repoPackage.dependencies?.['valibot'], 'the domain runs on the same valibot in both packages');
  });

  it('starts with `npx teleservices-sync-server` on a new SQLite file, answers /api/health, stops on SIGTERM', async () => {
    const bin = Object.keys(serverPackage.bin ?? {})[0]!;
    assert.equal(bin, 'teleservices-sync-server');
    const database = join(serverWork, 'bin-data', 'teleservices.sqlite');
    // Its own process group: SIGTERM goes to npx and to the server it started (npx does not pass it on).
    const child = spawn('npx', ['--offline', bin], {
      cwd: serverProject,
      detached: true,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE: database, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening on" within 30 s:\n${output}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code}:\n${output}`));
        });
      });
      const response = await fetch(`${url}/api/health`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { status: string }).status, 'ok');
    } finally {
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        // Its output closes when the server (npx's child, which holds it too) has exited.
        await once(child, 'close');
      }
    }
    assert.match(output, /stopped/, output);
    assert.ok(existsSync(database));
  });

  it(`starts from code (\`import { startSyncServer } from '${serverPackage.name}'\`)`, () => {
    const script = `
      import { startSyncServer } from '${serverPackage.name}';
      const server = await startSyncServer({ config: { port: 0, host: '127.0.0.1', databasePath: ${JSON.stringify(join(serverWork, 'code-data', 'db.sqlite'))} }, log: () => {} });
      const health = await (await fetch(server.url + '/api/health')).json();
      await server.close();
      console.log(JSON.stringify(health));`;
    const result = run(process.execPath, ['--input-type=module', '-e', script], serverProject);
    assert.equal((JSON.parse(result.stdout) as { status: string }).status, 'ok');
  });
});
