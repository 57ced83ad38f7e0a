import { FIRST_SCREEN, FIRST_SCREEN_BY_PAGE, filterIndexRequests, type ModelRequest } from '../runner/first-screen';
import type { Runner } from '../runner/runner';

/**
 * What the build answers for the demo data (src/build/demo-snapshot.ts): every page's default
 * view, and the Overview's filter indexes (one answer per model and filter dimension holding
 * every value), so a link filtering the Overview to one value shows without DuckDB too.
 */
export function buildAnswers(runner: Runner): ModelRequest[] {
  return [...FIRST_SCREEN, ...filterIndexRequests(FIRST_SCREEN_BY_PAGE.overview!, (m) => runner.byDims(m))];
}
