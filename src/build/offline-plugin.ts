import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * dist/sw.js: src/build/service-worker.ts bundled as its own chunk, with this build's file list
 * and version written into it. The list is every file the build emits (Vite's chunks and assets,
 * the DuckDB wasm and demo files among them, and index.html) plus public/ (manifest, icons),
 * so a file added anywhere is cached without editing a list. The version is a hash of every
 * file's name and content: any change makes a new sw.js, which browsers install as an update.
 *
 * `enabled: false` (VITE_OFFLINE=off) still writes sw.js, as the worker that removes itself:
 * browsers that installed an earlier build then drop it on their next open.
 */
const WORKER = fileURLToPath(new URL('./service-worker.ts', import.meta.url));
const OUT = 'sw.js';
const PLACEHOLDER = /(["'`])__RETURNS_INSIGHT_PRECACHE__\1/g;

/** What the worker caches (written into sw.js). */
export interface Precache {
  /** sha-256 of every file's name and content: the cache's name, and what makes sw.js change. */
  version: string;
  /** Files whose name carries their content hash (Vite's output under assets/), from the scope. */
  hashed: string[];
  /** Files whose name stays the same across builds (index.html, manifest, icons). */
  plain: string[];
}

/** Files under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** What the worker caches, from the files of one build: name → content. */
export function precacheOf(emitted: Map<string, Uint8Array | string>, publicFiles: Map<string, Uint8Array>, assetsDir: string): Precache {
  const all = new Map<string, Uint8Array | string>([...publicFiles, ...emitted]);
  // Source maps are for debugging, not for running; a host's _headers file is not served.
  const names = [...all.keys()].filter((f) => f !== OUT && !f.endsWith('.map') && f !== '_headers').sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update('\0').update(all.get(name)!).update('\0');
  const hashed = names.filter((f) => emitted.has(f) && f.startsWith(`${assetsDir}/`));
  return { version: hash.digest('hex').slice(0, 16), hashed, plain: names.filter((f) => !hashed.includes(f)) };
}

export function offlinePlugin(options: { enabled: boolean }): Plugin {
  let publicDir = '';
  let assetsDir = 'assets';
  return {
    name: 'returns-insight:offline',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
      assetsDir = config.build.assetsDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: WORKER, fileName: OUT });
    },
    generateBundle: {
      order: 'post',
      handler(_output, bundle) {
        const worker = bundle[OUT];
        if (worker?.type !== 'chunk') throw new Error(`${OUT} was not built`);
        const emitted = new Map(Object.values(bundle).map((f) => [f.fileName, f.type === 'chunk' ? f.code : f.source] as const));
        const publicFiles = new Map(filesUnder(publicDir).map((f) => [f, readFileSync(path.join(publicDir, f))] as const));
        const precache = options.enabled ? precacheOf(emitted, publicFiles, assetsDir) : null;
        // A string literal holding the JSON, which the worker parses (see service-worker.ts).
        const code = worker.code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(precache)));
        if (code === worker.code) throw new Error(`${OUT}: the file list's placeholder is missing`);
        worker.code = code;
      },
    },
  };
}
