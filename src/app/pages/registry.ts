import type { ComponentType } from 'react';
import type { PageId, PageProps } from '../view/types';
import { CarriersPage } from './CarriersPage';
import { CostPage } from './CostPage';
import { CustomersPage } from './CustomersPage';
import { DataPage } from './DataPage';
import { LeakagePage } from './LeakagePage';
import { OverviewPage } from './OverviewPage';
import { PolicyPage } from './PolicyPage';
import { ProductsPage } from './ProductsPage';
import { ReasonsPage } from './ReasonsPage';
import { SignalsPage } from './SignalsPage';
import { SqlPage } from './SqlPage';
import { SuppliersPage } from './SuppliersPage';
import { TurnaroundPage } from './TurnaroundPage';

/** Every page of the dashboard, in navigation order, with who it is mainly for. */
export const PAGE_REGISTRY: Record<PageId, { label: string; audience: string; component: ComponentType<PageProps> }> = {
  overview: { label: 'Overview', audience: 'everyone', component: OverviewPage },
  products: { label: 'Products', audience: 'merchandising', component: ProductsPage },
  reasons: { label: 'Reasons', audience: 'merchandising', component: ReasonsPage },
  suppliers: { label: 'Suppliers', audience: 'operations', component: SuppliersPage },
  carriers: { label: 'Carriers', audience: 'operations', component: CarriersPage },
  turnaround: { label: 'Turnaround', audience: 'operations', component: TurnaroundPage },
  cost: { label: 'Cost & recovery', audience: 'finance', component: CostPage },
  leakage: { label: 'Leakage', audience: 'finance', component: LeakagePage },
  policy: { label: 'Policy', audience: 'finance', component: PolicyPage },
  customers: { label: 'Customers', audience: 'finance', component: CustomersPage },
  signals: { label: 'Signals', audience: 'finance and operations', component: SignalsPage },
  data: { label: 'Data', audience: 'everyone', component: DataPage },
  sql: { label: 'SQL', audience: 'analysts', component: SqlPage },
};
