import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { teleservicesWorkboxOptions } from './offline/precache.ts';

const demoPort = Number(process.env['DEMO_PORT'] ?? 5173);
const syncServerPort = Number(process.env['PORT'] ?? 8787);
const proxy = { '/api': { target: `http://127.0.0.1:${syncServerPort}`, changeOrigin: true } };

/**
 * The demo host page (demo/). `/api` is proxied to the sync server so the page talks to it
 * same-origin, as it will when a practice-management product embeds the widgets.
 *
 * Its production build (`vite build`, served by `npm run demo`) is an installable web app: a
 * Workbox service worker (vite-plugin-pwa) precaches the page and everything it loads, serves the
 * page when the network is gone, and never caches `/api` (the package's own recipe,
 * offline/precache.ts). A new version waits for the user's « Recharger » (demo/demo-update.ts).
 * `npm run dev` has no service worker: hot reload stays as it is.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  plugins: [
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeManifestIcons: false,
      manifest: {
        name: 'Logiciel de cabinet — démo teleservices',
        short_name: 'Cabinet démo',
        description: 'Les téléservices de l’Assurance Maladie dans un logiciel de cabinet, en ligne et hors ligne.',
        lang: 'fr',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#eef0f3',
        theme_color: '#2d3e50',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: { ...teleservicesWorkboxOptions({ apiPrefix: '/api/' }), maximumFileSizeToCacheInBytes: 5 * 1024 * 1024 },
    }),
  ],
  server: {
    host: '127.0.0.1',
    port: demoPort,
    strictPort: true,
    proxy,
  },
  preview: {
    host: '127.0.0.1',
    port: demoPort,
    strictPort: true,
    proxy,
  },
  // Pre-bundle every entry point of RxDB (and its peers) together on the first start: discovered
  // one by one, Vite re-optimizes mid-session and the page can end up with two copies of RxDB's
  // core, whose plugins (local documents, leader election) then miss the database.
  optimizeDeps: {
    include: [
      'rxdb',
      'rxdb/plugins/storage-dexie',
      'rxdb/plugins/storage-memory',
      'rxdb/plugins/replication',
      'rxdb/plugins/leader-election',
      'rxdb/plugins/local-documents',
      'dexie',
      'rxjs',
      'lit',
      'lit/decorators.js',
      'lit/directives/if-defined.js',
      '@lit/context',
      'valibot',
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/demo', import.meta.url)),
    emptyOutDir: true,
  },
});
