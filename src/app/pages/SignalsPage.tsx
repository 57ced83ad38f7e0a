import { PageHeader } from '../components/charts/PageHeader';
import { SIGNAL_THRESHOLDS } from '../panels/customers/customer-params';
import { PersonalDataNote } from '../panels/customers/PersonalDataNote';
import { ThresholdForm } from '../panels/customers/ThresholdForm';
import { NotProofCallout, SignalListPanel, SignalSummaryPanel } from '../panels/signals/SignalPanels';
import type { PageProps } from '../view/types';

/** Finance and operations: patterns of possible return abuse, to review order by order. */
export function SignalsPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-signals">
      <PageHeader title="Signals to review — not proof" question="Which orders and customers show patterns that return abuse often leaves?" />
      <NotProofCallout />
      <PersonalDataNote />
      <ThresholdForm page={props} specs={SIGNAL_THRESHOLDS} title="Rule thresholds" testId="signal-thresholds" />
      <SignalSummaryPanel {...props} />
      <SignalListPanel {...props} />
    </div>
  );
}
