import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundlePage, elementEntries, root, SERVICE_MODULES } from './page-bundle.mjs';

// A vendor's page is bundled from the sources as their bundler would bundle the package (ESM,
// code splitting, the package's `sideEffects`): what it loads at once is the entry chunk and the
// chunks it imports statically; chunks behind a dynamic import load only when asked for.

const otherServices = (modules: readonly string[]) =>
  modules.filter((module) => SERVICE_MODULES.ems.test(module) || SERVICE_MODULES.delegation.test(module));

/** Every custom element the sources define (testing helpers aside): tag → source file. */
function definedElements(): Map<string, string> {
  const elements = new Map<string, string>();
  for (const entry of readdirSync(join(root, 'components'), { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || /[\\/]testing[\\/]/.test(path)) continue;
    for (const match of readFileSync(path, 'utf8').matchAll(/@customElement\('([a-z0-9-]+)'\)|customElements\.define\('([a-z0-9-]+)'/g)) {
      elements.set(match[1] ?? match[2]!, path.slice(root.length).replace(/^[\\/]/, '').replaceAll('\\', '/'));
    }
  }
  return elements;
}

describe('package: one element per import, each service on its own', () => {
  it('a page with <teleservices-provider> and <contact-covid-patient-list> loads no EMS or delegation module', async () => {
    const page = await bundlePage(['teleservices-provider', 'contact-covid-patient-list']);
    assert.ok(page.eager.modules.includes('components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts'));
    assert.deepEqual(otherServices(page.eager.modules), [], `loaded at once by a Contact COVID page (${(page.eager.gzip / 1024).toFixed(1)} kB gzip)`);
  });

  // The elements import the domain module by module, never its barrel (domain/index.ts re-exports
  // the EMS and delegation domains): a page served as is, without tree shaking, stays as small.
  it('without a bundler too (import maps, a CDN): its static imports reach no EMS or delegation module', async () => {
    const page = await bundlePage(['teleservices-provider', 'contact-covid-patient-list']);
    assert.deepEqual(otherServices(page.unbundled), []);
  });

  it('loads the sign-in, account creation, reset, e-mail validation and the welcome only when the provider shows them', async () => {
    const page = await bundlePage(['teleservices-provider']);
    const onDemand = (module: string) => /^components\/account\/(account-sign-in|account-create|account-password-reset|account-email-validation|account-welcome|account-migration)\//.test(module);
    assert.deepEqual(page.eager.modules.filter(onDemand), []);
    assert.ok(page.lazy.modules.some((module) => module.startsWith('components/account/account-create/')));
    assert.ok(page.lazy.modules.includes('components/account/account-sign-in/account-sign-in.ts'), 'the sign-in, shown without a token, comes on demand');
  });

  it('loads neither the test storage, nor the replication, nor the validation at once on a list page', async () => {
    const page = await bundlePage(['teleservices-provider', 'contact-covid-patient-list']);
    const deferred = (module: string) => /rxdb\/dist\/esm\/(plugins\/storage-memory|plugins\/replication|replication-protocol\/(?!default-conflict-handler))|valibot|components\/data\/(replication\/collection-replication|fiches\/fiche-replication)\.ts|domain\/fiche\/fiche-schema\.ts/.test(module);
    assert.deepEqual(page.eager.modules.filter(deferred), []);
    assert.ok(page.lazy.modules.some((module) => module.includes('rxdb/dist/esm/plugins/storage-memory/')), 'the memory storage (tests, kiosks) on demand');
    assert.ok(page.lazy.modules.includes('components/data/replication/collection-replication.ts'), 'the replication, loaded while the database opens');
    assert.ok(page.lazy.modules.includes('domain/fiche/fiche-schema.ts'), 'the validation, loaded with the first save');
  });

  it('loads the English catalogues only when an element shows in English', async () => {
    const page = await bundlePage(['teleservices-provider', 'contact-covid-patient-list']);
    assert.deepEqual(page.eager.modules.filter((module) => module.endsWith('.messages.en.ts')), [], 'a French page loads no English');
    assert.ok(page.eager.modules.includes('components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.messages.ts'), 'its French, at once');
    assert.ok(page.lazy.modules.includes('components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.messages.en.ts'), 'its English, on demand');
  });

  it('loads valibot and a form’s schemas with its first send, never with the form', async () => {
    const forms = ['account-create', 'account-settings', 'delegation-invitation', 'delegation-create-form', 'delegation-dashboard', 'ems-inbox', 'ems-thread', 'insurer-contact-form', 'contact-covid-patient-form', 'contact-covid-contact-form'];
    for (const tag of forms) {
      const page = await bundlePage(['teleservices-provider', tag]);
      assert.deepEqual(page.eager.modules.filter((module) => module.includes('node_modules/valibot/')), [], `${tag} loads valibot at once`);
      assert.ok(page.lazy.modules.some((module) => module.includes('node_modules/valibot/')), `${tag}: valibot on demand`);
    }
  });

  it('sees a service when its element is imported (the check above is not blind)', async () => {
    const page = await bundlePage(['teleservices-provider', 'ems-inbox']);
    assert.ok(page.eager.modules.includes('components/data/ems/ems-feature.ts'));
    assert.ok(page.eager.modules.includes('domain/ems/ems-model.ts'));
    assert.ok(page.lazy.modules.includes('domain/ems/ems.ts'), 'its validation, loaded at the first send');
  });

  it('exports a subpath for every custom element, pointing at its module', () => {
    const exported = elementEntries();
    for (const [tag, source] of definedElements()) {
      assert.equal(exported[tag], `./dist/lib/${source.replace(/\.ts$/, '.js')}`, `package.json exports "./${tag}"`);
    }
    assert.deepEqual(Object.keys(exported).sort(), [...definedElements().keys()].sort());
  });

  it('keeps what registers itself (`sideEffects`): the barrel defines every element and every feature', async () => {
    const page = await bundlePage(['.']);
    const features = readdirSync(join(root, 'components', 'data'), { recursive: true }).map(String).filter((file) => file.endsWith('-feature.ts'));
    assert.ok(features.length >= 2);
    // The core features come with the runtime, which a session loads (on demand); the others register themselves from their module, loaded at once.
    const core = readFileSync(join(root, 'components', 'data', 'features', 'core-features.ts'), 'utf8');
    const isCore = (file: string) => core.includes(`'../${file}'`);
    for (const source of definedElements().values()) assert.ok(page.eager.modules.includes(source), `${source} is bundled by \`import 'teleservices'\``);
    for (const file of features.map((name) => name.replaceAll('\\', '/'))) {
      const modules = isCore(file) ? [...page.eager.modules, ...page.lazy.modules] : page.eager.modules;
      assert.ok(modules.includes(`components/data/${file}`), `components/data/${file} is bundled by \`import 'teleservices'\``);
    }
    assert.ok(features.some(isCore) && !features.every(isCore), 'core features and self-registering ones both checked');
  });
});
