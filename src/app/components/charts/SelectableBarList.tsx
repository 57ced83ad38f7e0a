import type { ReactNode } from 'react';
import { toPercentOfScale } from './scale';

export interface BarItem {
  /** The value a click selects (a SKU, a reason code, a carrier). */
  key: string;
  label: ReactNode;
  /** Drawn length; null draws no bar (e.g. a rate without sales). */
  value: number | null;
  /** The formatted value shown at the end of the row. */
  display: string;
  /** A second, quieter line of detail under the value. */
  detail?: string;
  /** Shown on hover. */
  title?: string;
}

const BAR_COLORS = {
  blue: 'bg-blue-500 dark:bg-blue-500',
  rose: 'bg-rose-500 dark:bg-rose-500',
  amber: 'bg-amber-500 dark:bg-amber-500',
  emerald: 'bg-emerald-500 dark:bg-emerald-500',
  violet: 'bg-violet-500 dark:bg-violet-500',
  cyan: 'bg-cyan-500 dark:bg-cyan-500',
} as const;
export type BarColor = keyof typeof BAR_COLORS;

/**
 * Horizontal bars that are buttons: clicking one selects its value (cross-filter), clicking the
 * selected one clears it. The list keeps every value; the selected one is outlined and the
 * others fade, so the selection is visible in the chart that made it. Items are drawn in the
 * order given (the model's order). `max` is the end of the shared scale (see niceMax).
 */
export function SelectableBarList({
  items,
  max,
  selected,
  onSelect,
  color = 'blue',
  labelWidth = '9rem',
  testId,
  ariaLabel,
}: {
  items: BarItem[];
  max: number;
  selected: string | null;
  onSelect?: (key: string) => void;
  color?: BarColor;
  labelWidth?: string;
  testId?: string;
  ariaLabel: string;
}) {
  if (items.length === 0) return <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">Nothing in this selection.</p>;
  return (
    <ul className="space-y-0.5" aria-label={ariaLabel} data-testid={testId}>
      {items.map((item) => {
        const isSelected = selected === item.key;
        const faded = selected !== null && !isSelected;
        const width = toPercentOfScale(item.value, max);
        const body = (
          <>
            <span className="truncate text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{item.label}</span>
            <span className="relative h-5 rounded-tremor-small bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle">
              {width !== null && (
                <span className={`absolute inset-y-0 left-0 rounded-tremor-small ${BAR_COLORS[color]} ${faded ? 'opacity-40' : ''}`} style={{ width: `max(${width}%, 2px)` }} />
              )}
            </span>
            <span className="text-right tabular-nums">
              <span className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{item.display}</span>
              {item.detail && <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{item.detail}</span>}
            </span>
          </>
        );
        const cls = `grid w-full items-center gap-3 rounded-tremor-small px-1.5 py-1 text-left transition-opacity ${
          isSelected ? 'bg-tremor-brand-faint ring-1 ring-tremor-brand dark:bg-dark-tremor-brand-faint dark:ring-dark-tremor-brand' : ''
        }`;
        const style = { gridTemplateColumns: `minmax(0, ${labelWidth}) minmax(0, 1fr) 5.5rem` };
        return (
          <li key={item.key} data-selected={isSelected || undefined}>
            {onSelect ? (
              <button
                type="button"
                className={`${cls} hover:bg-tremor-background-muted focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand dark:hover:bg-dark-tremor-background-subtle`}
                style={style}
                aria-pressed={isSelected}
                title={item.title ?? (isSelected ? 'Click to clear the selection' : 'Click to filter the dashboard by this value')}
                onClick={() => onSelect(item.key)}
              >
                {body}
              </button>
            ) : (
              <div className={cls} style={style} title={item.title}>
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
