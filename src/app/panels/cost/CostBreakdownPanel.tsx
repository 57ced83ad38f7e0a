import { useMemo } from 'react';
import { Table, TableBody, TableCell, TableFoot, TableFooterCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { Empty, Note } from '../../components/charts/PageHeader';
import { niceMax, toPercentOfScale } from '../../components/charts/scale';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatFigure, formatMoney, formatPercent } from '../../format';
import { dispositionLabel, humanize } from '../../labels';
import { useModel } from '../../use-model';
import { basisOf, basisParams } from '../../view/date-basis';
import type { PageProps } from '../../view/types';
import { AssumptionList, COST_ASSUMPTION_KEYS, RECOVERY_ASSUMPTION_KEYS } from './AssumptionList';
import {
  asSelectDim,
  COST_PARTS,
  COST_TABLE_ROWS,
  costDimLabel,
  costDrillWhere,
  isKnownValue,
  readCostDim,
  readShowAll,
  stackGeometry,
  withShowAll,
  type CostDim,
} from './cost-params';

/** Bars drawn in the chart: the first rows of the model's order (largest net cost first). */
const CHART_ROWS = 12;

/** Display name of a value of the dimension: codes (reasons, faults, dispositions) humanized. */
export function costValueLabel(dim: CostDim, v: unknown): string {
  if (dim === 'disposition') return dispositionLabel(v);
  if (dim === 'reason' || dim === 'fault') return humanize(v);
  return typeof v === 'string' && v !== '' ? v : '(unknown)';
}

/**
 * cost_of_returns for the chosen dimension: the cost parts as stacked bars, what was recovered
 * under each, the net cost; the full breakdown as a table with its total; and the assumptions
 * the money rests on beside it. Clicking a value filters the dashboard when it is a filter
 * dimension; the returns and net cost numbers open the returns behind them.
 */
export function CostBreakdownPanel(props: PageProps) {
  const { view, currency } = props;
  const dim = readCostDim(view.params);
  const selectDim = asSelectDim(dim);
  const base = props.paramsFor(selectDim ?? undefined);
  const basis = view.basis;
  const params = useMemo(() => ({ ...base, ...basisParams({ basis }), dim }), [base, basis, dim]);
  const state = useModel(props.runner, 'cost_of_returns', params, props.dataVersion);
  // The total line is the model's own `all` row, not a sum computed here.
  const totalParams = useMemo(() => ({ ...base, ...basisParams({ basis }), dim: 'all' }), [base, basis]);
  const dimLabel = costDimLabel(dim, basisOf(view));
  const totalState = useModel(props.runner, 'cost_of_returns', totalParams, props.dataVersion);
  const total = totalState.status === 'ok' ? (totalState.rows[0] ?? null) : null;
  const selected = selectDim && view.selection?.dim === selectDim ? view.selection.value : null;
  const showAll = readShowAll(view.params);
  const money = (v: unknown) => formatMoney(v, currency);
  // A part the loaded data has no values for reads "not in the data" (the model's @missing lines).
  const notInData = props.runner.notInData('cost_of_returns');
  const cell = (row: Row, key: string) => formatFigure(row[key], key in notInData, money);
  const recovered = (row: Row) => (typeof row.recovery_value === 'number' ? `−${money(row.recovery_value)}` : cell(row, 'recovery_value'));

  // The drill-down's rows are dated by their order (drill_returns has no basis): by refund date
  // with dates set they would not be the rows behind the figure, so no drill is offered then.
  const drillable = basis !== 'refund' || (base.date_from === undefined && base.date_to === undefined);
  const drill = (row: Row, what: string) => {
    const value = row.dim_value;
    if (!drillable || !isKnownValue(value)) return undefined;
    const where = costDrillWhere(dim, value, base);
    if (!where) return undefined;
    return () =>
      props.openDrill({ kind: 'returns', where, title: `${what}: ${dimLabel.toLowerCase()} ${costValueLabel(dim, value)}` });
  };
  const onSelect = (row: Row) => (selectDim && isKnownValue(row.dim_value) ? () => props.select(selectDim, row.dim_value as string) : undefined);

  return (
    <ModelPanel
      title={`Cost of returns by ${dimLabel.toLowerCase()}`}
      subtitle="Accepted returns only; net cost = refunds + labels + handling + inspection − recovered"
      state={state}
      testId="panel-cost-breakdown"
    >
      {(rows) => {
        if (rows.length === 0) return <Empty>No accepted returns in this selection.</Empty>;
        const chartRows = rows.slice(0, CHART_ROWS);
        const max = niceMax(chartRows.flatMap((r) => [r.gross_cost, r.recovery_value]));
        const tableRows = showAll ? rows : rows.slice(0, COST_TABLE_ROWS);
        return (
          <div className="space-y-6">
            <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_15rem]">
              <div>
                <CostLegend />
                <ul className="mt-3 space-y-1" aria-label={`Cost of returns per ${dimLabel.toLowerCase()}`} data-testid="cost-bars">
                  {chartRows.map((r) => (
                    <CostBar
                      notInData={notInData}
                      key={String(r.dim_value)}
                      row={r}
                      label={costValueLabel(dim, r.dim_value)}
                      max={max}
                      currency={currency}
                      selected={selected !== null && selected === r.dim_value}
                      faded={selected !== null && selected !== r.dim_value}
                      onSelect={onSelect(r)}
                    />
                  ))}
                </ul>
                {rows.length > CHART_ROWS && (
                  <Note>
                    The {CHART_ROWS} values with the largest net cost are drawn; the table below lists {showAll ? 'all' : 'more of'} the{' '}
                    {formatCount(rows.length)}.
                  </Note>
                )}
              </div>
              <aside className="space-y-5 self-start rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border" data-testid="cost-assumptions">
                <AssumptionList keys={COST_ASSUMPTION_KEYS} edited={view.assumptions} currency={currency} title="Costs per return" />
                <AssumptionList
                  keys={RECOVERY_ASSUMPTION_KEYS}
                  edited={view.assumptions}
                  currency={currency}
                  title="Recovery when no value is reported"
                />
              </aside>
            </div>
            <div className="overflow-x-auto">
              <Table data-testid="cost-table" className="[&_td]:px-2 [&_th]:px-2 [&_th]:whitespace-normal">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{dimLabel}</TableHeaderCell>
                    <TableHeaderCell className="text-right">Returns</TableHeaderCell>
                    <TableHeaderCell className="text-right">Refunds</TableHeaderCell>
                    <TableHeaderCell className="text-right" title="Part of the refunds that was margin; already inside the refunds, not added again">
                      of which margin
                    </TableHeaderCell>
                    <TableHeaderCell className="text-right">Labels</TableHeaderCell>
                    <TableHeaderCell className="text-right">Handling</TableHeaderCell>
                    <TableHeaderCell className="text-right">Inspection</TableHeaderCell>
                    <TableHeaderCell className="text-right">− Recovered</TableHeaderCell>
                    <TableHeaderCell className="text-right">Net cost</TableHeaderCell>
                    <TableHeaderCell className="text-right">Net per return</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {tableRows.map((r) => {
                    const cells = (
                      <>
                        <TableCell className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                          {costValueLabel(dim, r.dim_value)}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">
                          <MaybeDrill onClick={drill(r, 'Accepted returns')} title={`Show the returns of ${costValueLabel(dim, r.dim_value)}`}>
                            {formatCount(r.returns)}
                          </MaybeDrill>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{cell(r, 'refund_amount')}</TableCell>
                        <TableCell className="text-right tabular-nums text-tremor-content dark:text-dark-tremor-content">{cell(r, 'lost_margin')}</TableCell>
                        <TableCell className="text-right tabular-nums">{cell(r, 'label_cost')}</TableCell>
                        <TableCell className="text-right tabular-nums">{money(r.handling_cost)}</TableCell>
                        <TableCell className="text-right tabular-nums">{money(r.inspection_cost)}</TableCell>
                        <TableCell className="text-right tabular-nums text-emerald-700 dark:text-emerald-400">
                          {recovered(r)}
                          {typeof r.recovery_estimated_share === 'number' && r.recovery_estimated_share > 0 && (
                            <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                              {formatPercent(r.recovery_estimated_share, undefined, 0)} estimated
                            </span>
                          )}
                        </TableCell>
                        <TableCell className="text-right font-medium tabular-nums">
                          <MaybeDrill onClick={drill(r, 'Returns behind the net cost')} title={`Show the returns behind this net cost`}>
                            {money(r.net_cost)}
                          </MaybeDrill>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{money(r.net_cost_per_return)}</TableCell>
                      </>
                    );
                    const select = onSelect(r);
                    return select ? (
                      <SelectableRow
                        key={String(r.dim_value)}
                        selected={selected === r.dim_value}
                        anySelected={selected !== null}
                        onSelect={select}
                        label={`${dimLabel} ${costValueLabel(dim, r.dim_value)}`}
                      >
                        {cells}
                      </SelectableRow>
                    ) : (
                      <TableRow key={String(r.dim_value)}>{cells}</TableRow>
                    );
                  })}
                </TableBody>
                {total && (
                  <TableFoot>
                    <TableRow data-testid="cost-total">
                      <TableFooterCell>Total</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{formatCount(total.returns)}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{cell(total, 'refund_amount')}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{cell(total, 'lost_margin')}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{cell(total, 'label_cost')}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{money(total.handling_cost)}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{money(total.inspection_cost)}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{recovered(total)}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{money(total.net_cost)}</TableFooterCell>
                      <TableFooterCell className="text-right tabular-nums">{money(total.net_cost_per_return)}</TableFooterCell>
                    </TableRow>
                  </TableFoot>
                )}
              </Table>
            </div>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <Note>
                “Of which margin” is the part of the refunds that was margin (refund minus the unit cost of the items); it is already inside
                the refunds and not added again. Recovered value is the reported value, else estimated from what happened to the item (restocked,
                refurbished, liquidated, sent back to the supplier or disposed of) and its unit cost. Total = the sum of the rows (each return counts in exactly one).
                {total?.not_in_data ? ` Not in the data: ${String(total.not_in_data)}; the net cost adds up the parts the data has.` : ''}
              </Note>
              {rows.length > COST_TABLE_ROWS && (
                <button
                  type="button"
                  className="text-tremor-default text-tremor-brand underline dark:text-dark-tremor-brand"
                  onClick={() => props.setView({ params: withShowAll(view.params, !showAll) }, { replace: true })}
                  data-testid="cost-show-all"
                >
                  {showAll ? `Show the first ${COST_TABLE_ROWS}` : `Show all ${formatCount(rows.length)}`}
                </button>
              )}
            </div>
          </div>
        );
      }}
    </ModelPanel>
  );
}

function MaybeDrill({ onClick, title, children }: { onClick: (() => void) | undefined; title: string; children: string }) {
  return onClick ? (
    <DrillButton onClick={onClick} title={title}>
      {children}
    </DrillButton>
  ) : (
    <>{children}</>
  );
}

function CostLegend() {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
      {COST_PARTS.map((p) => (
        <span key={p.key} className="flex items-center gap-1.5">
          <span className={`inline-block h-3 w-3 rounded-sm ${p.swatch}`} /> {p.label}
        </span>
      ))}
      <span className="flex items-center gap-1.5">
        <span className="inline-block h-1.5 w-5 rounded-full bg-emerald-500" /> Recovered (subtracted)
      </span>
      <span>right: net cost · per return</span>
    </div>
  );
}

/** One value: its cost parts stacked, the recovery under them, the net cost at the end. */
function CostBar({
  row,
  notInData,
  label,
  max,
  currency,
  selected,
  faded,
  onSelect,
}: {
  row: Row;
  /** cost_of_returns' parts the data has no values for: not drawn, and named so on hover */
  notInData: Record<string, string[]>;
  label: string;
  max: number;
  currency: string | null;
  selected: boolean;
  faded: boolean;
  onSelect: (() => void) | undefined;
}) {
  const segments = stackGeometry(row, max);
  const recovery = toPercentOfScale(row.recovery_value, max);
  const detail = [
    ...COST_PARTS.map((p) => `${p.label} ${formatFigure(row[p.key], p.key in notInData, (v) => formatMoney(v, currency))}`),
    `Recovered ${formatFigure(row.recovery_value, 'recovery_value' in notInData, (v) => `−${formatMoney(v, currency)}`)}`,
    `Net ${formatMoney(row.net_cost, currency)}`,
  ].join(' · ');
  const body = (
    <>
      <span className="truncate text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{label}</span>
      <span className="flex flex-col gap-0.5">
        <span className="relative h-4 rounded-tremor-small bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle">
          {segments.map((s, i) =>
            s.width > 0 ? (
              <span
                key={s.key}
                className={`absolute inset-y-0 ${COST_PARTS[i]!.color} ${i === 0 ? 'rounded-l-tremor-small' : ''}`}
                style={{ left: `${s.left}%`, width: `max(${s.width}%, 1px)` }}
              />
            ) : null,
          )}
        </span>
        <span className="relative h-1.5">
          {recovery !== null && recovery > 0 && (
            <span className="absolute inset-y-0 left-0 rounded-full bg-emerald-500" style={{ width: `max(${recovery}%, 2px)` }} />
          )}
        </span>
      </span>
      <span className="text-right tabular-nums">
        <span className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {formatMoney(row.net_cost, currency)}
        </span>
        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          {formatMoney(row.net_cost_per_return, currency)} / return
        </span>
      </span>
    </>
  );
  const cls = `grid w-full items-center gap-3 rounded-tremor-small px-1.5 py-1 text-left transition-opacity ${
    selected ? 'bg-tremor-brand-faint ring-1 ring-tremor-brand dark:bg-dark-tremor-brand-faint dark:ring-dark-tremor-brand' : ''
  } ${faded ? 'opacity-40 hover:opacity-80' : ''}`;
  const style = { gridTemplateColumns: 'minmax(0, 9rem) minmax(0, 1fr) 7.5rem' };
  return (
    <li data-selected={selected || undefined}>
      {onSelect ? (
        <button
          type="button"
          className={`${cls} hover:bg-tremor-background-muted focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand dark:hover:bg-dark-tremor-background-subtle`}
          style={style}
          aria-pressed={selected}
          title={`${detail}\n${selected ? 'Click to clear the selection' : 'Click to filter the dashboard by this value'}`}
          onClick={onSelect}
        >
          {body}
        </button>
      ) : (
        <div className={cls} style={style} title={detail}>
          {body}
        </div>
      )}
    </li>
  );
}
