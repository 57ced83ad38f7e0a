import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { ACCEPTED } from '../../components/charts/drill-where';
import { FaultBadge } from '../../components/charts/FaultBadge';
import { Empty, Note } from '../../components/charts/PageHeader';
import { RateTable } from '../../components/charts/RateTable';
import { SelectableBarList } from '../../components/charts/SelectableBarList';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { niceMax } from '../../components/charts/scale';
import { TermChips } from '../../components/charts/TermChips';
import { formatStars } from '../../components/charts/format-more';
import { ModelPanel } from '../../components/ModelPanel';
import { NOT_IN_DATA, formatCount, formatFigure, formatMoney, formatMoneyHeadline, formatPercent } from '../../format';
import { humanize } from '../../labels';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';

const reasonName = (r: Row) => (typeof r.label === 'string' ? r.label : humanize(r.reason));

/**
 * returns_by_reason, run once and drawn twice: a bar per reason that selects it (the chart keeps
 * every reason, the selection highlighted), and the table of the same rows with fault, shares
 * and the numbers that open their returns.
 */
export function ReasonPanels({ page }: { page: PageProps }) {
  const state = useModel(page.runner, 'returns_by_reason', page.paramsFor('reason'), page.dataVersion);
  const refundAbsent = 'refund_amount' in page.runner.notInData('returns_by_reason');
  const selected = page.view.selection?.dim === 'reason' ? page.view.selection.value : null;
  const drill = (reason: string, label: string) =>
    page.openDrill({ kind: 'returns', where: { reason }, title: `Returns for “${label}”` });
  return (
    <div className="grid items-start gap-6 xl:grid-cols-2">
      <ModelPanel
        title="Returned units by reason"
        subtitle="Click a reason to filter the dashboard by it; the fault says who causes it"
        state={state}
        testId="panel-reason-bars"
      >
        {(rows) => (
          <SelectableBarList
            ariaLabel="Returned units by reason"
            testId="reason-bars"
            items={rows.map((r) => ({
              key: String(r.reason),
              label: (
                <span className="flex items-center gap-2">
                  <span className="truncate">{reasonName(r)}</span>
                  <FaultBadge fault={r.fault} />
                </span>
              ),
              value: typeof r.units_returned === 'number' ? r.units_returned : null,
              display: formatCount(r.units_returned),
              detail: `${formatPercent(r.share_of_units)} of units`,
            }))}
            max={niceMax(rows.map((r) => r.units_returned))}
            selected={selected}
            onSelect={(reason) => page.select('reason', reason)}
            labelWidth="15rem"
          />
        )}
      </ModelPanel>
      <ModelPanel
        title="Reasons in numbers"
        subtitle="“Adds to rate”: the reason’s returned units over all units sold; the rows add up to the unit return rate"
        state={state}
        testId="panel-reason-table"
      >
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No returns in this selection.</Empty>
          ) : (
            <Table data-testid="reason-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell className="px-2">Reason and fault</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Return requests, rejected ones included">
                    Requests
                  </TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Units on accepted returns; below: share of all returned units">
                    Units
                  </TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Units returned for the reason / all units sold">
                    Adds to rate
                  </TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right">Refunded</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const reason = String(r.reason);
                  return (
                    <SelectableRow
                      key={reason}
                      selected={selected === reason}
                      anySelected={selected !== null}
                      onSelect={() => page.select('reason', reason)}
                      label={`Reason ${reasonName(r)}`}
                    >
                      <TableCell className="px-2">
                        <span className="mr-2 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{reasonName(r)}</span>
                        <FaultBadge fault={r.fault} />
                      </TableCell>
                      <TableCell className="px-2 text-right">
                        <DrillButton title={`Show the returns for ${reasonName(r)}`} onClick={() => drill(reason, reasonName(r))}>
                          {formatCount(r.returns)}
                        </DrillButton>
                      </TableCell>
                      <TableCell className="px-2 text-right tabular-nums">
                        {formatCount(r.units_returned)}
                        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatPercent(r.share_of_units)}</span>
                      </TableCell>
                      <TableCell className="px-2 text-right tabular-nums">{formatPercent(r.contribution_to_rate, undefined, 2)}</TableCell>
                      <TableCell className="px-2 text-right tabular-nums" title={formatMoney(r.refund_amount, page.currency)}>
                        {formatFigure(r.refund_amount, refundAbsent, (v) => formatMoneyHeadline(v, page.currency))}
                      </TableCell>
                    </SelectableRow>
                  );
                })}
              </TableBody>
            </Table>
          )
        }
      </ModelPanel>
    </div>
  );
}

/**
 * Returns grouped by who is at fault (cost_of_returns, dim=fault): the model sums, not React.
 * Cross-filtered like any other panel: with a reason selected it shows that reason's fault.
 */
export function FaultPanel({ page }: { page: PageProps }) {
  const state = useModel(page.runner, 'cost_of_returns', { ...page.paramsFor(), dim: 'fault' }, page.dataVersion);
  const refundAbsent = 'refund_amount' in page.runner.notInData('cost_of_returns');
  return (
    <ModelPanel
      title="By who is at fault"
      subtitle="Accepted returns per fault of their reason, with what they cost after recovery"
      state={state}
      testId="panel-fault"
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>No accepted returns in this selection.</Empty>
        ) : (
          <div>
            <Table data-testid="fault-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Fault</TableHeaderCell>
                  <TableHeaderCell className="text-right">Returns</TableHeaderCell>
                  <TableHeaderCell className="text-right">Units</TableHeaderCell>
                  <TableHeaderCell className="text-right">Refunded</TableHeaderCell>
                  <TableHeaderCell className="text-right" title="Refunds + labels + handling + inspection − recovery">
                    Net cost
                  </TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const fault = String(r.dim_value);
                  return (
                    <TableRow key={fault}>
                      <TableCell>
                        <FaultBadge fault={fault} />
                      </TableCell>
                      <TableCell className="text-right">
                        <DrillButton
                          title={`Show the returns whose fault is ${fault}`}
                          onClick={() =>
                            page.openDrill({
                              kind: 'returns',
                              where: { fault, ...ACCEPTED },
                              title: `Accepted returns at the ${fault}’s fault`,
                            })
                          }
                        >
                          {formatCount(r.returns)}
                        </DrillButton>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{formatCount(r.units_returned)}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatFigure(r.refund_amount, refundAbsent, (v) => formatMoney(v, page.currency))}</TableCell>
                      <TableCell className="text-right tabular-nums">{formatMoney(r.net_cost, page.currency)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            <Note>Costs use the assumptions (handling, inspection, recovery rates); see Cost &amp; recovery for the full breakdown.</Note>
          </div>
        )
      }
    </ModelPanel>
  );
}

/**
 * Where the selected reason hits: return_rate_by with the reason filter counts only that
 * reason's returns, so each value's rate is its rate for this reason, against the overall one.
 */
export function ReasonHitsPanel({
  page,
  dim,
  limit,
  reasonLabel,
}: {
  page: PageProps;
  dim: 'category' | 'sku';
  limit: number;
  reasonLabel: string | null;
}) {
  const state = useModel(page.runner, 'return_rate_by', { ...page.paramsFor(dim), dim }, page.dataVersion);
  const selected = page.view.selection?.dim === dim ? page.view.selection.value : null;
  const what = dim === 'category' ? 'category' : 'SKU';
  return (
    <ModelPanel
      title={reasonLabel ? `Where “${reasonLabel}” hits, by ${what}` : `Return rate by ${what}`}
      subtitle={
        reasonLabel
          ? `Return rate counting only “${reasonLabel}” returns${dim === 'sku' ? ', against the SKU’s category' : ', against the overall rate for this reason'}`
          : `All reasons; select a reason to see where it hits${dim === 'sku' ? ' (top ' + limit + ' by excess units)' : ''}`
      }
      state={state}
      testId={`panel-reason-hits-${dim}`}
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>Nothing sold or returned in this selection.</Empty>
        ) : (
          <RateTable
            rows={rows.slice(0, limit)}
            dimLabel={dim === 'category' ? 'Category' : 'Product · SKU'}
            baseline={dim === 'sku' ? 'category' : 'overall'}
            named={dim === 'sku'}
            selected={selected}
            onSelect={(v) => page.select(dim, v)}
            onDrill={(v) =>
              page.openDrill({
                kind: 'returns',
                where: { ...(page.view.selection?.dim === 'reason' ? { reason: page.view.selection.value } : {}), [dim]: v, ...ACCEPTED },
                title: reasonLabel ? `Returns for “${reasonLabel}” of ${what} ${v}` : `Returns of ${what} ${v}`,
              })
            }
            showTopReason={reasonLabel === null}
          />
        )
      }
    </ModelPanel>
  );
}

/** What reviews and return comments say (review_signals), worst SKUs against their category first. */
export function ReviewTermsPanel({ page, limit }: { page: PageProps; limit: number }) {
  const state = useModel(page.runner, 'review_signals', page.paramsFor('sku'), page.dataVersion);
  const selected = page.view.selection?.dim === 'sku' ? page.view.selection.value : null;
  return (
    <ModelPanel
      title="What customers write"
      subtitle="Terms found in reviews and return comments, for the SKUs with the most 1–2★ reviews above their category’s share"
      state={state}
      testId="panel-review-terms"
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>No reviews or return comments in this selection.</Empty>
        ) : (
          <div>
            <Table data-testid="review-terms">
              <TableHead>
                <TableRow>
                  <TableHeaderCell className="px-2">Product · SKU</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right">Rating</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Reviews and return comments with at least one complaint term">
                    Complaints
                  </TableHeaderCell>
                  <TableHeaderCell className="px-2">Top terms</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.slice(0, limit).map((r) => {
                  const sku = String(r.sku);
                  return (
                    <SelectableRow
                      key={sku}
                      selected={selected === sku}
                      anySelected={selected !== null}
                      onSelect={() => page.select('sku', sku)}
                      label={`SKU ${sku}`}
                    >
                      <TableCell className="whitespace-normal px-2">
                        {/* the product's name first, as on the Products page; the SKU and category below */}
                        <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{typeof r.product_name === 'string' ? r.product_name : sku}</span>
                        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                          {typeof r.product_name === 'string' ? sku : `${sku} · name ${NOT_IN_DATA}`} · {String(r.category ?? '')}
                        </span>
                      </TableCell>
                      <TableCell className="px-2 text-right tabular-nums">
                        {formatStars(r.avg_rating)}
                        <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatCount(r.reviews)} reviews</span>
                      </TableCell>
                      <TableCell className="px-2 text-right tabular-nums">{formatCount(r.complaint_mentions)}</TableCell>
                      <TableCell className="whitespace-normal px-2">
                        <TermChips text={r.top_terms} />
                      </TableCell>
                    </SelectableRow>
                  );
                })}
              </TableBody>
            </Table>
            <Note>Reviews have no channel, region, carrier or reason: those filters apply to the return comments and sales only.</Note>
          </div>
        )
      }
    </ModelPanel>
  );
}
