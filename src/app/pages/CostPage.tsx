import { Select, SelectItem } from '@tremor/react';
import { PageHeader } from '../components/charts/PageHeader';
import { KpiCards } from '../components/KpiCards';
import { MoneyScopeNote } from '../components/MoneyScopeNote';
import { CostBreakdownPanel } from '../panels/cost/CostBreakdownPanel';
import { COST_DIM_LABELS, COST_DIMS, readCostDim, withCostDim, type CostDim } from '../panels/cost/cost-params';
import { RecoveryPanel } from '../panels/cost/RecoveryPanel';
import { useModel } from '../use-model';
import type { PageProps } from '../view/types';

/** The headline money of the returns: what was returned at the price paid, what was refunded. */
const COST_KPIS = ['returned_value', 'refund_amount'];

/** Finance: what returns cost, broken down by one dimension, minus what is recovered. */
export function CostPage(props: PageProps) {
  const dim = readCostDim(props.view.params);
  // The same filters as the cost panels: how many order lines their money leaves out.
  const kpis = useModel(props.runner, 'kpis', props.paramsFor(), props.dataVersion);
  return (
    <div className="space-y-6" data-testid="page-cost">
      <PageHeader title="Cost & recovery" question="What do returns cost us, where, and how much comes back?">
        <div className="flex w-52 flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          Break down by
          <Select
            value={dim}
            onValueChange={(v) => props.setView({ params: withCostDim(props.view.params, v as CostDim) })}
            enableClear={false}
            data-testid="cost-dim"
          >
            {COST_DIMS.map((d) => (
              <SelectItem key={d} value={d}>
                {COST_DIM_LABELS[d]}
              </SelectItem>
            ))}
          </Select>
        </div>
      </PageHeader>
      <MoneyScopeNote kpis={kpis.status === 'ok' ? kpis.rows[0] : undefined} view={props.view} setView={props.setView} />
      <KpiCards
        state={kpis}
        currency={props.currency}
        keys={COST_KPIS}
        notInData={props.runner.notInData('kpis')}
        onDrill={props.openDrill}
      />
      <CostBreakdownPanel {...props} />
      <RecoveryPanel {...props} />
    </div>
  );
}
