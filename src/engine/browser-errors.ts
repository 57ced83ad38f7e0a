/**
 * Errors from DuckDB's worker carry the worker's minified stack; the UI shows the message, so
 * keep only its first few non-empty lines (the error and the "LINE n: ..." pointer), shortened.
 */
export function cleanError(e: unknown): Error {
  const raw = e instanceof Error ? e.message : String(e);
  if (OUT_OF_MEMORY.test(raw)) return new Error(OUT_OF_MEMORY_MESSAGE);
  const lines = raw
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .map((l) => (l.length > 300 ? `${l.slice(0, 299)}…` : l));
  return new Error(lines.length > 0 ? lines.join('\n') : 'Unknown database error');
}

// DuckDB's own "Out of Memory Error", and what the wasm runtime says when its 4 GiB are gone.
const OUT_OF_MEMORY = /out of memory|memory access out of bounds|cannot enlarge memory|could not allocate/i;
export const OUT_OF_MEMORY_MESSAGE =
  'The database in this page ran out of memory (a browser tab can give it at most 4 GB, and it cannot ' +
  'spill to disk). Use smaller files, or the command line with --engine native for data this large ' +
  '(see the README). If the page stops answering, reload it.';
