import type { Runner, ModelParams } from '../../runner/runner';
import type { CurrencySettings } from '../../data-model/currency';
import type { Filters } from '../filters';

/**
 * The whole view lives in the URL (see view-url.ts): which page, the global filters, the
 * cross-filter selection, page parameters, edited assumptions and the open drill-down.
 * Defaults are omitted from the URL, so a bare URL is the default view.
 */
export const PAGES = [
  'overview',
  'products',
  'reasons',
  'suppliers',
  'carriers',
  'turnaround',
  'cost',
  'leakage',
  'policy',
  'customers',
  'signals',
  'data',
  'sql',
] as const;
export type PageId = (typeof PAGES)[number];

/** Dimensions a click can select; each is also a global filter (see in_list in macros.sql). */
export const SELECT_DIMS = ['sku', 'category', 'supplier', 'carrier', 'region', 'channel', 'reason'] as const;
export type SelectDim = (typeof SELECT_DIMS)[number];

export interface Selection {
  dim: SelectDim;
  value: string;
}

/** What a drill-down table shows: the rows behind a number. */
export interface DrillTarget {
  /** `returns` (return lines), `lines` (order lines), `leakage` (cases of one rule) or `abuse` (the rows behind abuse signals). */
  kind: 'returns' | 'lines' | 'leakage' | 'abuse';
  /** Extra filters of the drill on top of the view's, e.g. { reason: 'defective' } or { rule: 'refund_above_price' }. */
  where: Record<string, string>;
  /** Shown above the table: what number these rows are behind. */
  title: string;
  /**
   * The dimension of the panel the number came from: that panel ignores a selection on its own
   * dimension, so the rows behind its numbers must ignore it too.
   */
  ownDim?: SelectDim;
  /**
   * A note shown above the rows and written as the first line of CSV exports, e.g. that the
   * rows hold personal data (drills from the Customers and Signals pages).
   */
  note?: string;
  /** The table's order when the user chose one (absent: the model's default order). */
  sort?: { column: string; desc: boolean };
  /** The page shown, zero-based (absent: the first). */
  page?: number;
  /** Rows per page (absent: the drawer's default). */
  pageSize?: number;
}

export interface ViewState {
  page: PageId;
  filters: Filters;
  /** Relative date preset (date-presets.ts DATE_PRESETS), resolved against the data's last order date. */
  datePreset: string | null;
  selection: Selection | null;
  /** Page parameters of models, e.g. { sku_dim: 'category', grain: 'week', change_date: '2025-01-01' }. */
  params: Record<string, string>;
  /** Assumptions the user changed (only the changed keys). */
  assumptions: Record<string, number>;
  /** The reporting currency and rates the user set (absent: the data's most common currency, no rates). */
  currency?: CurrencySettings;
  drill: DrillTarget | null;
  /** The date basis of money figures: 'refund' (cash: the refund date); absent: the order date (cohort). */
  basis?: 'refund';
  /** Compare the period with the previous one or the same one last year (date-presets.ts compareRange). */
  compare?: 'prev' | 'yoy';
  /** A printable pack of pages instead of the page ('finance': Overview, Cost, Leakage, Policy). */
  pack?: 'finance';
  /** The kept data set the view was made on (absent: whatever data the page has open, the demo or the current one). */
  dataSet?: DataSetRef;
  /** The locale figures and dates are shown in ('de-DE'; absent: the browser's, see format.ts). */
  locale?: string;
}

/** A kept data set as a link names it: the user's name and a short fingerprint of its content (what identifies it). */
export interface DataSetRef {
  name: string;
  fingerprint: string;
}

export type ViewPatch = Partial<ViewState>;

/** What every page component receives. Pages render; they never filter or aggregate rows. */
export interface PageProps {
  runner: Runner;
  view: ViewState;
  /** Changes the view (pushes a history entry unless `replace`). */
  setView: (patch: ViewPatch, opts?: { replace?: boolean }) => void;
  /**
   * Model parameters for a panel: the global filters plus the cross-filter selection, except
   * for the panel that shows the selected dimension itself (`ownDim`), which keeps showing all
   * its values with the selection highlighted.
   */
  paramsFor: (ownDim?: SelectDim) => ModelParams;
  /** Toggles the selection: clicking the selected value again clears it. */
  select: (dim: SelectDim, value: string) => void;
  /** Opens the drill-down table for the rows behind a number. */
  openDrill: (target: DrillTarget) => void;
  /** Currency of the data (for Intl money formatting), null until known. */
  currency: string | null;
  /** Bumped whenever data or assumptions change, so panels re-query. */
  dataVersion: number;
}
