import { Card, Text } from '@tremor/react';
import { MoneyScopeNote } from '../components/MoneyScopeNote';
import { ViewLink } from '../components/ViewLink';
import { formatMoneyHeadline } from '../format';
import { KpiPanel } from '../panels/KpiPanel';
import { ReasonsPanel } from '../panels/ReasonsPanel';
import { RetentionPanel } from '../panels/RetentionPanel';
import { ReturnTrendPanel } from '../panels/ReturnTrendPanel';
import { WorstSkusPanel } from '../panels/WorstSkusPanel';
import { useModel } from '../use-model';
import { basisOf, basisParams } from '../view/date-basis';
import type { PageProps } from '../view/types';

/** The first screen: headline numbers with their change, the trend, reasons, the worst SKUs. */
export function OverviewPage(props: PageProps) {
  const { runner } = props;
  const hasTrend = runner.modelNames.includes('return_trend');
  const hasRetention = runner.modelNames.includes('retained_revenue');
  return (
    <div className="space-y-6" data-testid="page-overview">
      <OverviewHeadline {...props} />
      <div className="grid gap-6 lg:grid-cols-2">
        {hasTrend && <ReturnTrendPanel {...props} />}
        <ReasonsPanel {...props} />
      </div>
      <WorstSkusPanel {...props} />
      {hasRetention && <RetentionPanel {...props} />}
      <OverviewCostLine {...props} />
    </div>
  );
}

/**
 * The headline numbers' query, asked for here, in the page's first panel, and not in the page:
 * React runs a child's effects before its parent's, so asked by the page it went to DuckDB after
 * every other panel's (at 1M order lines the cards came 0.4–0.6 s after the rest).
 */
function useOverviewKpis({ runner, view, paramsFor, dataVersion }: PageProps) {
  // On the refund basis the cards' returns and money are dated by refund (kpis.sql); sales and rates stay by order date.
  return useModel(runner, 'kpis', { ...paramsFor(), ...basisParams(view) }, dataVersion);
}

function OverviewHeadline(props: PageProps) {
  const kpis = useOverviewKpis(props);
  const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
  return (
    <>
      <MoneyScopeNote kpis={row} view={props.view} setView={props.setView} />
      {basisOf(props.view) === 'refund' && (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="overview-basis-note">
          By refund date (cash): returned value, refunds, days to refund and revenue retained count each return in the period its
          money moved. Orders, units and sales count by order date, and the return rates stay cohort rates (the returns of the
          period’s orders), so a rate never mixes this period’s sales with refunds of older orders.
        </p>
      )}
      <KpiPanel {...props} kpis={kpis} />
    </>
  );
}

/** The refunded money again, with the way to the Cost page (the same kpis answer as the cards: asked once). */
function OverviewCostLine(props: PageProps) {
  const { view, setView, currency } = props;
  const kpis = useOverviewKpis(props);
  const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
  const refund = row?.refund_amount;
  if (typeof refund !== 'number') return null;
  const refundBasis = basisOf(view) === 'refund';
  const costView = { ...view, page: 'cost' as const, params: {}, drill: null };
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="overview-cost-line">
      <Text>
        Refunded (the card above): {formatMoneyHeadline(refund, currency ?? row?.currency)} of money refunded on accepted returns, by
        {refundBasis ? ' refund date' : ' order date'}. Labels, handling and inspection, minus what is recovered, make the net cost of
        returns: on the Cost page, by order date or by refund date.
      </Text>
      <ViewLink
        view={costView}
        setView={setView}
        className="rounded-tremor-small text-tremor-default font-medium text-tremor-brand underline outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:text-dark-tremor-brand"
      >
        Cost &amp; recovery →
      </ViewLink>
    </Card>
  );
}
