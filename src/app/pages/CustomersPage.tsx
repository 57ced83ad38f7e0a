import { PageHeader } from '../components/charts/PageHeader';
import { CUSTOMER_THRESHOLDS } from '../panels/customers/customer-params';
import { RateDistributionPanel, SegmentPanel } from '../panels/customers/DistributionPanels';
import { PersonalDataNote } from '../panels/customers/PersonalDataNote';
import { ThresholdForm } from '../panels/customers/ThresholdForm';
import { TopCustomersPanel } from '../panels/customers/TopCustomersPanel';
import type { PageProps } from '../view/types';

/** Finance: which customers return the most and what their returns cost. */
export function CustomersPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-customers">
      <PageHeader title="Customers" question="How do customers spread over return rates, and whose returns cost the most?" />
      <PersonalDataNote />
      <ThresholdForm page={props} specs={CUSTOMER_THRESHOLDS} title="Segment thresholds" testId="customer-thresholds" />
      <div className="grid gap-6 lg:grid-cols-2">
        <RateDistributionPanel {...props} />
        <SegmentPanel {...props} />
      </div>
      <TopCustomersPanel {...props} />
    </div>
  );
}
