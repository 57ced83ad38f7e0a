import './print.css';
import { createContext, useContext, type ReactNode } from 'react';
import { useDataSource } from '../loading/use-data-source';
import { selectionLabel } from '../components/FilterBar';
import type { ModelParams } from '../../runner/runner';
import { FILTER_PARAMS } from '../../runner/model-header';
import { humanize } from '../labels';
import { basisOf, BASIS_EXPLAINED, BASIS_PAGES, comparison, periodText } from '../view/date-basis';
import type { ViewState } from '../view/types';

/** The list filters in words: "Channel: web, app; Region: DE", or that there are none. */
export function filtersText(view: ViewState): string {
  const parts: string[] = [];
  for (const f of FILTER_PARAMS) {
    if (f === 'date_from' || f === 'date_to') continue;
    const values = view.filters[f];
    if (values && values.length > 0) parts.push(`${humanize(f)}: ${values.join(', ')}`);
  }
  if (view.selection) parts.push(`selected ${selectionLabel(view.selection.dim, view.selection.value)}`);
  return parts.length > 0 ? parts.join('; ') : 'none (all orders and returns)';
}

/** True inside the page frame, which prints the one header of every page (PrintFrame). */
const FramedContext = createContext(false);

/**
 * Wraps the page shown: prints its header (what PrintHeader says) once, above any page, so
 * every page prints what it covers. A page that still renders its own PrintHeader inside the
 * frame gets nothing from it: one header per printout by design, not by each page remembering.
 * The finance pack (`pack`) has its own header, shown on screen too, and the frame leaves it be.
 */
export function PrintFrame({ view, params, title, children }: { view: ViewState; params: ModelParams; title: string; children: ReactNode }) {
  return (
    <>
      {!view.pack && <PrintHeader view={view} params={params} title={title} />}
      <FramedContext.Provider value={true}>{children}</FramedContext.Provider>
    </>
  );
}

/**
 * What a printout is of, at its top: the data set, the filters, the period and the date basis
 * (and the comparison). `params` are the view's effective model parameters (a preset already
 * resolved to its dates). Printed only, unless `always` (the finance pack shows it on screen).
 * Inside the page frame only an `always` header renders (the frame prints the page's own).
 */
export function PrintHeader({ view, params, title, always = false }: { view: ViewState; params: ModelParams; title: string; always?: boolean }) {
  const framed = useContext(FramedContext);
  const source = useDataSource();
  if (framed && !always) return null;
  const dates = { date_from: params.date_from as string | undefined, date_to: params.date_to as string | undefined };
  const cmp = comparison(view, params);
  const basisApplies = BASIS_PAGES.includes(view.page) || view.pack === 'finance';
  return (
    <section
      className={`${always ? '' : 'print-only page-print-header mb-4 '}space-y-1 rounded-tremor-default border border-tremor-border p-4 text-tremor-default text-tremor-content-emphasis dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis`}
      aria-label="What this report covers"
      data-testid="print-header"
    >
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Returns Insight · {title}</h2>
      <dl className="grid gap-x-4 gap-y-0.5" style={{ gridTemplateColumns: 'max-content 1fr' }}>
        <dt className="font-medium">Data set</dt>
        <dd data-testid="print-data-set">{source.label ?? view.dataSet?.name ?? 'Demo data'}</dd>
        <dt className="font-medium">Filters</dt>
        <dd data-testid="print-filters">{filtersText(view)}</dd>
        <dt className="font-medium">Period</dt>
        <dd data-testid="print-period">{periodText(dates, view.datePreset)}</dd>
        <dt className="font-medium">Date basis</dt>
        <dd data-testid="print-basis">
          Money figures {BASIS_EXPLAINED[basisApplies ? basisOf(view) : 'order']}
          {basisApplies && basisOf(view) === 'refund' ? '; rates and the headline cards by order date' : ''}.
        </dd>
        {cmp && (
          <>
            <dt className="font-medium">Compared with</dt>
            <dd>
              {cmp.label}: {periodText(cmp.range)}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
