import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { Empty, Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatDays, formatFigure, formatPercent, notInDataTitle } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';

const MODEL = 'carrier_service_levels';

/**
 * carrier_service_levels: delivery days and lateness per carrier and service level (standard,
 * express ...), so a slow carrier is told apart from a slow service. When no shipment has a
 * service level, the column reads "not in the data" and the rows are one per carrier.
 */
export function ServiceLevelPanel({ page }: { page: PageProps }) {
  const state = useModel(page.runner, MODEL, page.paramsFor('carrier'), page.dataVersion);
  const absent = page.runner.notInData(MODEL).service_level;
  return (
    <ModelPanel
      title="Delivery by service level"
      subtitle="Days from shipping to delivery and late deliveries, per carrier and the service sold (ship mode, shipping method)"
      state={state}
      testId="panel-service-levels"
    >
      {(rows) =>
        rows.length === 0 ? (
          <Empty>No shipments in this selection.</Empty>
        ) : (
          <div>
            <Table data-testid="service-level-table">
              <TableHead>
                <TableRow>
                  <TableHeaderCell className="px-2">Carrier</TableHeaderCell>
                  <TableHeaderCell className="px-2">Service level</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Filtered orders shipped; below: delivered">Shipments</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Median days from shipping to delivery; below: 90th percentile">Delivery days</TableHeaderCell>
                  <TableHeaderCell className="px-2 text-right" title="Late among delivered shipments with a promise">Late</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={`${String(r.carrier)}|${String(r.service_level)}`} data-carrier={String(r.carrier)} data-service-level={r.service_level == null ? '' : String(r.service_level)}>
                    <TableCell className="px-2 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{String(r.carrier)}</TableCell>
                    <TableCell className="px-2" title={absent && r.service_level == null ? notInDataTitle(absent) : undefined}>
                      {formatFigure(r.service_level, absent !== undefined, String)}
                    </TableCell>
                    <TableCell className="px-2 text-right tabular-nums">
                      {formatCount(r.shipments)}
                      <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatCount(r.delivered)} delivered</span>
                    </TableCell>
                    <TableCell className="px-2 text-right tabular-nums">
                      {formatDays(r.median_delivery_days)}
                      <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">p90 {formatDays(r.p90_delivery_days)}</span>
                    </TableCell>
                    <TableCell className="px-2 text-right tabular-nums">{formatPercent(r.late_rate)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {absent && (
              <Note>
                No shipment in the data has a service level: map a ship mode or shipping method column to shipments.service_level to compare
                standard and express deliveries.
              </Note>
            )}
          </div>
        )
      }
    </ModelPanel>
  );
}
