import { Badge, Callout, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { DrillButton } from '../../components/charts/DrillButton';
import { Empty, Note } from '../../components/charts/PageHeader';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { ModelPanel } from '../../components/ModelPanel';
import { MISSING, cellNotInDataTitle, formatCellFigure, formatCount, formatMoney } from '../../format';
import { inWords } from '../../labels';
import { useModel } from '../../use-model';
import { SignalProducts } from './SignalProducts';
import type { PageProps } from '../../view/types';
import {
  PERSONAL_DATA_NOTE,
  SIGNAL_ROWS_STEP,
  SIGNAL_THRESHOLDS,
  isSignalRule,
  readSignalRows,
  readSignalRule,
  signalNeeds,
  signalRuleLabel,
  thresholdParams,
  thresholdWhere,
  withSignalRows,
  withSignalRule,
} from '../customers/customer-params';

const pagerButton =
  'rounded-tremor-default border border-tremor-border px-3 py-1 text-tremor-default text-tremor-content-emphasis outline-none hover:bg-tremor-background-subtle focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle';

/**
 * abuse_signal_summary: one row per rule (count, customers, returns, money at stake, status).
 * Clicking a rule narrows the signals table to it (view.params.rule); its count opens the rows
 * behind every signal of the rule (abuse_cases) with the page's thresholds.
 */
export function SignalSummaryPanel(props: PageProps) {
  const { view, currency } = props;
  const state = useModel(
    props.runner,
    'abuse_signal_summary',
    { ...props.paramsFor(), ...thresholdParams(view.params, SIGNAL_THRESHOLDS) },
    props.dataVersion,
  );
  const selected = readSignalRule(view.params);
  // rules or amounts the loaded data has no inputs for: "not in the data", never 0 or $0
  const absent = props.runner.notInData('abuse_signal_summary');
  return (
    <ModelPanel title="Signals per rule" subtitle="Each rule on its own: a customer can be flagged by several, so nothing is added up" state={state} testId="panel-signal-summary">
      {(rows) => (
        <>
          <Table data-testid="signal-summary-table">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Rule</TableHeaderCell>
                <TableHeaderCell className="text-right">Signals</TableHeaderCell>
                <TableHeaderCell className="text-right">Customers</TableHeaderCell>
                <TableHeaderCell className="text-right">Returns</TableHeaderCell>
                <TableHeaderCell className="text-right">Money at stake</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => {
                const rule = String(r.rule);
                const needs = signalNeeds(r.status);
                const signals = typeof r.signals === 'number' ? r.signals : null;
                const cells = (
                  <>
                    <TableCell className="whitespace-normal">
                      <div className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{signalRuleLabel(rule)}</div>
                      <div className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{inWords(r.description)}</div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {signals !== null && signals > 0 && isSignalRule(rule) ? (
                        <DrillButton
                          title={`Show the orders and returns behind the ${formatCount(signals)} “${signalRuleLabel(rule)}” signals`}
                          onClick={() =>
                            props.openDrill({
                              kind: 'abuse',
                              where: { rule, ...thresholdWhere(view.params, SIGNAL_THRESHOLDS) },
                              title: `Signals to review: ${signalRuleLabel(rule)}`,
                              note: PERSONAL_DATA_NOTE,
                            })
                          }
                        >
                          {formatCount(signals)}
                        </DrillButton>
                      ) : (
                        formatCellFigure(r, 'signals', absent, formatCount)
                      )}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatCellFigure(r, 'customers', absent, formatCount)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCellFigure(r, 'returns', absent, formatCount)}</TableCell>
                    <TableCell className="text-right tabular-nums" title={cellNotInDataTitle(r, 'amount', absent)}>
                      {formatCellFigure(r, 'amount', absent, (v) => formatMoney(v, currency))}
                    </TableCell>
                    <TableCell>
                      {needs ? (
                        <Badge size="xs" color="amber" title="The loaded data has no values for this, so the rule cannot run">
                          needs {needs}
                        </Badge>
                      ) : (
                        <Badge size="xs" color="emerald">
                          ok
                        </Badge>
                      )}
                    </TableCell>
                  </>
                );
                return isSignalRule(rule) && !needs ? (
                  <SelectableRow
                    key={rule}
                    selected={selected === rule}
                    anySelected={selected !== null}
                    onSelect={() => props.setView({ params: withSignalRule(view.params, rule) })}
                    label={`Rule ${signalRuleLabel(rule)}`}
                  >
                    {cells}
                  </SelectableRow>
                ) : (
                  <TableRow key={rule} data-rule={rule}>
                    {cells}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Note>Click a rule to list only its signals below; click a signal count to open the orders and returns behind them.</Note>
        </>
      )}
    </ModelPanel>
  );
}

/**
 * abuse_signals: one row per signal, in the model's order (rule, then money at stake). The
 * first 50 are shown, 50 more per click (view.params.sig_rows); a row opens its cases.
 */
export function SignalListPanel(props: PageProps) {
  const { view, currency } = props;
  const rule = readSignalRule(view.params);
  const shown = readSignalRows(view.params);
  const state = useModel(
    props.runner,
    'abuse_signals',
    { ...props.paramsFor(), ...thresholdParams(view.params, SIGNAL_THRESHOLDS), ...(rule ? { rule } : {}) },
    props.dataVersion,
  );
  const where = thresholdWhere(view.params, SIGNAL_THRESHOLDS);
  const absent = props.runner.notInData('abuse_signals');
  return (
    <ModelPanel
      title="Signals to review"
      subtitle={
        rule ? (
          <span className="flex flex-wrap items-center gap-2">
            Rule: {signalRuleLabel(rule)}
            <button type="button" className={pagerButton} onClick={() => props.setView({ params: withSignalRule(view.params, rule) })} data-testid="signal-rule-clear">
              Show every rule
            </button>
          </span>
        ) : (
          'Every rule, by money at stake within each rule'
        )
      }
      state={state}
      testId="panel-signal-list"
    >
      {(rows) => {
        if (rows.length === 0) return <Empty>No signals in this selection at these thresholds.</Empty>;
        const visible = rows.slice(0, shown);
        return (
          <>
            <div className="overflow-x-auto">
              <Table data-testid="signal-table">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Rule</TableHeaderCell>
                    <TableHeaderCell>Customer</TableHeaderCell>
                    <TableHeaderCell>Order</TableHeaderCell>
                    <TableHeaderCell>Product</TableHeaderCell>
                    <TableHeaderCell className="text-right">Returns</TableHeaderCell>
                    <TableHeaderCell className="whitespace-nowrap text-right">Money at stake</TableHeaderCell>
                    <TableHeaderCell>Detail</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {visible.map((r) => {
                    const id = String(r.signal_id);
                    const open = () =>
                      props.openDrill({
                        kind: 'abuse',
                        where: { signal: id, ...where },
                        title: `Signal to review: ${signalRuleLabel(r.rule)}${r.customer_id ? `, customer ${String(r.customer_id)}` : ''}`,
                        note: PERSONAL_DATA_NOTE,
                      });
                    return (
                      <TableRow key={id} data-signal={id}>
                        <TableCell className="min-w-[11rem] max-w-[15rem] whitespace-normal [&_button]:text-left">
                          <DrillButton title={`Show the orders and returns behind this signal${r.customer_id ? ` (customer ${String(r.customer_id)})` : ''}`} onClick={open}>
                            {signalRuleLabel(r.rule)}
                          </DrillButton>
                        </TableCell>
                        <TableCell className="font-mono">{r.customer_id == null ? MISSING : String(r.customer_id)}</TableCell>
                        <TableCell className="font-mono">{r.order_id == null ? MISSING : String(r.order_id)}</TableCell>
                        <TableCell className="min-w-[12rem] max-w-[18rem] whitespace-normal">
                          <SignalProducts row={r} />
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{formatCount(r.returns)}</TableCell>
                        <TableCell className="text-right tabular-nums" title={cellNotInDataTitle(r, 'amount', absent)}>
                          {formatCellFigure(r, 'amount', absent, (v) => formatMoney(v, currency))}
                        </TableCell>
                        <TableCell className="min-w-[16rem] whitespace-normal text-tremor-label">{inWords(r.detail)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              <span data-testid="signal-count">
                {formatCount(visible.length)} of {formatCount(rows.length)} signals shown
              </span>
              {rows.length > shown && (
                <button
                  type="button"
                  className={pagerButton}
                  onClick={() => props.setView({ params: withSignalRows(view.params, shown + SIGNAL_ROWS_STEP) }, { replace: true })}
                  data-testid="signal-more"
                >
                  Show {formatCount(Math.min(SIGNAL_ROWS_STEP, rows.length - shown))} more
                </button>
              )}
            </div>
          </>
        );
      }}
    </ModelPanel>
  );
}

/** The page's headline warning: these are patterns to look at, not findings. */
export function NotProofCallout() {
  return (
    <Callout title="Not proof" color="amber" data-testid="signals-not-proof">
      Each signal is a pattern that return abuse often leaves — and that honest customers and ordinary mistakes can leave too (a customer
      unsure of their size, a missed receipt scan). Look at the orders behind a signal before acting on it. Many returns to one address or
      payment method from different customer ids cannot be checked: the data has no address or payment column.
    </Callout>
  );
}
