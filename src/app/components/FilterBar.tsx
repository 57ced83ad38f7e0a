import { MultiSelect, MultiSelectItem } from '@tremor/react';
import type { Filters } from '../filters';
import { dateInputPattern, formatDate } from '../format';
import { humanize } from '../labels';
import { OPTION_DIMS, type FilterOptions, type OptionDim } from '../use-filter-options';
import { basisOf, BASIS_LABELS, BASIS_PAGES } from '../view/date-basis';
import { COMPARE_CHOICES, DATE_PRESETS, isCompareChoice, isDatePreset, isIsoDay, presetLabel } from '../view/date-presets';
import type { SelectDim, ViewPatch, ViewState } from '../view/types';

const inputClass =
  'h-[38px] rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none focus:ring-2 focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:focus:ring-dark-tremor-brand-muted dark:[color-scheme:dark]';
const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';

const DIM_LABEL: Record<SelectDim, string> = {
  sku: 'SKU',
  category: 'Category',
  supplier: 'Supplier',
  carrier: 'Carrier',
  region: 'Region',
  channel: 'Channel',
  reason: 'Reason',
};
const PLURAL: Record<OptionDim, string> = {
  channel: 'channels',
  region: 'regions',
  category: 'categories',
  supplier: 'suppliers',
  carrier: 'carriers',
};

/** How the selection chip names a value: reasons by their readable name, the rest as they are. */
export function selectionLabel(dim: SelectDim, value: string): string {
  return `${DIM_LABEL[dim]}: ${dim === 'reason' ? humanize(value) : value}`;
}

/**
 * The global filters: an order-date range (a preset of the data's last days, or custom dates),
 * the list filters, the cross-filter selection as a chip, and a reset. It shows the view and
 * reports changes; the URL holds the state (view-url.ts).
 */
export function FilterBar({
  view,
  dates,
  options,
  setView,
}: {
  view: ViewState;
  /** The dates in effect (a preset resolved against the last order date). */
  dates: { date_from?: string; date_to?: string };
  options: FilterOptions;
  setView: (patch: ViewPatch, opts?: { replace?: boolean }) => void;
}) {
  const { filters, datePreset, selection } = view;
  const hasDates = !!(filters.date_from || filters.date_to);
  const rangeChoice = datePreset ?? (hasDates ? 'custom' : '');
  const active = datePreset !== null || selection !== null || Object.values(filters).some((v) => v !== undefined && v.length > 0);

  const setRange = (choice: string) => {
    if (isDatePreset(choice)) setView({ datePreset: choice });
    // Custom starts from the range in effect, so choosing it does not change the numbers.
    else if (choice === 'custom') setView({ datePreset: null, filters: { ...filters, date_from: dates.date_from ?? options.minDate, date_to: dates.date_to ?? options.maxDate } });
    else setView({ datePreset: null, filters: { ...filters, date_from: undefined, date_to: undefined } });
  };
  // Typing a date makes the range custom, keeping the other end where it was.
  const setDate = (key: 'date_from' | 'date_to', value: string) =>
    setView({ datePreset: null, filters: { ...filters, date_from: dates.date_from, date_to: dates.date_to, [key]: value || undefined } });
  const setList = (dim: OptionDim, values: string[]) => setView({ filters: { ...filters, [dim]: values } as Filters });
  // The date basis matters on the pages whose money figures follow it (date-basis.ts); the
  // comparison is shown as changes on the Cost page.
  const basisHere = BASIS_PAGES.includes(view.page) || view.pack === 'finance';
  const basis = basisHere ? basisOf(view) : 'order';

  return (
    // Two deliberate rows, whatever the page: the period (range, basis, comparison), then the list
    // filters with the selection and the reset. Every control is 38 px high, so the labels line up.
    <section aria-label="Filters" className="space-y-3" data-testid="filter-bar">
      <div role="group" aria-label="Period" className="flex flex-wrap items-end gap-3" data-testid="filter-period">
        <label className={labelClass}>
          {basis === 'refund' ? 'Refund dates' : 'Order dates'}
          <select className={`${inputClass} w-52`} value={rangeChoice} onChange={(e) => setRange(e.target.value)} data-testid="filter-date-preset">
            <option value="">All dates</option>
            {DATE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom range</option>
          </select>
        </label>
        <label className={labelClass}>
          from ({dateInputPattern()})
          <input
            type="date"
            className={inputClass}
            value={dates.date_from ?? ''}
            min={options.minDate}
            max={dates.date_to ?? options.maxDate}
            onChange={(e) => setDate('date_from', e.target.value)}
            data-testid="filter-date-from"
          />
        </label>
        <label className={labelClass}>
          to ({dateInputPattern()})
          <input
            type="date"
            className={inputClass}
            value={dates.date_to ?? ''}
            min={dates.date_from ?? options.minDate}
            max={options.maxDate}
            onChange={(e) => setDate('date_to', e.target.value)}
            data-testid="filter-date-to"
          />
        </label>
        {basisHere && (
          <label className={labelClass}>
            Date basis
            <select
              className={`${inputClass} w-48`}
              value={basis}
              onChange={(e) => setView({ basis: e.target.value === 'refund' ? 'refund' : undefined })}
              data-testid="filter-basis"
            >
              {(['order', 'refund'] as const).map((b) => (
                <option key={b} value={b}>
                  {BASIS_LABELS[b]}
                </option>
              ))}
            </select>
          </label>
        )}
        {(view.page === 'cost' || view.pack === 'finance') && (
          <label className={labelClass}>
            Compare with
            <select
              className={`${inputClass} w-56`}
              value={view.compare ?? ''}
              onChange={(e) => setView({ compare: isCompareChoice(e.target.value) ? e.target.value : undefined })}
              data-testid="filter-compare"
            >
              <option value="">No comparison</option>
              {COMPARE_CHOICES.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div role="group" aria-label="Filter by" className="flex flex-wrap items-end gap-3" data-testid="filter-lists">
        {OPTION_DIMS.map((dim) => {
          const chosen = [...(filters[dim] ?? [])];
          const offered = options.values[dim];
          // A value in the URL that the data does not have stays visible, so it can be removed.
          const items = offered ? [...offered, ...chosen.filter((v) => !offered.includes(v))] : chosen;
          return (
            <div key={dim} className={`${labelClass} w-40`}>
              {/* Tremor puts `id` on its hidden native <select> (titled "multi-select-hidden"): the label names it too. */}
              <label id={`filter-${dim}-label`} htmlFor={`filter-${dim}-select`}>
                {DIM_LABEL[dim]}
              </label>
              <MultiSelect
                id={`filter-${dim}-select`}
                value={chosen}
                onValueChange={(v) => setList(dim, v)}
                placeholder={offered === null && options.ready ? 'Not in the data' : `All ${PLURAL[dim]}`}
                placeholderSearch="Search"
                disabled={offered === null && chosen.length === 0}
                aria-labelledby={`filter-${dim}-label`}
                data-testid={`filter-${dim}`}
              >
                {items.map((v) => (
                  <MultiSelectItem key={v} value={v}>
                    {v}
                  </MultiSelectItem>
                ))}
              </MultiSelect>
            </div>
          );
        })}
        {(selection || active) && (
          <div className="flex h-[38px] flex-wrap items-center gap-x-4">
            {selection && (
              <button
                type="button"
                onClick={() => setView({ selection: null })}
                className="inline-flex items-center gap-2 rounded-full border border-tremor-brand-muted bg-tremor-brand-faint px-3 py-1 text-tremor-default text-tremor-brand-emphasis outline-none hover:bg-tremor-brand-muted focus-visible:ring-2 focus-visible:ring-tremor-brand dark:border-dark-tremor-brand-subtle dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis dark:hover:bg-dark-tremor-brand-muted"
                aria-label={`Selected ${selectionLabel(selection.dim, selection.value)}: press to clear`}
                title="Every chart is filtered to this value (except the one it was picked in). Click to clear."
                data-testid="selection-chip"
                data-dim={selection.dim}
                data-value={selection.value}
              >
                <span>Selected {selectionLabel(selection.dim, selection.value)}</span>
                <span aria-hidden className="text-base leading-none">×</span>
              </button>
            )}
            {active && (
              <button
                type="button"
                onClick={() => setView({ filters: {}, datePreset: null, selection: null })}
                className="rounded-tremor-default px-1 py-0.5 text-tremor-default text-tremor-brand underline outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:text-dark-tremor-brand"
                data-testid="filter-reset"
              >
                Reset filters
              </button>
            )}
          </div>
        )}
      </div>
      <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        <span data-testid="date-range-note">{rangeNote(datePreset, dates, options)}</span>
      </p>
    </section>
  );
}

function rangeNote(preset: string | null, dates: { date_from?: string; date_to?: string }, options: FilterOptions): string {
  const span = options.minDate && options.maxDate ? `The data's orders run from ${formatDate(options.minDate)} to ${formatDate(options.maxDate)}.` : '';
  if (preset && isIsoDay(dates.date_from) && isIsoDay(dates.date_to)) {
    // The as-of date is the last order not after the load day: a later (implausible) date is not counted back from.
    const later = options.asOf && options.maxDate && options.maxDate > options.asOf ? ' Orders dated after the day the data was loaded are not counted back from (see the Data page).' : '';
    return `${presetLabel(preset)}: ${formatDate(dates.date_from)} – ${formatDate(dates.date_to)}, counted back from the last order in the data${options.asOf ? `, ${formatDate(options.asOf)}` : ''} (not from today).${later} ${span}`;
  }
  return span;
}
