import { BarChart } from '../../components/charts/BarChart';
import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { Empty, Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatDays, formatPercent } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { columnLabel, inWords, stageLabel, stageShort } from '../../labels';

const MEDIAN = 'Median';
const P90 = '90th percentile';
const SLA = 'Target (SLA)';

/**
 * stage_times, run once: median and 90th percentile per stage against its target, in process
 * order (the model's row order), then the table with breaches, open returns, data errors and
 * the stages that cannot be measured.
 */
export function StagePanels({ page }: { page: PageProps }) {
  const state = useModel(page.runner, 'stage_times', page.paramsFor(), page.dataVersion);
  const leg = state.status === 'ok' ? state.rows[0]?.carrier_leg : undefined;
  const carriers = page.view.filters.carrier ?? [];
  return (
    <div className="space-y-6">
      {typeof leg === 'string' && <CarrierLegNote leg={leg} carriers={carriers} />}
      <ModelPanel
        title="Days per stage against target"
        subtitle="Request → approve → receive → inspect → refund, then end to end. A 90th percentile above the target means more than 1 in 10 returns breach it."
        state={state}
        testId="panel-stage-chart"
      >
        {(rows) => (rows.length === 0 ? <Empty>No returns in this selection.</Empty> : <StageChart rows={rows} />)}
      </ModelPanel>
      <ModelPanel title="Stages in numbers" subtitle="Each stage measures the returns that carry both of its timestamps" state={state} testId="panel-stage-table">
        {(rows) => (rows.length === 0 ? <Empty>No returns in this selection.</Empty> : <StageTable page={page} rows={rows} />)}
      </ModelPanel>
    </div>
  );
}

/**
 * Which leg the global Carrier filter means here. Everywhere else it is the outbound carrier;
 * on this page (stage_times.sql) it is the return leg, whose transit these stages measure,
 * unless the data names no return carrier at all.
 */
function CarrierLegNote({ leg, carriers }: { leg: string; carriers: readonly string[] }) {
  const chosen = carriers.length > 0 ? ` (${carriers.join(', ')})` : '';
  return (
    <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="turnaround-carrier-leg" data-leg={leg}>
      {leg === 'return'
        ? `The Carrier filter${chosen} on this page selects the return leg: the carrier that brought each return back, whose transit these stages time. On the other pages it is the outbound carrier. Returns with no return carrier are left out when a carrier is chosen.`
        : `The Carrier filter${chosen} on this page selects the outbound carrier: the loaded returns name no return carrier.`}
    </p>
  );
}

function StageChart({ rows }: { rows: Row[] }) {
  const data = rows.map((r) => ({
    // A stage without its timestamps is drawn empty and marked, not as 0 days.
    stage: typeof r.note === 'string' ? `${stageShort(r.stage)} *` : stageShort(r.stage),
    [MEDIAN]: typeof r.median_days === 'number' ? r.median_days : null,
    [P90]: typeof r.p90_days === 'number' ? r.p90_days : null,
    [SLA]: typeof r.sla_days === 'number' ? r.sla_days : null,
  }));
  const unmeasured = rows.some((r) => typeof r.note === 'string');
  return (
    <div>
      <BarChart
        className="h-72"
        data={data}
        index="stage"
        categories={[MEDIAN, P90, SLA]}
        colors={['blue', 'sky', 'gray']}
        valueFormatter={(v: number) => formatDays(v)}
        yAxisWidth={64}
        data-testid="stage-chart"
      />
      {unmeasured && (
        <Note>
          * Cannot be measured with the loaded data:{' '}
          {rows.map((r) => (typeof r.note === 'string' ? <span key={String(r.stage)}>{`${stageShort(r.stage)} ${inWords(r.note)}. `}</span> : null))}
        </Note>
      )}
    </div>
  );
}

function StageTable({ page, rows }: { page: PageProps; rows: Row[] }) {
  // drill_returns has no stage filter: the drill opens every return of the selection, to be
  // sorted by the stage's timestamps in the drill table.
  const drillAll = () => page.openDrill({ kind: 'returns', where: {}, title: 'Returns of the selection (sort by a timestamp to find the slow ones)' });
  return (
    <div>
      <Table data-testid="stage-table">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Stage</TableHeaderCell>
            <TableHeaderCell className="text-right">Returns measured</TableHeaderCell>
            <TableHeaderCell className="text-right">Median</TableHeaderCell>
            <TableHeaderCell className="text-right">90th percentile</TableHeaderCell>
            <TableHeaderCell className="text-right">Target</TableHeaderCell>
            <TableHeaderCell className="text-right">Breaches</TableHeaderCell>
            <TableHeaderCell className="text-right" title="Returns that reached the start of the stage but not its end (rejected ones excluded)">
              Open
            </TableHeaderCell>
            <TableHeaderCell className="text-right" title="End stamped before start: data errors, left out of the statistics">
              Dates out of order
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const label = stageLabel(r.stage);
            const overSla = typeof r.median_days === 'number' && typeof r.sla_days === 'number' && r.median_days > r.sla_days;
            return (
              <TableRow key={String(r.stage)}>
                <TableCell>
                  <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{label}</span>
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                    from the {columnLabel(r.from_column)} to the {columnLabel(r.to_column)}
                  </span>
                  {typeof r.note === 'string' && (
                    <Badge size="xs" color="amber" className="mt-1" title="This stage cannot be measured with the loaded data">
                      {inWords(r.note)}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="text-right">
                  {r.returns === 0 ? (
                    <span className="tabular-nums">{formatCount(r.returns)}</span>
                  ) : (
                    <DrillButton title="Show the returns of the selection" onClick={drillAll}>
                      {formatCount(r.returns)}
                    </DrillButton>
                  )}
                </TableCell>
                <TableCell className={`text-right tabular-nums ${overSla ? 'font-semibold text-rose-600 dark:text-rose-400' : ''}`}>{formatDays(r.median_days)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatDays(r.p90_days)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatDays(r.sla_days)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(r.breaches)}
                  <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatPercent(r.breach_rate)}</span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatCount(r.open)}</TableCell>
                <TableCell className={`text-right tabular-nums ${typeof r.negative === 'number' && r.negative > 0 ? 'text-amber-600 dark:text-amber-400' : ''}`}>
                  {formatCount(r.negative)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Note>
        Targets are assumptions (SLA days per stage): change them under Assumptions and this page follows. Breaches: durations longer than the
        target (below: their share of the valid durations). Open: returns that reached the start of a stage but not its end, a snapshot at the
        time of the export. Dates out of order: end stamped before start, a data error left out of the statistics.
      </Note>
    </div>
  );
}
