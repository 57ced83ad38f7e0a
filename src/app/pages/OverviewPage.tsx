import { Card, Text } from '@tremor/react';
import { MoneyScopeNote } from '../components/MoneyScopeNote';
import { formatMoneyHeadline } from '../format';
import { KpiPanel } from '../panels/KpiPanel';
import { ReasonsPanel } from '../panels/ReasonsPanel';
import { RetentionPanel } from '../panels/RetentionPanel';
import { ReturnTrendPanel } from '../panels/ReturnTrendPanel';
import { WorstSkusPanel } from '../panels/WorstSkusPanel';
import { useModel } from '../use-model';
import { basisOf, basisParams } from '../view/date-basis';
import type { PageProps } from '../view/types';
import { serializeView } from '../view/view-url';

/** The first screen: headline numbers with their change, the trend, reasons, the worst SKUs. */
export function OverviewPage(props: PageProps) {
  const { runner, view, paramsFor, dataVersion, setView, currency } = props;
  // On the refund basis the cards' returns and money are dated by refund (kpis.sql); sales and rates stay by order date.
  const kpis = useModel(runner, 'kpis', { ...paramsFor(), ...basisParams(view) }, dataVersion);
  const refundBasis = basisOf(view) === 'refund';
  const hasTrend = runner.modelNames.includes('return_trend');
  const hasRetention = runner.modelNames.includes('retained_revenue');
  const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
  const refund = row?.refund_amount;
  const costView = { ...view, page: 'cost' as const, params: {}, drill: null };

  return (
    <div className="space-y-6" data-testid="page-overview">
      <MoneyScopeNote kpis={row} view={view} setView={setView} />
      {refundBasis && (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="overview-basis-note">
          By refund date (cash): returned value, refunds, days to refund and revenue retained count each return in the period its
          money moved. Orders, units and sales count by order date, and the return rates stay cohort rates (the returns of the
          period’s orders), so a rate never mixes this period’s sales with refunds of older orders.
        </p>
      )}
      <KpiPanel {...props} kpis={kpis} />
      <div className="grid gap-6 lg:grid-cols-2">
        {hasTrend && <ReturnTrendPanel {...props} />}
        <ReasonsPanel {...props} />
      </div>
      <WorstSkusPanel {...props} />
      {hasRetention && <RetentionPanel {...props} />}
      {typeof refund === 'number' && (
        <Card className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="overview-cost-line">
          <Text>
            Refunded (the card above): {formatMoneyHeadline(refund, currency ?? row?.currency)} of money refunded on accepted returns, by
            {refundBasis ? ' refund date' : ' order date'}. Labels, handling and inspection, minus what is recovered, make the net cost of
            returns: on the Cost page, by order date or by refund date.
          </Text>
          <a
            href={`${window.location.pathname}${serializeView(costView)}`}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              setView(costView);
            }}
            className="rounded-tremor-small text-tremor-default font-medium text-tremor-brand underline outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:text-dark-tremor-brand"
          >
            Cost &amp; recovery →
          </a>
        </Card>
      )}
    </div>
  );
}
