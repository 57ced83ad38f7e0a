import { OverviewPage } from '../pages/OverviewPage';
import { CostPage } from '../pages/CostPage';
import { LeakagePage } from '../pages/LeakagePage';
import { PolicyPage } from '../pages/PolicyPage';
import type { PageId, PageProps } from '../view/types';
import { PrintButton, PrintViewButton } from './PrintButton';
import { PrintHeader } from './PrintHeader';

/** The finance pack's pages, in print order (a function: CostPage imports this module). */
const packPages = (): readonly { id: PageId; title: string; Page: (p: PageProps) => JSX.Element }[] => [
  { id: 'overview', title: 'Overview', Page: OverviewPage },
  { id: 'cost', title: 'Cost & recovery', Page: CostPage },
  { id: 'leakage', title: 'Leakage', Page: LeakagePage },
  { id: 'policy', title: 'Policy', Page: PolicyPage },
];

/**
 * The finance pack (URL `pack=finance`): Overview, Cost, Leakage and Policy one after the
 * other under one header saying what they cover, each starting a new printed sheet. Each page
 * renders as it does on its own, with the view's filters, period and basis, and its default
 * page parameters.
 */
export function FinancePack(props: PageProps) {
  const { view } = props;
  return (
    <div className="space-y-6" data-testid="finance-pack">
      <div className="print-section space-y-4">
        <div className="print-hide flex flex-wrap items-center justify-between gap-3">
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            Finance pack: Overview, Cost &amp; recovery, Leakage and Policy on one printout. Print it, or save it as a PDF from the print dialog.
          </p>
          <div className="flex gap-2">
            <PrintViewButton label="Back to the Cost page" onClick={() => props.setView({ pack: undefined })} testId="pack-close" />
            <PrintButton label="Print the finance pack" testId="print-pack" />
          </div>
        </div>
        <PrintHeader view={view} params={props.paramsFor()} title="Finance pack" always />
      </div>
      {packPages().map(({ id, title, Page }) => (
        <section key={id} className="print-section in-pack" aria-label={title} data-testid={`pack-${id}`}>
          {/* The Overview has no page title of its own; the other pages do. */}
          {id === 'overview' && (
            <h2 className="mb-4 text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Overview</h2>
          )}
          <Page {...props} view={{ ...view, page: id, params: id === view.page ? view.params : {}, pack: undefined }} />
        </section>
      ))}
    </div>
  );
}
