import { Badge, Select, SelectItem, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { acceptedParams } from '../../drill/drill-model';
import { DrillButton } from '../../components/charts/DrillButton';
import { formatDay } from '../../components/charts/format-more';
import { Empty, Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { NOT_IN_DATA, formatCount, formatFigure, formatMoney, formatPercent, formatRateInterval } from '../../format';
import type { Row } from '../../../engine/types';
import { useModel } from '../../use-model';
import { pageBounds } from '../../view/paging';
import type { PageProps } from '../../view/types';
import {
  CUSTOMER_ORDERS,
  CUSTOMER_PAGE_SIZE,
  PERSONAL_DATA_NOTE,
  customerPageCount,
  readCustomerOrder,
  readCustomerPage,
  readSegment,
  topCustomerParams,
  withCustomerOrder,
  withCustomerPage,
  withSegment,
  type CustomerOrder,
} from './customer-params';

const SEGMENT_COLORS: Record<string, 'rose' | 'amber' | 'gray' | 'slate'> = {
  'serial returner': 'rose',
  'frequent returner': 'amber',
  regular: 'gray',
  'few orders': 'slate',
};

const pagerButton =
  'rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default text-tremor-content-emphasis outline-none hover:bg-tremor-background-subtle focus-visible:ring-2 focus-visible:ring-tremor-brand-muted disabled:cursor-not-allowed disabled:opacity-50 dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

/**
 * Customers ranked by what their returns cost or by their return rate (customer_returns sorts
 * and pages in SQL: 25 per page, the page in view.params.cust_page). Each row opens that
 * customer's returns when drill_returns takes a customer_id parameter.
 */
export function TopCustomersPanel(props: PageProps) {
  const { view, currency, runner } = props;
  const order = readCustomerOrder(view.params);
  const segment = readSegment(view.params);
  const page = readCustomerPage(view.params);
  const state = useModel(runner, 'customer_returns', { ...props.paramsFor(), ...topCustomerParams(view.params) }, props.dataVersion);
  const absent = runner.notInData('customer_returns');
  const money = (r: Row, key: string) => formatFigure(r[key], key in absent, (v) => formatMoney(v, currency));
  const canDrill = acceptedParams(runner.header('drill_returns')).has('customer_id');
  const setParams = (params: Record<string, string>) => props.setView({ params });

  return (
    <ModelPanel
      title="Top customers"
      subtitle={
        <div className="flex flex-wrap items-center gap-3">
          <span>Ranked by</span>
          <Select
            className="w-72"
            value={order}
            enableClear={false}
            onValueChange={(v) => setParams(withCustomerOrder(view.params, v as CustomerOrder))}
            data-testid="customer-order"
          >
            {(Object.keys(CUSTOMER_ORDERS) as CustomerOrder[]).map((k) => (
              <SelectItem key={k} value={k}>
                {CUSTOMER_ORDERS[k].label}
              </SelectItem>
            ))}
          </Select>
          {segment && (
            <button
              type="button"
              className={pagerButton}
              onClick={() => setParams(withSegment(view.params, segment))}
              title="Show every segment again"
              data-testid="customer-segment-filter"
            >
              Segment: {segment} ✕
            </button>
          )}
        </div>
      }
      state={state}
      testId="panel-top-customers"
    >
      {(rows) => {
        if (rows.length === 0) return <Empty>No customers in this selection{segment ? ` and segment (${segment})` : ''}.</Empty>;
        const total = rows[0]?.total_rows;
        const pages = customerPageCount(total);
        const { first, last } = pageBounds(page, CUSTOMER_PAGE_SIZE, rows.length);
        return (
          <>
            <div className="overflow-x-auto">
              <Table data-testid="top-customers-table">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Customer</TableHeaderCell>
                    <TableHeaderCell>Segment</TableHeaderCell>
                    <TableHeaderCell className="text-right">Orders</TableHeaderCell>
                    <TableHeaderCell className="text-right">Units bought</TableHeaderCell>
                    <TableHeaderCell className="text-right">Units returned</TableHeaderCell>
                    <TableHeaderCell className="text-right">Unit return rate (95% interval)</TableHeaderCell>
                    <TableHeaderCell className="text-right">Orders fully returned</TableHeaderCell>
                    <TableHeaderCell className="text-right">Refunded</TableHeaderCell>
                    <TableHeaderCell className="text-right">Net revenue</TableHeaderCell>
                    <TableHeaderCell>Last order</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => {
                    const id = String(r.customer_id);
                    const seg = String(r.segment ?? '');
                    return (
                      <TableRow key={id} data-customer={id}>
                        <TableCell className="max-w-[11rem] whitespace-normal text-tremor-default">
                          <span className="font-mono">
                            {canDrill ? (
                              <DrillButton
                                title={`Show the returns of customer ${id}`}
                                onClick={() =>
                                  props.openDrill({ kind: 'returns', where: { customer_id: id }, title: `Returns of customer ${id}`, note: PERSONAL_DATA_NOTE })
                                }
                              >
                                {id}
                              </DrillButton>
                            ) : (
                              id
                            )}
                          </span>
                          <MostReturned row={r} />
                        </TableCell>
                        <TableCell>
                          <Badge size="xs" color={SEGMENT_COLORS[seg] ?? 'gray'}>
                            {seg}
                          </Badge>
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{formatCount(r.orders)}</TableCell>
                        <TableCell className="text-right tabular-nums">{formatCount(r.units_bought)}</TableCell>
                        <TableCell className="text-right tabular-nums">{formatCount(r.units_returned)}</TableCell>
                        <TableCell className="text-right tabular-nums">{formatRateInterval(r.unit_return_rate, r.rate_low, r.rate_high)}</TableCell>
                        <TableCell className="text-right tabular-nums">
                          {formatCount(r.orders_fully_returned)} ({formatPercent(r.fully_returned_share, undefined, 0)})
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{money(r, 'refund_amount')}</TableCell>
                        <TableCell className="text-right tabular-nums">{money(r, 'net_revenue')}</TableCell>
                        <TableCell className="whitespace-nowrap">{formatDay(r.last_order)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            <nav aria-label="Customer pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              <span data-testid="top-customers-range">
                Customers {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
              </span>
              <div className="flex items-center gap-2">
                <button
                  type="button"
                  className={pagerButton}
                  disabled={page === 0}
                  onClick={() => setParams(withCustomerPage(view.params, page - 1))}
                  aria-label="Previous page"
                  data-testid="top-customers-prev"
                >
                  ‹
                </button>
                <span data-testid="top-customers-page">
                  Page {formatCount(page + 1)} of {formatCount(pages)}
                </span>
                <button
                  type="button"
                  className={pagerButton}
                  disabled={page + 1 >= pages}
                  onClick={() => setParams(withCustomerPage(view.params, page + 1))}
                  aria-label="Next page"
                  data-testid="top-customers-next"
                >
                  ›
                </button>
              </div>
            </nav>
            <Note>
              {canDrill
                ? 'Click a customer id to list their returns. '
                : 'Listing one customer’s returns needs the returns listing to take a customer, which it does not yet. '}
              Refunded counts money refunded or credited on accepted returns; net revenue is gross sales minus that. Orders are placed in the
              view’s date range; the rate’s interval keeps a customer with one unlucky order from topping the list.
            </Note>
          </>
        );
      }}
    </ModelPanel>
  );
}

/** The product a customer returns most (customer_returns.top_product*), under their id; nothing without returns. */
function MostReturned({ row }: { row: Row }) {
  if (row.top_product == null) return null;
  const name = typeof row.top_product_name === 'string' ? row.top_product_name : `${String(row.top_product)} (name ${NOT_IN_DATA})`;
  // Units come with the product (customer_returns.sql); a missing count shows as missing, not 0.
  const units = row.top_product_units;
  return (
    <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="customer-top-product">
      Mostly returns {name}: {formatCount(units)} {Number(units) === 1 ? 'unit' : 'units'}
    </span>
  );
}
