/**
 * Errors from DuckDB's worker carry the worker's minified stack; the UI shows the message, so
 * keep only its first few non-empty lines (the error and the "LINE n: ..." pointer), shortened.
 */
export function cleanError(e: unknown): Error {
  const raw = e instanceof Error ? e.message : String(e);
  const lines = raw
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .map((l) => (l.length > 300 ? `${l.slice(0, 299)}…` : l));
  return new Error(lines.length > 0 ? lines.join('\n') : 'Unknown database error');
}
