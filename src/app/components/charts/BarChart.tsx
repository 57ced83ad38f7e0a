import { lazy, Suspense, type ComponentPropsWithoutRef } from 'react';
import type { BarChart as TremorBarChart } from '@tremor/react';

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
      <Chart {...props} />
    </Suspense>
  );
}
