import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { NOT_IN_DATA, formatCount, formatPercent, formatSigned } from '../../format';
import { humanize } from '../../labels';
import { DrillButton } from './DrillButton';
import { IntervalLegend, RateIntervalBar } from './RateIntervalBar';
import { niceMax } from './scale';
import { SelectableRow } from './SelectableRow';

/**
 * Rows of return_rate_by (any dim), in the order given: each value's unit return rate with its
 * 95% interval drawn against the baseline, the excess units (the model's ranking key) and the
 * top reason. A row click selects the value; the returned units open the returns behind them.
 */
export function RateTable({
  rows,
  dimLabel,
  baseline,
  selected,
  onSelect,
  onDrill,
  showTopReason = true,
  named = false,
  excessLabel = 'Excess returns (units)',
  excessHelp = 'Units returned beyond what the baseline rate predicts: units returned − units sold × that rate (the ranking)',
  testId,
}: {
  rows: Row[];
  /** Column header of the value ("SKU", "Category"). */
  dimLabel: string;
  /** What baseline_rate is: the category's rate, the supplier's category mix or the selection's overall rate. */
  baseline: 'category' | 'category_mix' | 'overall';
  selected: string | null;
  onSelect?: (value: string) => void;
  onDrill?: (value: string) => void;
  showTopReason?: boolean;
  /** Rows carry a product name (`name`, dim=sku / product): shown first, the code under it. */
  named?: boolean;
  /** Header and hover text of the ranking column (the supplier ranking names it the same everywhere). */
  excessLabel?: string;
  excessHelp?: string;
  testId?: string;
}) {
  const baselineName = baseline === 'category' ? 'category rate' : baseline === 'category_mix' ? 'category mix' : 'overall rate of the selection';
  // The row badge says it in a word: the column header and the legend say it in full.
  const baselineShort = baseline === 'category' ? 'category' : baseline === 'category_mix' ? 'category mix' : 'overall';
  const max = niceMax(rows.flatMap((r) => [r.rate_high, r.baseline_rate]));
  return (
    <div>
      <IntervalLegend max={max} baselineLabel={baselineName} />
      <Table className="mt-3" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableHeaderCell className="w-8 px-2">#</TableHeaderCell>
            <TableHeaderCell className="px-2">{dimLabel}</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Sold</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Returned</TableHeaderCell>
            <TableHeaderCell className="w-2/5 min-w-[13rem] px-2">Return rate (95% interval) vs {baselineName}</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title={excessHelp}>
              {excessLabel}
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => {
            const value = String(r.dim_value);
            const isSelected = selected === value;
            const context = [r.category != null ? String(r.category) : null, showTopReason && r.top_reason != null ? `mostly ${humanize(r.top_reason).toLowerCase()}` : null]
              .filter((x) => x !== null)
              .join(' · ');
            const cells = (
              <>
                <TableCell className="px-2 py-2.5 tabular-nums text-tremor-content-subtle dark:text-dark-tremor-content-subtle">{i + 1}</TableCell>
                <TableCell className="whitespace-normal px-2 py-2.5">
                  <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="rate-row-name">
                    {named && typeof r.name === 'string' ? r.name : value}
                  </span>
                  {named && (
                    <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                      {typeof r.name === 'string' ? value : `${value} · name ${NOT_IN_DATA}`}
                    </span>
                  )}
                  {r.significant === true && (
                    <Badge color="rose" size="xs" className="ml-2" title={`Even the low end of the 95% interval is above the ${baselineName}`}>
                      above {baselineShort}
                    </Badge>
                  )}
                  {context && <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{context}</span>}
                </TableCell>
                <TableCell className="px-2 py-2.5 text-right tabular-nums">{formatCount(r.units_sold)}</TableCell>
                <TableCell className="px-2 py-2.5 text-right tabular-nums">
                  {onDrill ? (
                    <DrillButton title={`Show the returns of ${dimLabel} ${value}`} onClick={() => onDrill(value)}>
                      {formatCount(r.units_returned)}
                    </DrillButton>
                  ) : (
                    formatCount(r.units_returned)
                  )}
                </TableCell>
                <TableCell className="px-2 py-2.5">
                  <div className="flex items-baseline justify-between gap-2 tabular-nums">
                    <span>
                      <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{formatPercent(r.unit_return_rate)}</span>
                      <span className="ml-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                        {formatPercent(r.rate_low)}–{formatPercent(r.rate_high)}
                      </span>
                    </span>
                    <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                      {baseline === 'category' ? 'cat.' : baseline === 'category_mix' ? 'mix' : 'all'} {formatPercent(r.baseline_rate)}
                    </span>
                  </div>
                  <RateIntervalBar
                    rate={r.unit_return_rate}
                    low={r.rate_low}
                    high={r.rate_high}
                    baseline={r.baseline_rate}
                    max={max}
                    significant={r.significant === true}
                    baselineLabel={baseline === 'category' ? 'Category rate' : baseline === 'category_mix' ? 'Category mix rate' : 'Overall rate'}
                  />
                </TableCell>
                <TableCell className="px-2 py-2.5 text-right tabular-nums">{formatSigned(r.excess_units)}</TableCell>
              </>
            );
            return onSelect ? (
              <SelectableRow
                key={value}
                selected={isSelected}
                anySelected={selected !== null}
                onSelect={() => onSelect(value)}
                label={`${dimLabel} ${value}`}
                value={value}
              >
                {cells}
              </SelectableRow>
            ) : (
              <TableRow key={value} data-value={value}>
                {cells}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
