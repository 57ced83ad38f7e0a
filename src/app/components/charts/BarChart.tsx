import { lazy, Suspense, type ComponentPropsWithoutRef } from 'react';
import type { BarChart as TremorBarChart } from '@tremor/react';
import { roundAxisTop } from './scale';

let loading: ReturnType<typeof loadChart> | null = null;
function loadChart() {
  return import('./tremor-bar-chart');
}

/**
 * Starts downloading the charting code now. Called while the database starts, so the chunk
 * is there when the first chart renders instead of being fetched only then.
 */
export function preloadCharts(): Promise<unknown> {
  loading ??= loadChart();
  loading.catch(() => {
    loading = null; // a failed prefetch is retried by the first chart
  });
  return loading;
}

const Chart = lazy(() => (loading ??= loadChart()));

/**
 * Tremor's BarChart, loaded on first use: the charting code is about a quarter of the app's
 * JavaScript, and the first screen (numbers, tables) needs none of it. While it loads, the
 * chart's box is kept (same class, so the same height) and marked busy.
 */
export function BarChart(props: ComponentPropsWithoutRef<typeof TremorBarChart>) {
  return (
    <Suspense fallback={<div className={props.className} aria-busy="true" />}>
      <Chart {...props} maxValue={props.maxValue ?? valueAxisTop(props)} />
    </Suspense>
  );
}

/**
 * The value axis ends at a round top (scale.ts), so its ticks are round values (0, 5, 10, 15,
 * 20%) rather than the library's own quarters of the largest bar (6.5, 13.0, 19.5%). Stacked
 * bars reach the sum of their row.
 */
function valueAxisTop({ data, categories, stack, relative }: ComponentPropsWithoutRef<typeof TremorBarChart>): number | undefined {
  if (relative || !data || !categories) return undefined;
  const heights = data.flatMap((row: Record<string, unknown>) => {
    const values = categories.map((c) => row[c]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return stack ? [values.reduce((a, b) => a + b, 0)] : values;
  });
  return roundAxisTop(heights);
}
