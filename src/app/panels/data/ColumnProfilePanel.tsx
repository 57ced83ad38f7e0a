import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { CANONICAL_TABLES, CONTRACT, type CanonicalTable } from '../../../data-model/contract';
import { Empty } from '../../components/charts/PageHeader';
import { toPercentOfScale } from '../../components/charts/scale';
import { ModelPanel } from '../../components/ModelPanel';
import { WhenNearView } from '../../components/WhenNearView';
import { formatCount, formatDate, formatDateTime, formatPercent, MISSING } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { readProfileTable, withProfileTable } from './data-params';

const TITLE = 'Column profile';
const SUBTITLE = 'What each column of the loaded table holds (whole table, not filtered)';

/**
 * column_profile of one canonical table (switcher in the URL as profile_table): how full each
 * column is, its distinct values, range and most frequent value; required columns are marked.
 * Worked out once the panel comes near the screen: it reads every cell of the table (1.1–1.4 s
 * in the page at 1M order lines), and, asked for by the Data page right after a load, it held
 * up the first page the user opened next by that much.
 */
export function ColumnProfilePanel(props: PageProps) {
  return (
    <WhenNearView
      placeholder={
        <Card data-testid="panel-profile-waiting">
          <h3 className="text-tremor-title font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{TITLE}</h3>
          <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">{SUBTITLE}</p>
          <p className="mt-4 text-tremor-default text-tremor-content dark:text-dark-tremor-content">Worked out when you scroll here: it reads every cell of the table.</p>
        </Card>
      }
    >
      <ColumnProfileCard {...props} />
    </WhenNearView>
  );
}

function ColumnProfileCard(props: PageProps) {
  const table = readProfileTable(props.view.params);
  const state = useModel(props.runner, 'column_profile', { table_name: table }, props.dataVersion);
  const required = new Set(CONTRACT[table].columns.filter((c) => c.required).map((c) => c.name));
  return (
    <ModelPanel
      title={TITLE}
      subtitle={
        <>
          <p>{SUBTITLE}</p>
          <TableSwitcher table={table} onChange={(t) => props.setView({ params: withProfileTable(props.view.params, t) }, { replace: true })} />
        </>
      }
      state={state}
      testId="panel-profile"
    >
      {(rows) => (
        <div className="space-y-4">
          {rows.length === 0 ? (
            <Empty>No columns.</Empty>
          ) : (
            <>
              <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
                {formatCount(rows[0]?.table_rows)} rows in <code>{table}</code>.
              </p>
              <div className="overflow-x-auto">
                <Table data-testid="column-profile">
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Column</TableHeaderCell>
                      <TableHeaderCell>Type</TableHeaderCell>
                      <TableHeaderCell className="text-right">With a value</TableHeaderCell>
                      <TableHeaderCell>Empty</TableHeaderCell>
                      <TableHeaderCell className="text-right">Distinct</TableHeaderCell>
                      <TableHeaderCell>Smallest</TableHeaderCell>
                      <TableHeaderCell>Largest</TableHeaderCell>
                      <TableHeaderCell>Most frequent</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((r) => {
                      const empty = toPercentOfScale(r.null_share, 1);
                      const name = String(r.column_name);
                      return (
                        <TableRow key={name}>
                          <TableCell>
                            <code className="text-tremor-content-strong dark:text-dark-tremor-content-strong">{name}</code>
                            {required.has(name) && <span className="ml-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">required</span>}
                          </TableCell>
                          <TableCell className="text-tremor-label">{String(r.column_type ?? '')}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatCount(r.non_null)}</TableCell>
                          <TableCell>
                            <span className="flex items-center gap-2">
                              <span className="relative h-2 w-16 rounded-full bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle" aria-hidden>
                                {empty !== null && empty > 0 && (
                                  <span className="absolute inset-y-0 left-0 rounded-full bg-amber-500" style={{ width: `max(${empty}%, 2px)` }} />
                                )}
                              </span>
                              <span className="tabular-nums">{formatPercent(r.null_share, undefined, 0)}</span>
                            </span>
                          </TableCell>
                          <TableCell className="text-right tabular-nums">{formatCount(r.distinct_values)}</TableCell>
                          <TableCell className="max-w-[10rem] truncate" title={r.min_value == null ? undefined : String(r.min_value)}>
                            {r.min_value == null ? MISSING : profileValue(r.min_value)}
                          </TableCell>
                          <TableCell className="max-w-[10rem] truncate" title={r.max_value == null ? undefined : String(r.max_value)}>
                            {r.max_value == null ? MISSING : profileValue(r.max_value)}
                          </TableCell>
                          <TableCell className="max-w-[14rem] truncate" title={r.top_value == null ? 'No value occurs twice' : undefined}>
                            {r.top_value == null ? MISSING : `${profileValue(r.top_value)} (${formatCount(r.top_count)})`}
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
        </div>
      )}
    </ModelPanel>
  );
}

function TableSwitcher({ table, onChange }: { table: CanonicalTable; onChange: (t: CanonicalTable) => void }) {
  return (
    <div role="group" aria-label="Table to profile" className="mt-3 flex flex-wrap gap-1" data-testid="profile-tables">
      {CANONICAL_TABLES.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={t === table}
          onClick={() => onChange(t)}
          className={`rounded-tremor-small px-3 py-1.5 text-tremor-default focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand ${
            t === table
              ? 'bg-tremor-brand text-tremor-brand-inverted dark:bg-dark-tremor-brand dark:text-dark-tremor-brand-inverted'
              : 'bg-tremor-background-subtle text-tremor-content-emphasis hover:bg-tremor-background-muted dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-emphasis'
          }`}
        >
          {t}
        </button>
      ))}
    </div>
  );
}

/** A smallest, largest or most frequent value: a day or timestamp in the one date format, anything else as loaded. */
function profileValue(v: unknown): string {
  const text = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(text)) return formatDateTime(new Date(`${text.slice(0, 10)}T${text.slice(11, 19)}Z`));
  return text;
}
