import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a host page's service worker needs to start offline, for the build tools that generate it
 * (Workbox: `workbox-build`, `vite-plugin-pwa`, `workbox-webpack-plugin`). Runs at build time, in
 * Node; nothing here goes into a page.
 */

/** A precache manifest entry, as Workbox takes them (`additionalManifestEntries`). */
export interface PrecacheEntry {
  readonly url: string;
  readonly revision: string;
}

/** The Workbox `generateSW` options that matter to the widgets (merge them into the host's own). */
export interface TeleservicesWorkboxOptions {
  readonly globPatterns: string[];
  readonly navigateFallback: string;
  readonly navigateFallbackDenylist: RegExp[];
  readonly runtimeCaching: [];
  readonly cleanupOutdatedCaches: true;
  readonly clientsClaim: true;
  readonly manifestTransforms: (<T extends { url: string }>(entries: T[]) => Promise<{ manifest: T[]; warnings: string[] }>)[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Precache the page and everything the bundler wrote for it (scripts, styles, fonts, icons), serve
 * navigations from the cached page when the network is gone, and never cache the sync server's
 * API: its answers (health data) and its tokens go to the network or fail, never to a cache.
 * `apiPrefix` is where the page reaches the API on its own origin (`/api/` behind a reverse proxy);
 * a sync server on another origin is never intercepted (no runtime route is registered).
 */
export function teleservicesWorkboxOptions({ apiPrefix = '/api/', page = 'index.html' }: { apiPrefix?: string; page?: string } = {}): TeleservicesWorkboxOptions {
  const api = new RegExp(`(^|/)${escapeRegExp(apiPrefix.replace(/^\//, ''))}`);
  return {
    globPatterns: ['**/*.{html,js,css,woff2,woff,ttf,otf,svg,png,ico}'],
    navigateFallback: page,
    navigateFallbackDenylist: [new RegExp(`^${escapeRegExp(apiPrefix)}`)],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    // The page that installed the worker is served by it at once, not only after a reload: the
    // parts it loads on demand (the validation at the first save, the account flows) come from the
    // precache when the network goes before the next visit. An update still waits for the user.
    clientsClaim: true,
    manifestTransforms: [async <T extends { url: string }>(entries: T[]) => ({ manifest: entries.filter((entry) => !api.test(entry.url)), warnings: [] })],
  };
}

/** The package's folder of modules: dist/lib/ when installed (this file is dist/lib/offline/precache.js). */
const libRoot = fileURLToPath(new URL('..', import.meta.url));
const importSpecifier = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+\.[jt]s)['"]/g;

function elementModule(tag: string): string {
  const components = join(libRoot, 'components');
  for (const group of readdirSync(components, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const extension of ['.js', '.ts']) {
      const file = join(components, group.name, tag, `${tag}${extension}`);
      if (existsSync(file)) return file;
    }
  }
  throw new Error(`teleservices: no element <${tag}> in ${components}`);
}

/**
 * The package's own files that the given elements load (their modules and every module they import,
 * statically or on demand, e.g. the provider's account forms), plus the default tokens style sheet:
 * for a host that serves the package's modules unbundled (an import map over `node_modules`).
 * `base` is the URL the host serves the package's `dist/lib/` folder under. Lit, RxDB and the other
 * dependencies are the host's to list, as it serves them. A host that bundles needs none of this:
 * its bundler's output holds exactly what its pages import, and `teleservicesWorkboxOptions()`
 * precaches that output.
 */
export function precacheEntriesFor(tags: readonly string[], { base }: { base: string }): PrecacheEntry[] {
  const reached = new Set<string>([join(libRoot, 'components', 'styles', 'tokens.css')].filter(existsSync));
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(importSpecifier)) visit(join(dirname(file), match[1]!));
  };
  for (const tag of tags) visit(elementModule(tag));
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return [...reached].sort().map((file) => ({
    url: `${prefix}${relative(libRoot, file).replaceAll('\\', '/')}`,
    revision: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16),
  }));
}
