import { PageHeader } from '../components/charts/PageHeader';
import { PolicyForm } from '../panels/policy/PolicyForm';
import { PolicyResults } from '../panels/policy/PolicyResults';
import { PrintButton } from '../print/PrintButton';
import { basisOf } from '../view/date-basis';
import type { PageProps } from '../view/types';

/** Finance: did the policy change work, and what would a stricter policy save. */
export function PolicyPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-policy">
      <PageHeader title="Policy" question="What did the last policy change do, and what would a stricter one save?">
        <PrintButton />
      </PageHeader>
      {basisOf(props.view) === 'refund' && (
        // In the finance pack the view can be on the refund basis; a policy is about orders (policy_impact.sql).
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="policy-basis-note">
          Policy figures are by order date whatever the date basis: a returns policy applies to orders, and every figure here is per
          order.
        </p>
      )}
      <PolicyForm {...props} />
      <PolicyResults {...props} />
    </div>
  );
}
