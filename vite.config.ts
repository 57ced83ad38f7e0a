import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server injects React Refresh's preamble as an inline <script>, which the strict CSP
 * of index.html forbids. Relax script-src in dev only; `vite build` keeps the strict policy.
 */
function devCspRelax(): Plugin {
  return {
    name: 'returns-insight:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    },
  };
}

export default defineConfig({
  plugins: [react(), devCspRelax()],
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
  server: { fs: { allow: [root] } },
});
