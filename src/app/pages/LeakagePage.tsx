import { PageHeader } from '../components/charts/PageHeader';
import { LeakagePanel } from '../panels/leakage/LeakagePanel';
import { PrintButton } from '../print/PrintButton';
import type { PageProps } from '../view/types';

/** Finance: where refunds and the returns policy leak money, rule by rule. */
export function LeakagePage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-leakage">
      <PageHeader title="Leakage" question="Which refunds and returns should not have cost what they did?">
        <PrintButton />
      </PageHeader>
      <LeakagePanel {...props} />
    </div>
  );
}
