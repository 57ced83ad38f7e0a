import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { offlinePlugin } from './src/build/offline-plugin';
import { contentSecurityPolicy, securityHeaders } from './src/build/security-headers';
import { immutableAssets } from './src/build/cache-headers';
import { demoDatabase } from './src/build/demo-database-plugin';
import { cachedStep } from './src/build/step-cache';
import { buildTimeModule } from './src/build/virtual-module';
import { PAGES_FILTERED_AHEAD } from './src/runner/first-screen';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Content-Security-Policy as a <meta> tag first in <head> (src/build/security-headers.ts
 * holds the one definition; the servers below send it as headers too). The dev server's
 * React Refresh preamble is an inline <script>, so dev relaxes script-src; a build never does.
 */
function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'returns-insight:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true, dev }) }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * `virtual:demo-snapshot`: the demo data's first screen answered at build time by the same SQL
 * on the same engine (src/build/demo-snapshot.ts, run in Node), as a JSON text in its own
 * chunk; the page shows it while DuckDB starts. `virtual:demo-presets`: the Overview under each
 * date preset, in another chunk, fetched only by a link with a preset. `virtual:demo-filters-<page>`:
 * that page filtered to one value of one dimension, a chunk per page (src/app/session/demo-answers.ts
 * imports them by name). They are computed once per state of the sources (src/build/step-cache.ts).
 * The dev server has none
 * (null): the page then waits for DuckDB, as it does for any other data.
 */
function demoSnapshots(): Plugin[] {
  type Made = { first: string; presets: string; pages: Record<string, string> };
  let made: Made | null = null;
  const json = () => {
    const dir = cachedStep('demo-snapshot', (out) =>
      writeFileSync(`${out}/snapshots.json`, execFileSync(process.execPath, ['--import', 'tsx', `${root}src/build/demo-snapshot.ts`], { cwd: root, maxBuffer: 64 << 20 })),
    );
    return readFileSync(`${dir}/snapshots.json`, 'utf8');
  };
  const snapshots = () => (made ??= JSON.parse(json()) as Made);
  return [
    buildTimeModule('virtual:demo-snapshot', 'returns-insight:demo-snapshot', () => `export default ${JSON.stringify(snapshots().first)};`),
    buildTimeModule('virtual:demo-presets', 'returns-insight:demo-presets', () => `export default ${JSON.stringify(snapshots().presets)};`),
    ...PAGES_FILTERED_AHEAD.map((page) =>
      buildTimeModule(`virtual:demo-filters-${page}`, `returns-insight:demo-filters-${page}`, () => `export default ${JSON.stringify(snapshots().pages[page] ?? null)};`),
    ),
  ];
}

export default defineConfig({
  // dist/sw.js caches the whole build for offline use (README "Installing it and using it
  // offline"); VITE_OFFLINE=off builds a page that registers none and a sw.js that removes itself.
  plugins: [react(), cspMeta(), ...demoSnapshots(), demoDatabase(), immutableAssets(), offlinePlugin({ enabled: process.env.VITE_OFFLINE !== 'off' })],
  // Pre-bundling would copy these packages without their .wasm/.worker files next to them.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Never inline data or wasm as data: URLs; they are fetched from this origin as files.
    assetsInlineLimit: (file) => (/\.(csv|tsv|parquet|json|wasm)$/i.test(file) ? false : undefined),
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Tremor's modules have no side effects but do not say so: without this, importing a Card
      // pulls its BarChart (and recharts) into the first chunk, and the lazy chart chunk
      // (src/app/components/charts/BarChart.tsx) saves nothing.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@tremor[\\/]react[\\/]/.test(id) },
    },
  },
  // Every response carries the policy as headers, DuckDB's worker script included: a worker
  // takes its CSP from its own response, so without them nothing stopped it reaching another host.
  server: { fs: { allow: [root] }, headers: securityHeaders({ dev: true }) },
  preview: { headers: securityHeaders() },
});
