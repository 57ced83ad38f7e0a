import { PageHeader } from '../components/charts/PageHeader';
import { StagePanels } from '../panels/turnaround/StagePanels';
import type { PageProps } from '../view/types';

/** Turnaround (operations): how long each step of a return takes against its target. */
export function TurnaroundPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-turnaround">
      <PageHeader title="Turnaround" question="Where do returns wait, and which steps miss their target?" />
      <StagePanels page={props} />
    </div>
  );
}
