import { lazy, Suspense, type ComponentPropsWithoutRef } from 'react';
import type { BarChart as TremorBarChart } from '@tremor/react';

const Chart = lazy(() => import('./tremor-bar-chart'));

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
