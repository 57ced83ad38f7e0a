import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Everything the bench writes: results, the cached data, its own build (gitignored: test-artifacts/). */
export const BENCH_DIR = path.join(ROOT, 'test-artifacts', 'bench');
export const BUILD_DIR = path.join(BENCH_DIR, 'dist');
