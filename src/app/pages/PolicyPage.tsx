import { PageHeader } from '../components/charts/PageHeader';
import { PolicyForm } from '../panels/policy/PolicyForm';
import { PolicyResults } from '../panels/policy/PolicyResults';
import { PrintButton } from '../print/PrintButton';
import { PrintHeader } from '../print/PrintHeader';
import type { PageProps } from '../view/types';

/** Finance: did the policy change work, and what would a stricter policy save. */
export function PolicyPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-policy">
      <PrintHeader view={props.view} params={props.paramsFor()} title="Policy" />
      <PageHeader title="Policy" question="What did the last policy change do, and what would a stricter one save?">
        <PrintButton />
      </PageHeader>
      <PolicyForm {...props} />
      <PolicyResults {...props} />
    </div>
  );
}
