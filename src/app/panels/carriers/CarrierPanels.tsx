import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { DrillButton } from '../../components/charts/DrillButton';
import { ACCEPTED } from '../../components/charts/drill-where';
import { Empty, Note } from '../../components/charts/PageHeader';
import { SelectableBarList, type BarColor } from '../../components/charts/SelectableBarList';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { niceMax } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatDays, formatPercent } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';

interface Metric {
  key: string;
  label: string;
  help: string;
  color: BarColor;
  format: (v: unknown) => string;
  /** A second line under the value: the count behind a rate. */
  detail?: (r: Row) => string;
}

const METRICS: Metric[] = [
  {
    key: 'late_rate',
    label: 'Late deliveries',
    help: 'Delivered after the promised time, among delivered shipments with a promise',
    color: 'amber',
    format: (v) => formatPercent(v),
  },
  {
    key: 'transit_damage_rate',
    label: 'Damaged in transit',
    help: 'Accepted “damaged in transit” returns per shipment',
    color: 'rose',
    format: (v) => formatPercent(v),
    detail: (r) => `${formatCount(r.transit_damage_returns)} returns`,
  },
  {
    key: 'lost_rate',
    label: 'Lost parcels',
    help: 'Shipments with status lost, per shipment',
    color: 'violet',
    format: (v) => formatPercent(v, undefined, 2),
    detail: (r) => `${formatCount(r.lost)} lost`,
  },
  {
    key: 'pickup_failure_rate',
    label: 'Failed return pickups',
    help: 'Reverse pickups that finally failed, per pickup attempted',
    color: 'cyan',
    format: (v) => formatPercent(v),
    detail: (r) => `${formatCount(r.pickup_failures)} of ${formatCount(r.reverse_pickups)}`,
  },
  {
    key: 'median_return_transit_days',
    label: 'Return transit (median)',
    help: 'Days from approval (else request) to receipt at the warehouse',
    color: 'blue',
    format: (v) => formatDays(v),
  },
];

/**
 * carrier_performance, run once: one small bar chart per metric (each on its own scale; click
 * selects the carrier) and the full table, carriers in the model's order.
 */
export function CarrierPanels({ page }: { page: PageProps }) {
  const state = useModel(page.runner, 'carrier_performance', page.paramsFor('carrier'), page.dataVersion);
  const selected = page.view.selection?.dim === 'carrier' ? page.view.selection.value : null;
  return (
    <div className="space-y-6">
      <ModelPanel
        title="Carriers side by side"
        subtitle="Outbound: late, damaged and lost; return leg: failed pickups and transit time. Click a bar to filter by the carrier."
        state={state}
        testId="panel-carrier-metrics"
      >
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No shipments or return legs in this selection.</Empty>
          ) : (
            <div className="grid gap-x-8 gap-y-6 md:grid-cols-2 xl:grid-cols-3">
              {METRICS.map((m) => (
                <div key={m.key}>
                  <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{m.label}</p>
                  <p className="mb-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">{m.help}</p>
                  <SelectableBarList
                    ariaLabel={`${m.label} per carrier`}
                    testId={`carrier-bars-${m.key}`}
                    items={rows.map((r) => ({
                      key: String(r.carrier),
                      label: String(r.carrier),
                      value: typeof r[m.key] === 'number' ? (r[m.key] as number) : null,
                      display: m.format(r[m.key]),
                      detail: m.detail?.(r),
                    }))}
                    max={niceMax(rows.map((r) => r[m.key]))}
                    selected={selected}
                    onSelect={(c) => page.select('carrier', c)}
                    color={m.color}
                    labelWidth="7rem"
                  />
                </div>
              ))}
            </div>
          )
        }
      </ModelPanel>
      <ModelPanel title="Carrier figures" subtitle="Click a count to see the returns behind it" state={state} testId="panel-carrier-table">
        {(rows) => (rows.length === 0 ? <Empty>No shipments or return legs in this selection.</Empty> : <CarrierTable page={page} rows={rows} selected={selected} />)}
      </ModelPanel>
    </div>
  );
}

function CarrierTable({ page, rows, selected }: { page: PageProps; rows: Row[]; selected: string | null }) {
  const drill = (carrier: string, reason: string, what: string) =>
    page.openDrill({ kind: 'returns', where: { carrier, reason, ...ACCEPTED }, title: `${what}: ${carrier}`, ownDim: 'carrier' });
  // This panel ignores a carrier selection (it shows every carrier), so its drills do too.
  const legDrill = (where: Record<string, string>, title: string) =>
    page.openDrill({ kind: 'returns', where, title, ownDim: 'carrier' });
  return (
    <div>
      <Table data-testid="carrier-table">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-2">Carrier</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Filtered orders shipped with this carrier; below: delivered">
              Shipments
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Late among delivered shipments with a promise; below: median days late">
              Late
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right">Lost</TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Accepted returns “damaged in transit”; below: per shipment">
              Damaged in transit
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Accepted returns “arrived too late”">
              Late-delivery returns
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Reverse pickups that finally failed, of the pickups attempted">
              Failed pickups
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Returns carried back by this carrier">
              Return legs
            </TableHeaderCell>
            <TableHeaderCell className="px-2 text-right" title="Median days from approval (else request) to receipt">
              Return transit
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const c = String(r.carrier);
            return (
              <SelectableRow key={c} selected={selected === c} anySelected={selected !== null} onSelect={() => page.select('carrier', c)} label={`Carrier ${c}`}>
                <TableCell className="px-2 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{c}</TableCell>
                <TableCell className="px-2 text-right tabular-nums">
                  {formatCount(r.shipments)}
                  <Sub>{formatCount(r.delivered)} delivered</Sub>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums">
                  {formatPercent(r.late_rate)}
                  <Sub>{r.median_delay_days == null ? '—' : `${formatDays(r.median_delay_days)} late`}</Sub>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums">
                  {formatCount(r.lost)}
                  <Sub>{formatPercent(r.lost_rate, undefined, 2)}</Sub>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the damaged-in-transit returns of orders shipped with ${c}`} onClick={() => drill(c, 'damaged_in_transit', 'Damaged in transit')}>
                    {formatCount(r.transit_damage_returns)}
                  </DrillButton>
                  <Sub>{formatPercent(r.transit_damage_rate)}</Sub>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton title={`Show the late-delivery returns of orders shipped with ${c}`} onClick={() => drill(c, 'late_delivery', 'Arrived too late')}>
                    {formatCount(r.late_delivery_returns)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton
                    title={`Show the returns whose pickup by ${c} failed`}
                    onClick={() =>
                      legDrill({ return_carrier: c, pickup_failed: 'true' }, `Failed return pickups: ${c}`)
                    }
                  >
                    {formatCount(r.pickup_failures)}
                  </DrillButton>
                  <Sub>
                    of {formatCount(r.reverse_pickups)} · {formatPercent(r.pickup_failure_rate)}
                  </Sub>
                </TableCell>
                <TableCell className="px-2 text-right">
                  <DrillButton
                    title={`Show the returns carried back by ${c}`}
                    onClick={() => legDrill({ return_carrier: c }, `Returns carried back by ${c}`)}
                  >
                    {formatCount(r.return_legs)}
                  </DrillButton>
                </TableCell>
                <TableCell className="px-2 text-right tabular-nums">{formatDays(r.median_return_transit_days)}</TableCell>
              </SelectableRow>
            );
          })}
        </TableBody>
      </Table>
      <Note>
        Outbound figures belong to the carrier that delivered the order; pickups and return transit to the carrier that took the return back
        (which may be another). The carrier filter selects orders by their outbound carrier.
      </Note>
    </div>
  );
}

function Sub({ children }: { children: ReactNode }) {
  return <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{children}</span>;
}
