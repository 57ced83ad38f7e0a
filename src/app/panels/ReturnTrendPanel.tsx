import { ModelPanel } from '../components/ModelPanel';
import { ReturnTrendChart } from '../components/ReturnTrendChart';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

const GRAINS = [
  { id: 'month', label: 'Month' },
  { id: 'week', label: 'Week' },
] as const;

/** Unit return rate per order month or week (page parameter `grain`), maturing periods marked. */
export function ReturnTrendPanel({ runner, view, setView, paramsFor, dataVersion }: PageProps) {
  const grain = view.params.grain === 'week' ? 'week' : 'month';
  const state = useModel(runner, 'return_trend', { ...paramsFor(), grain }, dataVersion);
  return (
    <ModelPanel
      title={`Unit return rate by order ${grain}`}
      subtitle={
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span>Returns counted in the {grain} their order was placed</span>
          <div role="group" aria-label="Period" className="inline-flex rounded-tremor-default border border-tremor-border p-0.5 dark:border-dark-tremor-border">
            {GRAINS.map((g) => (
              <button
                key={g.id}
                type="button"
                aria-pressed={grain === g.id}
                // The default (month) is left out of the URL.
                onClick={() => setView({ params: { ...view.params, grain: g.id === 'month' ? '' : g.id } })}
                className={`rounded-tremor-small px-2.5 py-0.5 text-tremor-label outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${
                  grain === g.id
                    ? 'bg-tremor-brand text-tremor-brand-inverted dark:bg-dark-tremor-brand dark:text-dark-tremor-brand-inverted'
                    : 'text-tremor-content hover:bg-tremor-background-subtle dark:text-dark-tremor-content dark:hover:bg-dark-tremor-background-subtle'
                }`}
                data-testid={`trend-grain-${g.id}`}
              >
                {g.label}
              </button>
            ))}
          </div>
        </div>
      }
      state={state}
      testId="panel-trend"
    >
      {(rows) => <ReturnTrendChart rows={rows} grain={grain} />}
    </ModelPanel>
  );
}
