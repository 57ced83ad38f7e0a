import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../engine/types';
import { formatCount, formatPercent, formatRateInterval, formatSigned } from '../format';

/** How many SKUs the overview lists; the model ranks them (by excess returned units). */
export const WORST_SKU_COUNT = 10;

/**
 * The SKUs returning the most units above their category's rate (return_rate_by, dim=sku).
 * With `onSelect`, a SKU is a button: choosing it filters the other panels (again: clears);
 * the selected SKU's row is highlighted.
 */
export function WorstSkusTable({ rows, selected = null, onSelect }: { rows: Row[]; selected?: string | null; onSelect?: (sku: string) => void }) {
  if (rows.length === 0) return <p className="text-tremor-default text-tremor-content">No SKUs in this selection.</p>;
  return (
    <Table data-testid="worst-skus">
      <TableHead>
        <TableRow>
          <TableHeaderCell>SKU</TableHeaderCell>
          <TableHeaderCell className="text-right">Units sold</TableHeaderCell>
          <TableHeaderCell className="text-right">Units returned</TableHeaderCell>
          <TableHeaderCell className="text-right">Return rate (95% interval)</TableHeaderCell>
          <TableHeaderCell className="text-right">Category rate</TableHeaderCell>
          <TableHeaderCell className="text-right">Excess units</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.slice(0, WORST_SKU_COUNT).map((r) => {
          const sku = String(r.dim_value);
          const isSel = selected === sku;
          return (
            <TableRow
              key={sku}
              className={`${onSelect ? 'cursor-pointer hover:bg-tremor-background-muted dark:hover:bg-dark-tremor-background-muted' : ''} ${
                isSel ? 'bg-blue-50 shadow-[inset_3px_0_0_theme(colors.blue.500)] dark:bg-blue-950/70' : ''
              }`}
              onClick={onSelect ? () => onSelect(sku) : undefined}
              data-selected={isSel}
              data-sku={sku}
            >
              <TableCell>
                {onSelect ? (
                  <button
                    type="button"
                    aria-pressed={isSel}
                    title={isSel ? 'Clear the selection' : 'Filter the other charts to this SKU'}
                    // The row's click handles it; the button is for the keyboard.
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(sku);
                    }}
                    className={`rounded-tremor-small font-medium outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${
                      isSel ? 'text-tremor-brand dark:text-dark-tremor-brand' : 'text-tremor-content-strong dark:text-dark-tremor-content-strong'
                    }`}
                  >
                    {sku}
                  </button>
                ) : (
                  <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{sku}</span>
                )}
                {r.category != null && <span className="ml-2 text-tremor-content-subtle">{String(r.category)}</span>}
                {r.significant === true && (
                  <Badge color="rose" size="xs" className="ml-2" title="Even the low end of the interval is above the category rate">
                    above baseline
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(r.units_sold)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(r.units_returned)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatRateInterval(r.unit_return_rate, r.rate_low, r.rate_high)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatPercent(r.baseline_rate)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatSigned(r.excess_units)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
