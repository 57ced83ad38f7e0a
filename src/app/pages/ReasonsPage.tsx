import { PageHeader } from '../components/charts/PageHeader';
import { humanize } from '../labels';
import { FaultPanel, ReasonHitsPanel, ReasonPanels, ReviewTermsPanel } from '../panels/reasons/ReasonPanels';
import type { PageProps } from '../view/types';

/**
 * Reasons (merchandising): why products come back, who is at fault, where a reason hits
 * (categories, SKUs) and what customers write. Every number opens its returns.
 */
export function ReasonsPage(props: PageProps) {
  const reason = props.view.selection?.dim === 'reason' ? humanize(props.view.selection.value) : null;
  return (
    <div className="space-y-6" data-testid="page-reasons">
      <PageHeader
        title="Reasons"
        question={reason ? `Where does “${reason}” come from, and what do customers say?` : 'Why do products come back, and whose fault is it?'}
      />
      <ReasonPanels page={props} />
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <ReasonHitsPanel page={props} dim="category" limit={50} reasonLabel={reason} />
        </div>
        <div className="xl:col-span-2">
          <FaultPanel page={props} />
        </div>
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <ReasonHitsPanel page={props} dim="sku" limit={10} reasonLabel={reason} />
        </div>
        <div className="xl:col-span-2">
          <ReviewTermsPanel page={props} limit={10} />
        </div>
      </div>
    </div>
  );
}
