import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const demoPort = Number(process.env['DEMO_PORT'] ?? 5173);
const syncServerPort = Number(process.env['PORT'] ?? 8787);
const proxy = { '/api': { target: `http://127.0.0.1:${syncServerPort}`, changeOrigin: true } };

/**
 * The demo host page (demo/). `/api` is proxied to the sync server so the page talks to it
 * same-origin, as it will when a practice-management product embeds the widgets.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
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
