import type { RunHere } from '../runner/data-lock';
import type { ModelRequest } from '../runner/first-screen';
import type { Runner } from '../runner/runner';
import type { JoinCoverage } from './import/coverage';

/*
 * What a load counts on its own tables for the page (run inside its lock, through runHere): the
 * Data page's coverage and summary, and the answers its caller asks for ahead (the page: the
 * Overview's first screen), so the page does not count them again when the load is done.
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
 * Answers the load gives before it says it is done, on the tables it has just made (inside its
 * lock, through runHere), each kept as the model's answer for this data; a request that cannot
 * run is left for the page to ask again. Always the Data page's summary of the load
 * (data_quality): asked for by the page once the load was done, it was still running when the
 * user opened the next page (212–688 ms more at 1M order lines in the page's traces; a query
 * once sent runs to its end). Then the caller's `ahead` (ReplaceOptions.answerAhead).
 */
export async function keepAnswersAhead(runner: Runner, runHere: RunHere, ahead: readonly ModelRequest[] = []): Promise<void> {
  for (const [model, params] of [['data_quality', {}] as const, ...ahead]) {
    if (!runner.modelNames.includes(model)) continue;
    const answer = await runHere(model, params).catch(() => null);
    if (answer?.status === 'ok') runner.keepAnswer(model, params, answer.rows);
  }
}
