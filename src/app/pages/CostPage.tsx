import { Select, SelectItem } from '@tremor/react';
import { PageHeader } from '../components/charts/PageHeader';
import { MoneyScopeNote } from '../components/MoneyScopeNote';
import { CostBreakdownPanel } from '../panels/cost/CostBreakdownPanel';
import { CostSummary } from '../panels/cost/CostSummary';
import { COST_DIMS, costDimLabel, readCostDim, withCostDim, type CostDim } from '../panels/cost/cost-params';
import { RecoveryPanel } from '../panels/cost/RecoveryPanel';
import { FinancePack } from '../print/FinancePack';
import { PrintButton, PrintViewButton } from '../print/PrintButton';
import { useModel } from '../use-model';
import { basisOf } from '../view/date-basis';
import type { PageProps } from '../view/types';

/**
 * Finance: what returns cost, broken down by one dimension, minus what is recovered. The key
 * numbers on top (CostSummary), by order date or by refund date (the view's basis). With
 * `pack=finance` in the URL, the printable finance pack instead.
 */
export function CostPage(props: PageProps) {
  if (props.view.pack === 'finance') return <FinancePack {...props} />;
  return <CostPageBody {...props} />;
}

function CostPageBody(props: PageProps) {
  const dim = readCostDim(props.view.params);
  // The same filters as the cost panels: how many order lines their money leaves out.
  const kpis = useModel(props.runner, 'kpis', props.paramsFor(), props.dataVersion);
  return (
    <div className="space-y-6" data-testid="page-cost">
      <PageHeader title="Cost & recovery" question="What do returns cost us, where, and how much comes back?">
        <div className="flex flex-wrap items-end gap-3">
          <div className="print-hide flex w-52 flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            Break down by
            <Select
              value={dim}
              onValueChange={(v) => props.setView({ params: withCostDim(props.view.params, v as CostDim) })}
              enableClear={false}
              data-testid="cost-dim"
            >
              {COST_DIMS.map((d) => (
                <SelectItem key={d} value={d}>
                  {costDimLabel(d, basisOf(props.view))}
                </SelectItem>
              ))}
            </Select>
          </div>
          <PrintButton />
          <PrintViewButton label="Finance pack" onClick={() => props.setView({ pack: 'finance', drill: null })} testId="open-finance-pack" />
        </div>
      </PageHeader>
      <MoneyScopeNote kpis={kpis.status === 'ok' ? kpis.rows[0] : undefined} view={props.view} setView={props.setView} />
      <CostSummary {...props} />
      <CostBreakdownPanel {...props} />
      <RecoveryPanel {...props} />
    </div>
  );
}
