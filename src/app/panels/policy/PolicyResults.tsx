import { useMemo } from 'react';
import { Callout, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { cellNotInDataTitle, formatCellFigure } from '../../format';
import { humanize, inWords } from '../../labels';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import {
  assumptionRowLabel,
  BEFORE_AFTER,
  deltaTone,
  formatAssumptionRow,
  formatDelta,
  formatMetric,
  metricKind,
  policyModelParams,
  readPolicy,
  splitPolicyRows,
  WHAT_IF,
  type DeltaTone,
} from './policy-params';

const TONE_CLASS: Record<DeltaTone, string> = {
  better: 'text-emerald-700 dark:text-emerald-400',
  worse: 'text-rose-700 dark:text-rose-400',
  same: 'text-tremor-content dark:text-dark-tremor-content',
  neutral: 'text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis',
};

/**
 * policy_impact, run once and shown in three parts: before/after the change date, the what-if
 * savings with their total, and — next to them — the assumption rows the numbers rest on.
 */
export function PolicyResults(props: PageProps) {
  const { currency } = props;
  const inputs = readPolicy(props.view.params);
  const base = props.paramsFor();
  const params = useMemo(() => ({ ...base, ...policyModelParams(inputs) }), [base, inputs]);
  const state = useModel(props.runner, 'policy_impact', params, props.dataVersion);
  // figures the loaded data has no inputs for (refunds, labels): "not in the data", never $0
  const absent = props.runner.notInData('policy_impact');

  return (
    <ModelPanel
      title="Policy impact"
      subtitle="Orders are compared by the day they were placed; returns count in their order’s period"
      state={state}
      testId="panel-policy"
    >
      {(rows) => {
        const { beforeAfter, whatIf, total, assumptions } = splitPolicyRows(rows);
        return (
          <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
            <div className="space-y-6">
              <section aria-labelledby="policy-before-after">
                <h4 id="policy-before-after" className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                  Before and after {inputs.change_date ?? 'the change'}
                </h4>
                {inputs.change_date ? (
                  <BeforeAfterTable rows={beforeAfter} currency={currency} absent={absent} />
                ) : (
                  <Callout className="mt-2" title="No change date set" color="blue" data-testid="policy-no-date">
                    Pick the day the policy changed above to compare orders placed before it with orders placed on or after it.
                  </Callout>
                )}
              </section>
              <section aria-labelledby="policy-what-if" data-testid="policy-what-if">
                <h4 id="policy-what-if" className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                  What a stricter policy would have saved on this selection
                </h4>
                <div className="mt-3 grid gap-4 sm:grid-cols-[14rem_minmax(0,1fr)]">
                  <div className="rounded-tremor-default bg-emerald-50 p-4 dark:bg-emerald-950">
                    <div className="text-tremor-label text-emerald-800 dark:text-emerald-300">Total saved</div>
                    <div
                      className="text-2xl font-semibold tabular-nums text-emerald-900 dark:text-emerald-200"
                      data-testid="policy-total-saved"
                      title={total ? cellNotInDataTitle(total, 'value', absent) : undefined}
                    >
                      {total ? formatCellFigure(total, 'value', absent, (v) => formatMetric('money', v, currency)) : formatMetric('money', null, currency)}
                    </div>
                    <div className="mt-1 text-tremor-label text-emerald-800 dark:text-emerald-300">{inWords(total?.note)}</div>
                  </div>
                  <dl className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
                    {whatIf.map((r) => (
                      <div key={String(r.metric)} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 py-2">
                        <dt className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                          {WHAT_IF[String(r.metric)]?.label ?? humanize(r.metric)}
                        </dt>
                        <dd
                          className="text-right font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong"
                          title={cellNotInDataTitle(r, 'value', absent)}
                        >
                          {formatCellFigure(r, 'value', absent, (v) => formatMetric(metricKind(r.metric), v, currency))}
                        </dd>
                        <dd className="col-span-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">{inWords(r.note)}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              </section>
            </div>
            <aside
              className="rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border"
              aria-labelledby="policy-assumptions"
              data-testid="policy-assumptions"
            >
              <h4 id="policy-assumptions" className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                What these numbers assume
              </h4>
              <dl className="mt-2 space-y-3">
                {assumptions.map((r) => {
                  const v = formatAssumptionRow(r.metric, r.value, currency);
                  return (
                    <div key={String(r.metric)} className="text-tremor-label">
                      {/* Label and value may wrap, never touch: the value keeps its own column. */}
                      <dt className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3">
                        <span className="text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{assumptionRowLabel(r.metric)}</span>
                        {v !== null && (
                          <span className="whitespace-nowrap text-right font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{v}</span>
                        )}
                      </dt>
                      <dd className="text-tremor-content dark:text-dark-tremor-content">{inWords(r.note)}</dd>
                    </div>
                  );
                })}
              </dl>
            </aside>
          </div>
        );
      }}
    </ModelPanel>
  );
}

function BeforeAfterTable({ rows, currency, absent }: { rows: Row[]; currency: string | null; absent: Record<string, string[]> }) {
  return (
    <>
      <Table className="mt-2" data-testid="policy-before-after">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Metric</TableHeaderCell>
            <TableHeaderCell className="text-right">Before</TableHeaderCell>
            <TableHeaderCell className="text-right">On or after</TableHeaderCell>
            <TableHeaderCell className="text-right">Change</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const info = BEFORE_AFTER[String(r.metric)];
            const kind = info?.kind ?? 'count';
            const tone = deltaTone(r.metric, r.delta);
            const arrow = typeof r.delta === 'number' && r.delta > 0 ? '▲' : typeof r.delta === 'number' && r.delta < 0 ? '▼' : '';
            return (
              <TableRow key={String(r.metric)}>
                <TableCell className="whitespace-normal">
                  <span className="text-tremor-content-strong dark:text-dark-tremor-content-strong">{info?.label ?? humanize(r.metric)}</span>
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{inWords(r.note)}</span>
                </TableCell>
                <TableCell className="text-right tabular-nums" title={cellNotInDataTitle(r, 'before', absent)}>
                  {formatCellFigure(r, 'before', absent, (v) => formatMetric(kind, v, currency))}
                </TableCell>
                <TableCell className="text-right tabular-nums" title={cellNotInDataTitle(r, 'after', absent)}>
                  {formatCellFigure(r, 'after', absent, (v) => formatMetric(kind, v, currency))}
                </TableCell>
                <TableCell className={`text-right font-medium tabular-nums ${TONE_CLASS[tone]}`} data-tone={tone} title={cellNotInDataTitle(r, 'delta', absent)}>
                  {arrow && (
                    <span aria-hidden className="mr-1">
                      {arrow}
                    </span>
                  )}
                  {formatCellFigure(r, 'delta', absent, (v) => formatDelta(kind, v, currency))}
                  {(tone === 'better' || tone === 'worse') && <span className="sr-only"> ({tone})</span>}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Note>Green = lower rates or costs after the change, red = higher. Recent orders may still be returned, so “after” rates can still rise.</Note>
    </>
  );
}
