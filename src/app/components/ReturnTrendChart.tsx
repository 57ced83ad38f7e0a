import { BarChart } from './charts/BarChart';
import type { Row } from '../../engine/types';
import { formatCount, formatDate, formatMonth, formatPercent } from '../format';

const SETTLED = 'Unit return rate';
const MATURING = 'Maturing (returns still coming in)';

/**
 * Unit return rate per period (return_trend). Maturing periods go in a second, differently
 * coloured series: their rate is not final yet and would otherwise read as an improvement.
 */
export function ReturnTrendChart({ rows, grain }: { rows: Row[]; grain: 'month' | 'week' }) {
  if (rows.length === 0) return <p className="text-tremor-default text-tremor-content">No orders in this selection.</p>;
  // weeks are named by their Monday, in the one date format
  const fmt = grain === 'month' ? formatMonth : formatDate;
  const data = rows.map((r) => {
    const label = r.period instanceof Date ? fmt(r.period) : String(r.period);
    const rate = typeof r.unit_return_rate === 'number' ? r.unit_return_rate : null;
    return { period: r.maturing === true ? `${label} *` : label, [SETTLED]: r.maturing === true ? null : rate, [MATURING]: r.maturing === true ? rate : null };
  });
  const anyMaturing = rows.some((r) => r.maturing === true);
  // Returns with no known order dated before the first order period: not a month of their own.
  const earlier = typeof rows[0]?.earlier_returns === 'number' ? rows[0].earlier_returns : 0;
  return (
    <div>
      <BarChart
        className="h-72"
        data={data}
        index="period"
        categories={[SETTLED, MATURING]}
        colors={['blue', 'amber']}
        stack
        valueFormatter={(v: number) => formatPercent(v)}
        yAxisWidth={56}
        showLegend={anyMaturing}
      />
      {earlier > 0 && (
        <p className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="trend-earlier-returns">
          The chart starts at the first order {grain}. {formatCount(earlier)} {earlier === 1 ? 'return' : 'returns'} with no known order, dated
          before it, {earlier === 1 ? 'is' : 'are'} not drawn (the drill-down and exports list {earlier === 1 ? 'it' : 'them'}).
        </p>
      )}
      {anyMaturing && (
        <p className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          * Maturing: the return window of these orders is still open, so their rate will still rise.
        </p>
      )}
    </div>
  );
}
