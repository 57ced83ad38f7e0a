import type { Row } from '../../engine/types';
import { formatCount } from '../format';
import type { ViewState, ViewPatch } from '../view/types';
import { ViewLink } from './ViewLink';

/**
 * Says, above a page's money figures, that order lines in another currency without a rate are
 * left out of them (kpis.money_lines_excluded for the same filters), and links to the Data
 * page where the reporting currency and rates are set. Renders nothing when none are left out.
 */
export function MoneyScopeNote({ kpis, view, setView }: { kpis: Row | undefined; view: ViewState; setView: (patch: ViewPatch) => void }) {
  const n = kpis?.money_lines_excluded;
  if (typeof n !== 'number' || n <= 0) return null;
  const codes = typeof kpis?.money_currencies_excluded === 'string' ? kpis.money_currencies_excluded : 'other currencies';
  const reporting = typeof kpis?.currency === 'string' ? kpis.currency : 'the reporting currency';
  const dataView: ViewState = { ...view, page: 'data', params: {}, drill: null };
  return (
    <p
      role="note"
      className="rounded-tremor-default border border-amber-300 bg-amber-50 px-4 py-3 text-tremor-default text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      data-testid="money-scope-note"
    >
      Money figures exclude {formatCount(n)} order {n === 1 ? 'line' : 'lines'} in {codes} (and their returns): they are not in{' '}
      {reporting} and no rate was given. They still count in orders, units and return rates.{' '}
      <ViewLink view={dataView} setView={setView} className="font-medium underline">
        Choose the reporting currency or enter a rate on the Data page →
      </ViewLink>
    </p>
  );
}
