import { formatPercent } from '../../format';
import { intervalGeometry } from './scale';

/**
 * One rate with its 95% interval on a shared 0..max scale, and the baseline it is judged
 * against as a vertical mark. A wide interval (few units sold) is visibly wide, so a high
 * rate on a tiny sample does not read like a sure thing. `significant` (the model's verdict:
 * even the low end is above the baseline) colours the interval.
 */
export function RateIntervalBar({
  rate,
  low,
  high,
  baseline,
  max,
  significant = false,
  baselineLabel = 'Baseline',
}: {
  rate: unknown;
  low: unknown;
  high: unknown;
  baseline?: unknown;
  max: number;
  significant?: boolean;
  baselineLabel?: string;
}) {
  const g = intervalGeometry(rate, low, high, baseline, max);
  const label =
    `Rate ${formatPercent(rate)}, 95% interval ${formatPercent(low)}–${formatPercent(high)}` +
    (g.baseline !== null ? `; ${baselineLabel.toLowerCase()} ${formatPercent(baseline)}` : '');
  return (
    // The inner box is inset so a mark at 0% or 100% is drawn whole, not cut at the cell edge.
    <div className="w-full min-w-[7rem] px-1.5" role="img" aria-label={label} title={label}>
      <div className="relative h-5">
        <div className="absolute inset-x-0 top-1/2 h-px bg-tremor-border dark:bg-dark-tremor-border" />
        {g.interval && (
          <div
            className={`absolute top-1/2 h-2.5 -translate-y-1/2 rounded-full ${
              significant ? 'bg-rose-200 dark:bg-rose-900' : 'bg-blue-200 dark:bg-blue-900'
            }`}
            style={{ left: `${g.interval.left}%`, width: `max(${g.interval.width}%, 2px)` }}
          />
        )}
        {g.baseline !== null && (
          <div
            className="absolute inset-y-0 w-0.5 -translate-x-1/2 bg-tremor-content-strong dark:bg-dark-tremor-content-emphasis"
            style={{ left: `${g.baseline}%` }}
          />
        )}
        {g.rate !== null && (
          <div
            className={`absolute top-1/2 h-3 w-3 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-tremor-background dark:border-dark-tremor-background ${
              significant ? 'bg-rose-600 dark:bg-rose-500' : 'bg-blue-600 dark:bg-blue-500'
            }`}
            style={{ left: `${g.rate}%` }}
          />
        )}
      </div>
    </div>
  );
}

/** The key to the interval bars, with the scale they share. */
export function IntervalLegend({ max, baselineLabel }: { max: number; baselineLabel: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
      <span className="flex items-center gap-1.5">
        <span className="inline-block h-3 w-3 rounded-full bg-blue-600 dark:bg-blue-500" /> unit return rate
      </span>
      <span className="flex items-center gap-1.5">
        <span className="inline-block h-2.5 w-6 rounded-full bg-blue-200 dark:bg-blue-900" /> 95% interval (wide = few units sold)
      </span>
      <span className="flex items-center gap-1.5">
        <span className="inline-block h-2.5 w-6 rounded-full bg-rose-200 dark:bg-rose-900" /> interval entirely above the {baselineLabel}
      </span>
      <span className="flex items-center gap-1.5">
        <span className="inline-block h-3 w-0.5 bg-tremor-content-strong dark:bg-dark-tremor-content-emphasis" /> {baselineLabel}
      </span>
      <span>scale 0–{formatPercent(max, undefined, 0)}</span>
    </div>
  );
}
