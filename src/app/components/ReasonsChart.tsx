import { BarChart } from '@tremor/react';
import type { Row } from '../../engine/types';
import { formatCount, formatPercent } from '../format';
import { humanize } from '../labels';

/** Returned units per reason (returns_by_reason), in the model's order (most units first). */
export function ReasonsChart({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="text-tremor-default text-tremor-content">No returns in this selection.</p>;
  const data = rows.map((r) => ({
    reason: typeof r.label === 'string' ? r.label : humanize(r.reason),
    'Units returned': r.units_returned as number,
    share: r.share_of_units,
  }));
  return (
    <BarChart
      // One 30px band per reason, so every reason gets its label (recharts skips crowded ones).
      style={{ height: `${Math.max(288, data.length * 30 + 40)}px` }}
      data={data}
      index="reason"
      categories={['Units returned']}
      colors={['blue']}
      layout="vertical"
      yAxisWidth={150}
      valueFormatter={(v: number) => formatCount(v)}
      showLegend={false}
      customTooltip={({ payload, active }) => {
        const p = payload?.[0]?.payload as (typeof data)[number] | undefined;
        if (!active || !p) return null;
        return (
          <div className="rounded-tremor-default border border-tremor-border bg-tremor-background p-2 text-tremor-default shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown">
            <div className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{p.reason}</div>
            <div className="text-tremor-content dark:text-dark-tremor-content">
              {formatCount(p['Units returned'])} units · {formatPercent(p.share)} of returned units
            </div>
          </div>
        );
      }}
    />
  );
}
