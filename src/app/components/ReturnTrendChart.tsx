import { BarChart } from './charts/BarChart';
import type { Row } from '../../engine/types';
import { formatMonth, formatPercent, formatShortDay } from '../format';

const SETTLED = 'Unit return rate';
const MATURING = 'Maturing (returns still coming in)';

/**
 * Unit return rate per period (return_trend). Maturing periods go in a second, differently
 * coloured series: their rate is not final yet and would otherwise read as an improvement.
 */
export function ReturnTrendChart({ rows, grain }: { rows: Row[]; grain: 'month' | 'week' }) {
  if (rows.length === 0) return <p className="text-tremor-default text-tremor-content">No orders in this selection.</p>;
  const fmt = grain === 'month' ? formatMonth : formatShortDay;
  const data = rows.map((r) => {
    const label = r.period instanceof Date ? fmt(r.period) : String(r.period);
    const rate = typeof r.unit_return_rate === 'number' ? r.unit_return_rate : null;
    return { period: r.maturing === true ? `${label} *` : label, [SETTLED]: r.maturing === true ? null : rate, [MATURING]: r.maturing === true ? rate : null };
  });
  const anyMaturing = rows.some((r) => r.maturing === true);
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
      {anyMaturing && (
        <p className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          * Maturing: the return window of these orders is still open, so their rate will still rise.
        </p>
      )}
    </div>
  );
}
