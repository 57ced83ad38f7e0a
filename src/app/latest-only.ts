/**
 * A request counter: each new request supersedes the earlier ones, whose results are dropped
 * when they arrive (queries cannot be interrupted inside DuckDB's worker, and a slow old answer
 * must never overwrite a newer one).
 */
export function createRequestCounter(): { start: () => { isLatest: () => boolean }; cancelAll: () => void } {
  let latest = 0;
  return {
    start() {
      const id = ++latest;
      return { isLatest: () => id === latest };
    },
    cancelAll() {
      latest++;
    },
  };
}
