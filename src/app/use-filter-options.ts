import { useMemo } from 'react';
import type { Runner } from '../runner/runner';
import { isoDay } from './format';
import type { ModelState } from './model-state';
import { useModel } from './use-model';

/** The list filters of the filter bar, in its order. */
export const OPTION_DIMS = ['channel', 'region', 'category', 'supplier', 'carrier'] as const;
export type OptionDim = (typeof OPTION_DIMS)[number];

export interface FilterOptions {
  /** Values per filter; null while loading or when the data has no such column. */
  values: Record<OptionDim, string[] | null>;
  /** Order dates of ALL the data (a date dated after the load day included). */
  minDate?: string;
  maxDate?: string;
  /** The data's as-of date (latest order date not after the load day): presets end here. */
  asOf?: string;
  /** Currency of the data (kpis over all the data). */
  currency: string | null;
  /** The unfiltered kpis have answered (dates and currency are known, or known to be absent). */
  ready: boolean;
  error: string | null;
}

const NO_FILTERS = {};
const BY: Record<OptionDim, { dim: OptionDim }> = {
  channel: { dim: 'channel' },
  region: { dim: 'region' },
  category: { dim: 'category' },
  supplier: { dim: 'supplier' },
  carrier: { dim: 'carrier' },
};

// filter_options already leaves out missing values and sorts; this only reads the column.
const values = (s: ModelState) => (s.status === 'ok' ? s.rows.map((r) => String(r.value)) : null);

/**
 * What the filter bar offers, from the models over ALL the data (not the filtered selection,
 * so choosing a channel does not make the other channels disappear from the list), plus the
 * data's date span and currency from the unfiltered kpis.
 */
export function useFilterOptions(runner: Runner, dataVersion = 0): FilterOptions {
  const kpis = useModel(runner, 'kpis', NO_FILTERS, dataVersion);
  const channel = useModel(runner, 'filter_options', BY.channel, dataVersion);
  const region = useModel(runner, 'filter_options', BY.region, dataVersion);
  const category = useModel(runner, 'filter_options', BY.category, dataVersion);
  const supplier = useModel(runner, 'filter_options', BY.supplier, dataVersion);
  const carrier = useModel(runner, 'filter_options', BY.carrier, dataVersion);
  return useMemo(() => {
    const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
    return {
      values: {
        channel: values(channel),
        region: values(region),
        category: values(category),
        supplier: values(supplier),
        carrier: values(carrier),
      },
      minDate: isoDay(row?.first_order_date) ?? undefined,
      maxDate: isoDay(row?.last_order_date) ?? undefined,
      asOf: isoDay(row?.as_of) ?? undefined,
      currency: typeof row?.currency === 'string' ? row.currency : null,
      ready: kpis.status !== 'loading',
      error: kpis.status === 'error' ? kpis.message : null,
    };
  }, [kpis, channel, region, category, supplier, carrier]);
}
