import { lazy, type ComponentType } from 'react';
import type { PageId, PageProps } from '../view/types';
import { OverviewPage } from './OverviewPage';

// The Overview is in the first bundle; every other page is a separate chunk fetched (from this
// origin) when first opened, so the first screen downloads less JavaScript.
const page = (load: () => Promise<Record<string, ComponentType<PageProps>>>, name: string) =>
  lazy(async () => ({ default: (await load())[name]! }));

const ProductsPage = page(() => import('./ProductsPage'), 'ProductsPage');
const ReasonsPage = page(() => import('./ReasonsPage'), 'ReasonsPage');
const SuppliersPage = page(() => import('./SuppliersPage'), 'SuppliersPage');
const CarriersPage = page(() => import('./CarriersPage'), 'CarriersPage');
const TurnaroundPage = page(() => import('./TurnaroundPage'), 'TurnaroundPage');
const CostPage = page(() => import('./CostPage'), 'CostPage');
const LeakagePage = page(() => import('./LeakagePage'), 'LeakagePage');
const PolicyPage = page(() => import('./PolicyPage'), 'PolicyPage');
const CustomersPage = page(() => import('./CustomersPage'), 'CustomersPage');
const SignalsPage = page(() => import('./SignalsPage'), 'SignalsPage');
const DataPage = page(() => import('./DataPage'), 'DataPage');
const SqlPage = page(() => import('./SqlPage'), 'SqlPage');

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
