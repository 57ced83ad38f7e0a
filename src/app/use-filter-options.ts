import { useMemo } from 'react';
import type { Runner } from '../runner/runner';
import { isoDay } from './format';
import { useModel } from './use-model';

export interface FilterOptions {
  channels: string[];
  minDate?: string;
  maxDate?: string;
}

const NO_FILTERS = {};
const BY_CHANNEL = { dim: 'channel' };

/**
 * What the filter bar offers, from the models over ALL the data (not the filtered selection,
 * so choosing a channel does not make the other channels disappear from the list).
 */
export function useFilterOptions(runner: Runner): FilterOptions {
  const kpis = useModel(runner, 'kpis', NO_FILTERS);
  const channels = useModel(runner, 'return_rate_by', BY_CHANNEL);
  return useMemo(() => {
    const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
    const values = channels.status === 'ok' ? channels.rows.map((r) => String(r.dim_value)) : [];
    return {
      // Sorted for the dropdown only; the model orders by excess returns.
      channels: values.sort((a, b) => a.localeCompare(b)),
      minDate: isoDay(row?.first_order_date) ?? undefined,
      maxDate: isoDay(row?.last_order_date) ?? undefined,
    };
  }, [kpis, channels]);
}
