import { Select, SelectItem } from '@tremor/react';
import { filtersToSearch, type Filters } from '../filters';

const inputClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input';

/**
 * The global filters of the first screen: an order-date range and a channel. It only shows the
 * filters it is given and reports changes; the URL holds the state (use-url-filters.ts).
 */
export function FilterBar({
  filters,
  channels,
  minDate,
  maxDate,
  onChange,
}: {
  filters: Filters;
  /** Channel values to offer, from a model (never computed here). */
  channels: string[];
  minDate?: string;
  maxDate?: string;
  onChange: (next: Filters) => void;
}) {
  const active = filtersToSearch(filters) !== '';
  const setDate = (key: 'date_from' | 'date_to', value: string) => onChange({ ...filters, [key]: value || undefined });
  return (
    <div className="flex flex-wrap items-end gap-4" data-testid="filter-bar">
      <label className="flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        Orders from
        <input
          type="date"
          className={inputClass}
          value={filters.date_from ?? ''}
          min={minDate}
          max={filters.date_to ?? maxDate}
          onChange={(e) => setDate('date_from', e.target.value)}
          data-testid="filter-date-from"
        />
      </label>
      <label className="flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        to
        <input
          type="date"
          className={inputClass}
          value={filters.date_to ?? ''}
          min={filters.date_from ?? minDate}
          max={maxDate}
          onChange={(e) => setDate('date_to', e.target.value)}
          data-testid="filter-date-to"
        />
      </label>
      <div className="flex w-48 flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        Channel
        <Select
          value={filters.channel?.[0] ?? ''}
          onValueChange={(v) => onChange({ ...filters, channel: v ? [v] : undefined })}
          placeholder="All channels"
          enableClear
          data-testid="filter-channel"
        >
          {channels.map((c) => (
            <SelectItem key={c} value={c}>
              {c}
            </SelectItem>
          ))}
        </Select>
      </div>
      {active && (
        <button
          type="button"
          onClick={() => onChange({})}
          className="pb-1.5 text-tremor-default text-tremor-brand underline dark:text-dark-tremor-brand"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
