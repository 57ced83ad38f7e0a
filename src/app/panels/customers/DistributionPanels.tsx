import { BarChart } from '../../components/charts/BarChart';
import { Empty, Note } from '../../components/charts/PageHeader';
import { SelectableBarList } from '../../components/charts/SelectableBarList';
import { niceMax } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatFigure, formatMoney, formatPercent } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { CUSTOMER_THRESHOLDS, effectiveThreshold, readSegment, thresholdParams, withSegment } from './customer-params';

const CUSTOMERS = 'Customers';

/** How customers spread over unit return rates (customer_return_distribution, dim = rate). */
export function RateDistributionPanel(props: PageProps) {
  const params = { ...props.paramsFor(), ...thresholdParams(props.view.params, CUSTOMER_THRESHOLDS), dim: 'rate' };
  const state = useModel(props.runner, 'customer_return_distribution', params, props.dataVersion);
  return (
    <ModelPanel
      title="Customers by unit return rate"
      subtitle="Share of the units they bought that came back (accepted returns)"
      state={state}
      testId="panel-customer-rate-distribution"
    >
      {(rows) => {
        if (rows.every((r) => !r.customers)) return <Empty>No customers with purchases in this selection.</Empty>;
        const data = rows.map((r) => ({ bucket: String(r.bucket), [CUSTOMERS]: typeof r.customers === 'number' ? r.customers : 0 }));
        return (
          <>
            <BarChart
              className="h-64"
              data={data}
              index="bucket"
              categories={[CUSTOMERS]}
              colors={['blue']}
              valueFormatter={(v: number) => formatCount(v)}
              yAxisWidth={48}
              showLegend={false}
              allowDecimals={false}
            />
            <Note>Each bucket includes its upper bound; customers who returned more units than they bought are in 90–100%.</Note>
          </>
        );
      }}
    </ModelPanel>
  );
}

/**
 * Customers per segment (customer_return_distribution, dim = segment). Clicking a segment
 * narrows the top-customers table to it (view.params.segment); clicking it again clears it.
 */
export function SegmentPanel(props: PageProps) {
  const { view, currency } = props;
  const params = { ...props.paramsFor(), ...thresholdParams(view.params, CUSTOMER_THRESHOLDS), dim: 'segment' };
  const state = useModel(props.runner, 'customer_return_distribution', params, props.dataVersion);
  const rate = effectiveThreshold(view.params, CUSTOMER_THRESHOLDS[0]!);
  const orders = effectiveThreshold(view.params, CUSTOMER_THRESHOLDS[1]!);
  return (
    <ModelPanel
      title="Segments"
      subtitle={`Serial returner: at least ${formatCount(orders)} orders and the low end of their return rate's 95% interval above ${formatPercent(rate, undefined, 0)}`}
      state={state}
      testId="panel-customer-segments"
    >
      {(rows) => (
        <>
          <SelectableBarList
            items={rows.map((r) => ({
              key: String(r.bucket),
              label: String(r.bucket),
              value: typeof r.customers === 'number' ? r.customers : null,
              display: `${formatCount(r.customers)} (${formatPercent(r.share_of_customers, undefined, 0)})`,
              detail: `${formatPercent(r.unit_return_rate)} of units back`,
              title: `${formatFigure(r.refund_amount, 'refund_amount' in props.runner.notInData('customer_return_distribution'), (v) => `${formatMoney(v, currency)} refunded to them`)}. Click to show only “${String(r.bucket)}” in the table below`,
            }))}
            max={niceMax(rows.map((r) => r.customers))}
            selected={readSegment(view.params)}
            onSelect={(key) => props.setView({ params: withSegment(view.params, key) })}
            color="violet"
            labelWidth="8rem"
            testId="customer-segments"
            ariaLabel="Customers per segment"
          />
          <Note>
            Frequent returner: enough orders and a rate significantly above the average customer’s, but not serial. Few orders: too few to
            judge. Click a segment to list its customers below.
          </Note>
        </>
      )}
    </ModelPanel>
  );
}
