import { BarChart } from './charts/BarChart';
import type { Row } from '../../engine/types';
import { formatCount, formatPercent } from '../format';
import { humanize } from '../labels';

const UNITS = 'Units returned';
const SELECTED = 'Units returned (selected)';

/**
 * Returned units per reason (returns_by_reason), in the model's order (most units first).
 * With `onSelect`, clicking a bar selects its reason (clicking it again clears); the selected
 * reason is drawn in the brand colour and the others in grey, so the chart keeps showing every
 * reason with the selection highlighted.
 */
export function ReasonsChart({ rows, selected = null, onSelect }: { rows: Row[]; selected?: string | null; onSelect?: (reason: string) => void }) {
  if (rows.length === 0) return <p className="text-tremor-default text-tremor-content">No returns in this selection.</p>;
  const data = rows.map((r) => {
    const isSel = selected !== null && String(r.reason) === selected;
    const units = r.units_returned as number;
    return {
      reason: typeof r.label === 'string' ? r.label : humanize(r.reason),
      code: String(r.reason),
      units,
      [UNITS]: isSel ? null : units,
      [SELECTED]: isSel ? units : null,
      share: r.share_of_units,
    };
  });
  const anySelected = selected !== null;
  return (
    <BarChart
      // Tremor keeps the clicked bar in its own state; remounting on every selection change
      // leaves the highlight to the view (URL) alone.
      key={selected ?? ''}
      // One 30px band per reason, so every reason gets its label (recharts skips crowded ones).
      style={{ height: `${Math.max(288, data.length * 30 + 40)}px` }}
      data={data}
      index="reason"
      categories={[UNITS, SELECTED]}
      colors={[anySelected ? 'slate' : 'blue', 'blue']}
      stack
      layout="vertical"
      yAxisWidth={150}
      valueFormatter={(v: number) => formatCount(v)}
      allowDecimals={false}
      showLegend={false}
      onValueChange={
        onSelect
          ? (v) => {
              const code = v && typeof v.code === 'string' ? v.code : null;
              // Tremor reports a second click on its active bar as null: with the remount above
              // there is no active bar, so a click always carries its reason.
              if (code) onSelect(code);
            }
          : undefined
      }
      customTooltip={({ payload, active }) => {
        const p = payload?.[0]?.payload as (typeof data)[number] | undefined;
        if (!active || !p) return null;
        return (
          <div className="rounded-tremor-default border border-tremor-border bg-tremor-background p-2 text-tremor-default shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown">
            <div className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{p.reason}</div>
            <div className="text-tremor-content dark:text-dark-tremor-content">
              {formatCount(p.units)} units · {formatPercent(p.share)} of returned units
            </div>
            {onSelect && (
              <div className="mt-1 text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle">
                {p.code === selected ? 'Click to clear the selection' : 'Click to filter the other charts'}
              </div>
            )}
          </div>
        );
      }}
    />
  );
}

/** Keyboard and screen-reader access to the same choice as clicking a bar. */
export function ReasonButtons({ rows, selected, onSelect }: { rows: Row[]; selected: string | null; onSelect: (reason: string) => void }) {
  if (rows.length === 0) return null;
  return (
    // Visually hidden until a keyboard user tabs into it (the chart is the visual way).
    <div className="sr-only mt-3 flex-wrap gap-1.5 focus-within:not-sr-only focus-within:flex" role="group" aria-label="Select a reason">
      {rows.map((r) => {
        const code = String(r.reason);
        const isSel = code === selected;
        return (
          <button
            key={code}
            type="button"
            aria-pressed={isSel}
            onClick={() => onSelect(code)}
            className={`rounded-full border px-2 py-0.5 text-tremor-label outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${
              isSel
                ? 'border-tremor-brand bg-tremor-brand text-tremor-brand-inverted dark:border-dark-tremor-brand dark:bg-dark-tremor-brand'
                : 'border-tremor-border text-tremor-content hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-content dark:hover:bg-dark-tremor-background-subtle'
            }`}
            data-testid="reason-select"
            data-value={code}
          >
            {typeof r.label === 'string' ? r.label : humanize(r.reason)}
          </button>
        );
      })}
    </div>
  );
}
