import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the page's first download holds: the modules src/main.tsx reaches by static imports
 * (`import type` and `import()` excluded: types vanish, dynamic imports are chunks of their own).
 * DuckDB's bindings, Arrow, parquet-wasm and the loader are fetched when the database is wanted
 * (src/app/session/start.ts) or a file is loaded. A static import from the app frame pulled them
 * all in once (the update note read the loader's state through the loader: 244 → 321 kB gzipped)
 * and no test noticed, because the bench's limit (400 kB) still held.
 */
const SRC = path.resolve(__dirname, '../../src');
const STATIC = /^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)'|^import\s+'([^']+)'/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of ['.ts', '.tsx', '/index.ts', '/index.tsx']) if (existsSync(base + ext)) return base + ext;
  return null;
}

/** Whether an import clause names only types (`{ type A, type B }`): it is erased. */
function typesOnly(clause: string | undefined): boolean {
  const names = /^\{([^}]*)\}$/.exec(clause?.trim() ?? '')?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
  return names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type '));
}

/** Every module and package src/main.tsx reaches by static imports. */
function firstDownload(): { modules: Set<string>; packages: Set<string> } {
  const start = path.join(SRC, 'main.tsx');
  const modules = new Set([start]);
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC)) {
      if (typesOnly(m[1])) continue;
      const spec = m[2] ?? m[3]!;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const target = resolve(file, spec);
      if (target && !modules.has(target)) {
        modules.add(target);
        queue.push(target);
      }
    }
  }
  return { modules, packages };
}

describe('the first download', () => {
  const { modules, packages } = firstDownload();
  const rel = [...modules].map((m) => path.relative(SRC, m));

  it('reaches the app frame (the walk follows imports)', () => {
    expect(rel).toContain('app/App.tsx');
    expect(rel).toContain('app/storage/AppUpdateNote.tsx');
    expect(rel).toContain('app/loading/load-state.ts');
    expect(packages).toContain('react');
  });

  it('holds neither the database, Arrow, parquet-wasm nor the loader', () => {
    const heavy = [...packages].filter((p) => /^(@duckdb\/|apache-arrow|parquet-wasm|@e965\/xlsx)/.test(p));
    expect(heavy).toEqual([]);
    const loader = rel.filter((m) => m.startsWith('engine/browser') || m.startsWith('engine/opfs') || m === 'loader/replace-data.ts' || m === 'app/loading/load-store.ts');
    expect(loader).toEqual([]);
  });
});
