import type { Plugin } from 'vite';

/**
 * Files under /assets/ carry a hash of their content in their name (Vite's build): a changed
 * file gets a new name, so a browser may keep each one for good and never ask again. That is
 * what lets it keep DuckDB's 34 MB wasm, and the code compiled from it, across visits (Chromium
 * caches compiled WebAssembly only for responses it may reuse). index.html is not hashed and
 * stays `no-cache`, so a new build is picked up on the next open. The README's hosting section
 * gives the same header for other servers.
 */
export const HASHED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `vite preview` sends HASHED_ASSET_CACHE_CONTROL for /assets/ (it says `no-cache` for every file). */
export function immutableAssets(): Plugin {
  return {
    name: 'returns-insight:immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        // Set before the static file server answers: it keeps a header already set.
        if (req.url?.startsWith('/assets/')) res.setHeader('Cache-Control', HASHED_ASSET_CACHE_CONTROL);
        next();
      });
    },
  };
}
