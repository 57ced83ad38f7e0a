import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { ACCEPTED } from '../../components/charts/drill-where';
import { Empty, Note } from '../../components/charts/PageHeader';
import { RateIntervalBar } from '../../components/charts/RateIntervalBar';
import { RateTable } from '../../components/charts/RateTable';
import { SelectableBarList, type BarColor } from '../../components/charts/SelectableBarList';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { niceMax } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatFigure, formatMoney, formatMoneyHeadline, formatPercent, formatSigned } from '../../format';
import type { ModelState } from '../../model-state';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { SUPPLIER_BASELINE_LABEL, SUPPLIER_RANK_HELP, SUPPLIER_RANK_LABEL, SUPPLIER_RANK_UNIT } from './supplier-ranking';

const RATES: { key: string; label: string; help: string; color: BarColor }[] = [
  { key: 'defect_rate', label: 'Defect rate', help: 'Units returned defective or with missing parts / units sold', color: 'rose' },
  { key: 'not_as_described_rate', label: 'Not as described', help: 'Units returned as not as described / units sold', color: 'amber' },
  { key: 'wrong_item_rate', label: 'Wrong item', help: 'Units returned as the wrong item / units sold', color: 'cyan' },
];

/**
 * supplier_scorecard, run once: per-rate bar charts side by side (click selects a supplier) and
 * the scorecard table, both in the model's order: THE supplier ranking (supplier-ranking.ts),
 * the same as the Products page's Supplier tab. Each supplier's rate interval is drawn against
 * the rate its own category mix predicts; the overall rate (kpis, same filters) is stated below.
 */
export function SupplierPanels({ page }: { page: PageProps }) {
  const params = page.paramsFor('supplier');
  const state = useModel(page.runner, 'supplier_scorecard', params, page.dataVersion);
  const kpis = useModel(page.runner, 'kpis', params, page.dataVersion);
  const overall = kpis.status === 'ok' ? kpis.rows[0]?.unit_return_rate : undefined;
  const selected = page.view.selection?.dim === 'supplier' ? page.view.selection.value : null;
  return (
    <div className="space-y-6">
      <ModelPanel
        title="Supplier quality side by side"
        subtitle={`Returned units per units sold, per reason group; suppliers ranked by ${SUPPLIER_RANK_LABEL.toLowerCase()} (the scorecard's order). Click a bar to filter by the supplier.`}
        state={state}
        testId="panel-supplier-rates"
      >
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No suppliers in this selection.</Empty>
          ) : (
            <RateMultiples rows={rows} selected={selected} onSelect={(s) => page.select('supplier', s)} />
          )
        }
      </ModelPanel>
      <ModelPanel
        title="Supplier scorecard"
        subtitle={`Ranked by ${SUPPLIER_RANK_LABEL.toLowerCase()}: ${SUPPLIER_RANK_HELP}`}
        state={state}
        testId="panel-supplier-scorecard"
      >
        {(rows) => (rows.length === 0 ? <Empty>No suppliers in this selection.</Empty> : <Scorecard page={page} rows={rows} overall={overall} kpis={kpis} selected={selected} />)}
      </ModelPanel>
    </div>
  );
}

function RateMultiples({ rows, selected, onSelect }: { rows: Row[]; selected: string | null; onSelect: (s: string) => void }) {
  // One scale for the three charts, so a bar's length compares across them.
  const max = niceMax(rows.flatMap((r) => RATES.map((m) => r[m.key])));
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {RATES.map((m) => (
        <div key={m.key}>
          <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" title={m.help}>
            {m.label}
          </p>
          <p className="mb-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">{m.help}</p>
          <SelectableBarList
            ariaLabel={`${m.label} per supplier`}
            testId={`supplier-bars-${m.key}`}
            items={rows.map((r) => ({
              key: String(r.supplier),
              label: String(r.supplier),
              value: typeof r[m.key] === 'number' ? (r[m.key] as number) : null,
              display: formatPercent(r[m.key]),
            }))}
            max={max}
            selected={selected}
            onSelect={onSelect}
            color={m.color}
            labelWidth="9.5rem"
          />
        </div>
      ))}
    </div>
  );
}

function Scorecard({
  page,
  rows,
  overall,
  kpis,
  selected,
}: {
  page: PageProps;
  rows: Row[];
  overall: unknown;
  kpis: ModelState;
  selected: string | null;
}) {
  const max = niceMax(rows.flatMap((r) => [r.rate_high, r.expected_rate]));
  const absent = page.runner.notInData('supplier_scorecard');
  const money = (v: unknown, key: string, format: typeof formatMoney) => formatFigure(v, key in absent, (x) => format(x, page.currency));
  const drill = (supplier: string, where: Record<string, string>, what: string) =>
    page.openDrill({ kind: 'returns', where: { supplier, ...where, ...ACCEPTED }, title: `${what}: ${supplier}` });
  return (
    <div>
      <Table data-testid="supplier-scorecard">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-2">Supplier</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Sold</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Returned</TableHeaderCell>
            <TableHeaderCell className="min-w-[11rem] whitespace-normal px-2">Return rate (95% interval) vs {SUPPLIER_BASELINE_LABEL}</TableHeaderCell>
            <TableHeaderCell className="w-[7.5rem] whitespace-normal px-2 text-right" title={SUPPLIER_RANK_HELP}>
              {SUPPLIER_RANK_LABEL} ({SUPPLIER_RANK_UNIT})
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Defect rate; below: defect units above the selection’s overall defect rate">Defect</TableHeaderCell>
            <TableHeaderCell className="whitespace-normal px-2 text-right">Not as described</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Wrong item</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Returned units whose reason is the supplier’s fault; below: returned units sent back to the supplier">
              Supplier-fault units
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Refunded; below: recovered from the items (reported, or estimated from what happened to the item)">
              Refunded
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const s = String(r.supplier);
            return (
              <SelectableRow key={s} selected={selected === s} anySelected={selected !== null} onSelect={() => page.select('supplier', s)} label={`Supplier ${s}`}>
                <TableCell className="px-2">
                  <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{s}</span>
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatCount(r.skus)} SKUs sold</span>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums">{formatCount(r.units_sold)}</TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the returns of ${s}`} onClick={() => drill(s, {}, 'Returns')}>
                    {formatCount(r.units_returned)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2">
                  <div className="flex items-baseline justify-between gap-2 tabular-nums">
                    <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{formatPercent(r.unit_return_rate)}</span>
                    <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                      {formatPercent(r.rate_low)}–{formatPercent(r.rate_high)}
                    </span>
                  </div>
                  <RateIntervalBar
                    rate={r.unit_return_rate}
                    low={r.rate_low}
                    high={r.rate_high}
                    baseline={r.expected_rate}
                    max={max}
                    significant={r.significant === true}
                    baselineLabel="Category mix rate"
                  />
                  <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">mix {formatPercent(r.expected_rate)}</span>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="supplier-excess">
                  {formatSigned(r.excess_units)}
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the defective / missing-parts returns of ${s}`} onClick={() => drill(s, { fault: 'supplier' }, 'Supplier-fault returns')}>
                    {formatPercent(r.defect_rate)}
                  </DrillButton>
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content" title="Defect units − units sold × the selection’s overall defect rate">
                    {formatSigned(r.excess_defect_units)} excess
                  </span>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the not-as-described returns of ${s}`} onClick={() => drill(s, { reason: 'not_as_described' }, 'Not-as-described returns')}>
                    {formatPercent(r.not_as_described_rate)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the wrong-item returns of ${s}`} onClick={() => drill(s, { reason: 'wrong_item' }, 'Wrong-item returns')}>
                    {formatPercent(r.wrong_item_rate)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the supplier-fault returns of ${s}`} onClick={() => drill(s, { fault: 'supplier' }, 'Supplier-fault returns')}>
                    {formatCount(r.supplier_fault_units)}
                  </DrillButton>
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content" title="Returned units sent back to the supplier">
                    {formatCount(r.returned_to_vendor_units)} back to vendor
                  </span>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums" title={`Refunded ${money(r.refund_amount, 'refund_amount', formatMoney)}; recovered ${money(r.recovery_value, 'recovery_value', formatMoney)}`}>
                  {money(r.refund_amount, 'refund_amount', formatMoneyHeadline)}
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                    {money(r.recovery_value, 'recovery_value', formatMoneyHeadline)} recovered
                  </span>
                </TableCell>
              </SelectableRow>
            );
          })}
        </TableBody>
      </Table>
      <Note>
        The interval mark is the rate each supplier’s own category mix predicts (each category’s rate over every supplier); the overall unit
        return rate of the selection is
        {kpis.status === 'ok' ? ` ${formatPercent(overall)}` : kpis.status === 'loading' ? ' computing…' : ' unavailable'}. Defect = defective or
        missing parts, the two reasons at the supplier’s fault; wrong item is the merchant’s (picking).
      </Note>
    </div>
  );
}

/** The SKUs behind the selection (the selected supplier's, or all), ranked by excess returns against their category. */
export function SupplierSkusPanel({ page, supplier }: { page: PageProps; supplier: string | null }) {
  const state = useModel(page.runner, 'return_rate_by', { ...page.paramsFor('sku'), dim: 'sku' }, page.dataVersion);
  const selected = page.view.selection?.dim === 'sku' ? page.view.selection.value : null;
  return (
    <ModelPanel
      title={supplier ? `SKUs of ${supplier} returning more than their category` : 'SKUs returning more than their category'}
      subtitle={supplier ? 'The supplier’s products, top 10 by excess returned units' : 'Select a supplier to see its products; top 10 by excess returned units'}
      state={state}
      testId="panel-supplier-skus"
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>Nothing sold or returned in this selection.</Empty>
        ) : (
          <RateTable
            rows={rows.slice(0, 10)}
            dimLabel="Product · SKU"
            baseline="category"
            named
            selected={selected}
            onSelect={(v) => page.select('sku', v)}
            onDrill={(v) => page.openDrill({ kind: 'returns', where: { sku: v, ...ACCEPTED }, title: `Returns of SKU ${v}` })}
          />
        )
      }
    </ModelPanel>
  );
}
