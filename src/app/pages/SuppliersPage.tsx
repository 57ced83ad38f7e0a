import { PageHeader } from '../components/charts/PageHeader';
import { SupplierPanels, SupplierSkusPanel } from '../panels/suppliers/SupplierPanels';
import type { PageProps } from '../view/types';

/** Suppliers (operations): defect, not-as-described and wrong-item rates side by side, ranked sample-size honestly. */
export function SuppliersPage(props: PageProps) {
  const supplier = props.view.selection?.dim === 'supplier' ? props.view.selection.value : null;
  return (
    <div className="space-y-6" data-testid="page-suppliers">
      <PageHeader title="Suppliers" question="Which suppliers send products that come back broken, wrong or not as described?" />
      <SupplierPanels page={props} />
      <SupplierSkusPanel page={props} supplier={supplier} />
    </div>
  );
}
