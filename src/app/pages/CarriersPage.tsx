import { PageHeader } from '../components/charts/PageHeader';
import { CarrierPanels } from '../panels/carriers/CarrierPanels';
import { ServiceLevelPanel } from '../panels/carriers/ServiceLevelPanel';
import type { PageProps } from '../view/types';

/** Carriers (operations): delivery and return-leg performance side by side, and delivery by service level. */
export function CarriersPage(props: PageProps) {
  return (
    <div className="space-y-6" data-testid="page-carriers">
      <PageHeader title="Carriers" question="Which carriers deliver late, damage or lose parcels, or fail return pickups?" />
      <CarrierPanels page={props} />
      <ServiceLevelPanel page={props} />
    </div>
  );
}
