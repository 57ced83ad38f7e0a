import { Badge, Callout } from '@tremor/react';
import { DrillButton } from '../../components/charts/DrillButton';
import { Note } from '../../components/charts/PageHeader';
import { niceMax, toPercentOfScale } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { cellNotInData } from '../../../runner/model-header';
import { cellNotInDataTitle, formatCellFigure, formatCount, formatMoney } from '../../format';
import { useModel } from '../../use-model';
import { basisOf, basisParams } from '../../view/date-basis';
import type { PageProps } from '../../view/types';
import { AssumptionList } from '../cost/AssumptionList';
import { caseNoun, exampleIds, neededColumns, ruleLabel } from './rules';
import { inWords } from '../../labels';

/**
 * The leakage audit: one row per rule with its cases and the money at stake. The rules overlap
 * (a line refunded twice usually also has more units returned than sold), so there is no total:
 * each rule stands on its own. A rule's cases open in the drill-down (leakage_cases).
 */
export function LeakagePanel(props: PageProps) {
  const { currency } = props;
  // On the refund basis a case counts in the period its money moved (leakage.sql), and so do the rows of its drill-down.
  const basis = basisParams(props.view);
  const state = useModel(props.runner, 'leakage', { ...props.paramsFor(), ...basis }, props.dataVersion);
  const refundBasis = basisOf(props.view) === 'refund';
  // rules or amounts the loaded data has no inputs for: "not in the data", never $0
  const absent = props.runner.notInData('leakage');
  return (
    <ModelPanel
      title="Leakage audit"
      subtitle="Refunds and policy exceptions worth checking, one audit rule per row"
      state={state}
      testId="panel-leakage"
    >
      {(rows) => {
        const max = niceMax(rows.map((r) => r.amount));
        // counted, but not priced: no bar is drawn for them, and the note below says why
        const unpriced = rows.filter((r) => typeof r.cases === 'number' && r.amount == null);
        const unpricedColumns = [...new Set(unpriced.flatMap((r) => cellNotInData(absent, 'amount', r) ?? []))];
        return (
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_14rem]">
            <div className="space-y-4">
              <Callout title="Amounts are per rule and are not added up" color="amber" data-testid="leakage-overlap">
                The rules overlap: a line refunded twice usually also has more units returned than sold, so it shows under both. None of
                these findings is proof of fraud or error; some can be deliberate policy (instant refunds, keep-it refunds).
              </Callout>
              <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="leakage-rules">
                {rows.map((r) => {
                  const needs = neededColumns(r.status);
                  const cases = typeof r.cases === 'number' ? r.cases : null;
                  const width = toPercentOfScale(r.amount, max);
                  const ids = exampleIds(r.example_ids);
                  return (
                    <li key={String(r.rule)} className="grid gap-3 py-3 md:grid-cols-[minmax(0,1fr)_14rem]" data-rule={String(r.rule)}>
                      <div>
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                            {ruleLabel(r.rule)}
                          </span>
                          {needs && (
                            <Badge size="xs" color="amber" title="The loaded data has no values in these columns, so the rule cannot find its cases">
                              needs {needs.map(inWords).join(', ')}
                            </Badge>
                          )}
                        </div>
                        <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">{String(r.description ?? '')}</p>
                        {ids.length > 0 && (
                          <p className="mt-1 text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle">
                            e.g. {ids.join(', ')}
                          </p>
                        )}
                      </div>
                      <div className="text-right">
                        <div
                          className="text-lg font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong"
                          title={cellNotInDataTitle(r, 'amount', absent)}
                          data-testid="leakage-amount"
                        >
                          {formatCellFigure(r, 'amount', absent, (v) => formatMoney(v, currency))}
                        </div>
                        <div className="text-tremor-default tabular-nums text-tremor-content dark:text-dark-tremor-content" title={cellNotInDataTitle(r, 'cases', absent)}>
                          {cases !== null && cases > 0 ? (
                            <DrillButton
                              onClick={() =>
                                props.openDrill({ kind: 'leakage', where: { rule: String(r.rule), ...basis }, title: `Leakage cases: ${ruleLabel(r.rule)}` })
                              }
                              title={`Show the ${formatCount(cases)} cases of “${ruleLabel(r.rule)}”`}
                            >
                              {`${formatCount(cases)} ${caseNoun(r.rule, cases)}`}
                            </DrillButton>
                          ) : (
                            formatCellFigure(r, 'cases', absent, (v) => `${formatCount(v)} ${caseNoun(r.rule, v)}`)
                          )}
                        </div>
                        {!needs && (
                          <div className="relative mt-1 h-1.5 rounded-full bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle">
                            {width !== null && width > 0 && (
                              <span className="absolute inset-y-0 right-0 rounded-full bg-rose-500" style={{ width: `max(${width}%, 2px)` }} />
                            )}
                          </div>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
              {unpriced.length > 0 && (
                <Note>
                  <span data-testid="leakage-unpriced">
                    No bar for {unpriced.map((r) => ruleLabel(r.rule)).join(', ')}: their cases are counted, but their amounts are not in the data
                    (the loaded data has no values in {unpricedColumns.map(inWords).join(', ')}).
                  </span>
                </Note>
              )}
              <Note>
                <span data-testid="leakage-basis-note">
                  {refundBasis
                    ? 'Cases are counted in the period their money moved (refund date, else received, else requested)'
                    : 'Cases are counted in the period their order was placed'}
                </span>
                ; the view’s filters apply. Click a case count to list the cases.
              </Note>
            </div>
            <aside className="self-start rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border">
              <AssumptionList keys={['return_window_days']} edited={props.view.assumptions} currency={currency} title="Used by the rules" />
            </aside>
          </div>
        );
      }}
    </ModelPanel>
  );
}
