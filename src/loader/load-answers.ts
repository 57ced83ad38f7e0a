import type { RunHere } from '../runner/data-lock';
import type { Runner } from '../runner/runner';
import type { JoinCoverage } from './import/coverage';

/*
 * What a load counts on its own tables for the Data page (run inside its lock, through runHere),
 * so the page does not count it again when the load is done.
 */

/** join_coverage on the tables the unqualified names resolve to (the batch, while it loads); null when it cannot run. */
export async function joinCoverage(runner: Runner, runHere: RunHere): Promise<JoinCoverage[] | null> {
  if (!runner.modelNames.includes('join_coverage')) return null;
  try {
    const res = await runHere('join_coverage');
    return res.status === 'ok' ? (res.rows as unknown as JoinCoverage[]) : null;
  } catch {
    return null;
  }
}

/**
 * The Data page's summary of the load (data_quality), counted before the load says it is done:
 * asked for by the page once it was, it was still running when the user opened the next page
 * (212–688 ms more at 1M order lines in the page's traces; a query once sent runs to its end).
 * Kept as the model's answer for the data it describes; if it cannot run, the page asks again.
 */
export async function keepQuality(runner: Runner, runHere: RunHere): Promise<void> {
  if (!runner.modelNames.includes('data_quality')) return;
  const quality = await runHere('data_quality').catch(() => null);
  if (quality?.status === 'ok') runner.keepAnswer('data_quality', {}, quality.rows);
}
