import { PageHeader } from '../components/charts/PageHeader';
import { PolicyForm } from '../panels/policy/PolicyForm';
import { PolicyResults } from '../panels/policy/PolicyResults';
import type { PageProps } from '../view/types';

/** Finance: did the policy change work, and what would a stricter policy save. */
export function PolicyPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-policy">
      <PageHeader title="Policy" question="What did the last policy change do, and what would a stricter one save?" />
      <PolicyForm {...props} />
      <PolicyResults {...props} />
    </div>
  );
}
