import { Card, Text } from '@tremor/react';
import { MoneyScopeNote } from '../components/MoneyScopeNote';
import { formatMoney } from '../format';
import { KpiPanel } from '../panels/KpiPanel';
import { ReasonsPanel } from '../panels/ReasonsPanel';
import { RetentionPanel } from '../panels/RetentionPanel';
import { ReturnTrendPanel } from '../panels/ReturnTrendPanel';
import { WorstSkusPanel } from '../panels/WorstSkusPanel';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';
import { serializeView } from '../view/view-url';

/** The first screen: headline numbers with their change, the trend, reasons, the worst SKUs. */
export function OverviewPage(props: PageProps) {
  const { runner, view, paramsFor, dataVersion, setView, currency } = props;
  const kpis = useModel(runner, 'kpis', paramsFor(), dataVersion);
  const hasTrend = runner.modelNames.includes('return_trend');
  const hasRetention = runner.modelNames.includes('retained_revenue');
  const row = kpis.status === 'ok' ? kpis.rows[0] : undefined;
  const refund = row?.refund_amount;
  const costView = { ...view, page: 'cost' as const, params: {}, drill: null };

  return (
    <div className="space-y-6" data-testid="page-overview">
      <MoneyScopeNote kpis={row} view={view} setView={setView} />
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
            {formatMoney(refund, currency ?? row?.currency)} refunded on accepted returns in this view. Labels,
            handling, inspection and lost margin, minus what is recovered, are on the cost page.
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
