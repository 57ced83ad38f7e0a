import { useMemo } from 'react';
import type { Runner } from '../../runner/runner';
import { FilterBar } from '../components/FilterBar';
import { KpiCards } from '../components/KpiCards';
import { filtersToParams, type Filters } from '../filters';
import { ReasonsPanel } from '../panels/ReasonsPanel';
import { ReturnTrendPanel } from '../panels/ReturnTrendPanel';
import { WorstSkusPanel } from '../panels/WorstSkusPanel';
import { useFilterOptions } from '../use-filter-options';
import { useModel } from '../use-model';

/** The first screen: filters, headline numbers, the trend, reasons and the worst SKUs. */
export function OverviewPage({
  runner,
  filters,
  onFiltersChange,
}: {
  runner: Runner;
  filters: Filters;
  onFiltersChange: (next: Filters) => void;
}) {
  const filterParams = useMemo(() => filtersToParams(filters), [filters]);
  const kpis = useModel(runner, 'kpis', filterParams);
  const options = useFilterOptions(runner);
  const currency = kpis.status === 'ok' && typeof kpis.rows[0]?.currency === 'string' ? kpis.rows[0].currency : null;
  const hasTrend = runner.modelNames.includes('return_trend');

  return (
    <main className="space-y-6">
      <FilterBar filters={filters} channels={options.channels} minDate={options.minDate} maxDate={options.maxDate} onChange={onFiltersChange} />
      <KpiCards state={kpis} />
      <div className="grid gap-6 lg:grid-cols-2">
        {hasTrend && <ReturnTrendPanel runner={runner} filterParams={filterParams} />}
        <ReasonsPanel runner={runner} filterParams={filterParams} />
      </div>
      <WorstSkusPanel runner={runner} filterParams={filterParams} />
      {currency && <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">Money in {currency}.</p>}
    </main>
  );
}
