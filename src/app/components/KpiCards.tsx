import { Card, Metric, Text } from '@tremor/react';
import type { Row } from '../../engine/types';
import { formatCount, formatDays, formatFigure, formatMoney, formatMoneyHeadline, formatPercent, MISSING, notInDataTitle } from '../format';
import type { ModelState } from '../model-state';
import type { DateBasis } from '../view/date-basis';
import type { DrillTarget } from '../view/types';
import { ErrorNote } from './ErrorNote';
import { changeText, comparedWith, comparisonNote, isMaturing, periodCaption, type ChangeText, type KpiKind } from './kpi-change';
import { NeedsColumns } from './NeedsColumns';

interface Kpi {
  key: string;
  label: string;
  /** Whether a rise is good news (colours the change). */
  higherIsBetter: boolean;
  format: (row: Row, currency: string | null) => string;
  /** The exact value on hover, when the card shows a rounded one. */
  exact?: (row: Row, currency: string | null) => string;
  /** The rows behind the number. */
  drill: DrillTarget;
  /**
   * Which date its period applies to (queries/schema/kpi_values.sql): `sale` the order date,
   * always; `return` the view's date basis (by refund date on the cash basis); `rate` the order
   * date, always (a cohort rate: the returns of the period's orders).
   */
  dated: 'sale' | 'return' | 'rate';
}

/** What a card is dated by on the refund basis, shown under its label (the order basis needs no word). */
const DATED_ON_REFUND_BASIS: Record<Kpi['dated'], { text: string; title: string }> = {
  sale: { text: 'By order date', title: 'Sales are counted on the day the order was placed, on either date basis' },
  return: { text: 'By refund date', title: 'Counted on the day the money moved: the refund, else the day the item was received, else requested' },
  rate: { text: 'Cohort rate, by order date', title: 'A return rate is the returns of the period’s orders over those orders, on either date basis' },
};

const cur = (row: Row, currency: string | null) => currency ?? row.currency;
const LINES = (title: string): DrillTarget => ({ kind: 'lines', where: {}, title });
// The rate and refund cards count accepted returns only (rejected requests are not returns).
const RETURNS = (title: string): DrillTarget => ({ kind: 'returns', where: { accepted_only: 'true' }, title });

// The headline numbers, in reading order; every value is a column of the kpis model.
export const KPIS: Kpi[] = [
  { key: 'orders', label: 'Orders', higherIsBetter: true, format: (r) => formatCount(r.orders), drill: LINES('Order lines behind the order count'), dated: 'sale' },
  {
    key: 'units_sold',
    label: 'Units sold',
    higherIsBetter: true,
    format: (r) => formatCount(r.units_sold),
    drill: LINES('Order lines behind the units sold'),
    dated: 'sale',
  },
  {
    key: 'gross_sales',
    label: 'Gross sales',
    higherIsBetter: true,
    format: (r, c) => formatMoneyHeadline(r.gross_sales, cur(r, c)),
    exact: (r, c) => formatMoney(r.gross_sales, cur(r, c), undefined, true),
    drill: LINES('Order lines behind gross sales'),
    dated: 'sale',
  },
  {
    key: 'unit_return_rate',
    label: 'Unit return rate',
    higherIsBetter: false,
    format: (r) => formatPercent(r.unit_return_rate),
    drill: RETURNS('Returns behind the unit return rate'),
    dated: 'rate',
  },
  {
    key: 'order_return_rate',
    label: 'Order return rate',
    higherIsBetter: false,
    format: (r) => formatPercent(r.order_return_rate),
    drill: RETURNS('Returns behind the order return rate'),
    dated: 'rate',
  },
  {
    key: 'returned_value',
    label: 'Returned value',
    higherIsBetter: false,
    format: (r, c) => formatMoneyHeadline(r.returned_value, cur(r, c)),
    exact: (r, c) => formatMoney(r.returned_value, cur(r, c), undefined, true),
    drill: RETURNS('Returns behind the returned value'),
    dated: 'return',
  },
  {
    key: 'refund_amount',
    label: 'Refunded',
    higherIsBetter: false,
    format: (r, c) => formatMoneyHeadline(r.refund_amount, cur(r, c)),
    exact: (r, c) => formatMoney(r.refund_amount, cur(r, c), undefined, true),
    drill: RETURNS('Returns behind the refund total'),
    dated: 'return',
  },
  {
    key: 'median_days_to_refund',
    label: 'Median days to refund',
    higherIsBetter: false,
    format: (r) => formatDays(r.median_days_to_refund),
    drill: RETURNS('Returns behind the median days to refund'),
    dated: 'return',
  },
];

/** Return rates: the cards a maturing period makes look better than they will be. */
const RATE_KPIS = new Set(['order_return_rate', 'unit_return_rate', 'value_return_rate']);

/**
 * The KPI cards (`keys`: which of KPIS, in their order; all by default); '…' while the first
 * answer is computed, dimmed while new filters run. A card is a button that opens the rows
 * behind its number. A figure the data has no inputs for (`notInData`, from
 * Runner.notInData('kpis')) reads "not in the data".
 *
 * A number and its change always cover the same stated period (issue 16: the number covered
 * all dates while its arrow compared the last 90 days). With a date range, `change` is the
 * kpi_change model for the same filters: each card states the range (as the model clipped it
 * to the data) under its label, and its change against the same number of days just before
 * ("▲ 4.1% vs the 90 days before"); a return rate whose period holds orders still inside their
 * return window is starred, and the note says how much of the period is still maturing. Without
 * a date range (`onCompare` given) the cards state "All dates", which has no period before it:
 * no change is shown, and one click compares the last 90 days of data with the 90 before.
 */
export function KpiCards({
  state,
  currency = null,
  change = null,
  onDrill,
  keys,
  notInData = {},
  onCompare,
  basis = 'order',
}: {
  state: ModelState;
  keys?: readonly string[];
  notInData?: Record<string, string[]>;
  currency?: string | null;
  /** The kpi_change model: one row per KPI (null: no change shown). */
  change?: ModelState | null;
  onDrill?: (target: DrillTarget) => void;
  /** Without a date range: switch the view to the last 90 days of data, compared with the 90 before. */
  onCompare?: () => void;
  /** The view's date basis: on 'refund' each card says what it is dated by, and the refund-dated ones drill by it. */
  basis?: DateBasis;
}) {
  if (state.status === 'error') return <ErrorNote title="Headline numbers unavailable" message={state.message} />;
  if (state.status === 'needs_columns') return <NeedsColumns missing={state.missing} />;
  const row = state.status === 'ok' ? state.rows[0] : undefined;
  const stale = state.status === 'ok' && state.stale;
  // Kept while new filters run, to know whether the cards have a change to wait for.
  const changeRows = change?.status === 'ok' ? change.rows : [];
  const changeByKpi = new Map(changeRows.map((r) => [r.kpi, r]));
  const pending = change?.status === 'loading' || (change?.status === 'ok' && change.stale);
  const hasPrevious = change?.status === 'loading' || changeRows[0]?.previous_from != null;
  const note = pending ? null : comparisonNote(changeRows[0]);
  const changeFailed = change?.status === 'error';
  // The period every card states: the compared one, or all dates (none while it is computed).
  const period = change || onCompare ? periodCaption(pending ? undefined : changeRows[0], onCompare ? row : undefined) : null;
  const against = comparedWith(changeRows[0]);
  const maturing = !pending && isMaturing(changeRows[0]);
  return (
    <div className="space-y-2">
      <div
        className={`grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4 ${stale ? 'opacity-60' : ''}`}
        data-testid="kpi-cards"
        aria-busy={!row || stale || pending}
      >
        {KPIS.filter((k) => !keys || keys.includes(k.key)).map((k) => {
          const raw = row?.[k.key];
          const absent = notInData[k.key];
          const c = changeByKpi.get(k.key);
          // The model says how each change is measured (its kind); the card only formats it.
          const delta = pending || !c ? null : changeText(c.kind as KpiKind, c.change, c.previous_value, k.higherIsBetter, undefined, currency ?? row?.currency);
          const starred = maturing && RATE_KPIS.has(k.key);
          // A return rate that fell while its period is still maturing is not yet good news.
          const shownDelta = starred && delta?.direction === 'down' ? { ...delta, good: null } : delta;
          const dated = basis === 'refund' ? DATED_ON_REFUND_BASIS[k.dated] : null;
          // the rows behind a refund-dated figure are the returns refunded in the period
          const drill = basis === 'refund' && k.dated === 'return' ? { ...k.drill, where: { ...k.drill.where, basis: 'refund' } } : k.drill;
          const body = (
            <>
              <Text>{k.label}</Text>
              {period && (
                <p
                  className="text-tremor-label text-tremor-content dark:text-dark-tremor-content"
                  data-testid={`kpi-${k.key}-period`}
                  data-days={period.days ?? undefined}
                  title={starred ? 'Still maturing: some orders of this period can still be returned' : undefined}
                >
                  {period.text}
                  {starred && ' *'}
                </p>
              )}
              {dated && (
                <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" title={dated.title} data-testid={`kpi-${k.key}-basis`} data-dated={k.dated}>
                  {dated.text}
                </p>
              )}
              <Metric
                className="mt-1 truncate text-tremor-title sm:text-2xl 2xl:text-tremor-metric"
                data-value={typeof raw === 'number' ? String(raw) : ''}
                data-not-in-data={absent ? 'true' : undefined}
                title={absent && raw == null ? notInDataTitle(absent) : row && k.exact ? k.exact(row, currency) : undefined}
              >
                {row ? formatFigure(raw, absent !== undefined, () => k.format(row, currency)) : '…'}
              </Metric>
              {hasPrevious && <Change delta={shownDelta} against={against} pending={pending} testId={`kpi-${k.key}-delta`} />}
            </>
          );
          return (
            <Card key={k.key} className="p-0" data-testid={`kpi-${k.key}`}>
              {onDrill && row ? (
                <button
                  type="button"
                  onClick={() => onDrill(drill)}
                  className="block h-full w-full rounded-tremor-default p-4 text-left outline-none transition-colors hover:bg-tremor-background-muted focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:hover:bg-dark-tremor-background-muted dark:focus-visible:ring-dark-tremor-brand-muted"
                  title={`${drill.title}: open the table`}
                  data-testid={`kpi-${k.key}-drill`}
                >
                  {body}
                </button>
              ) : (
                <div className="p-4">{body}</div>
              )}
            </Card>
          );
        })}
      </div>
      {row && row.orders === 0 && (
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          No orders match these filters ({MISSING} means there is nothing to compute).
        </p>
      )}
      {(note || changeFailed) && (
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="kpi-comparison-note">
          {changeFailed ? 'The change against the previous period could not be computed.' : note}
        </p>
      )}
      {onCompare && row && (
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="kpi-comparison-note">
          All dates have no period before them to compare with.{' '}
          <button
            type="button"
            onClick={onCompare}
            className="rounded-tremor-small font-medium text-tremor-brand underline outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:text-dark-tremor-brand"
            data-testid="kpi-compare-last-90"
          >
            Compare the last 90 days of data with the 90 days before
          </button>
        </p>
      )}
    </div>
  );
}

const ARROW = { up: '▲', down: '▼', flat: '→' } as const;

function Change({ delta, against, pending, testId }: { delta: ChangeText | null; against: string | null; pending: boolean; testId: string }) {
  if (pending) {
    return (
      <p className="mt-1 text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle" data-testid={testId}>
        …
      </p>
    );
  }
  if (!delta) {
    return (
      <p className="mt-1 text-tremor-label text-tremor-content-subtle dark:text-dark-tremor-content-subtle" data-testid={testId} title="Nothing to compare">
        {MISSING}
      </p>
    );
  }
  const colour =
    delta.good === null
      ? 'text-tremor-content dark:text-dark-tremor-content'
      : delta.good
        ? 'text-emerald-700 dark:text-emerald-400'
        : 'text-rose-700 dark:text-rose-400';
  return (
    <p className={`mt-1 text-tremor-label tabular-nums ${colour}`} data-testid={testId} data-direction={delta.direction} title={delta.description}>
      <span aria-hidden>{ARROW[delta.direction]} </span>
      <span className="sr-only">{delta.description}</span>
      <span aria-hidden>{delta.text}</span>
      {against && <span className="text-tremor-content dark:text-dark-tremor-content"> {against}</span>}
    </p>
  );
}
