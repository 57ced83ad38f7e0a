import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { Row } from '../../../engine/types';
import { Empty, Note } from '../../components/charts/PageHeader';
import { SelectableBarList } from '../../components/charts/SelectableBarList';
import { SelectableRow } from '../../components/charts/SelectableRow';
import { niceMax } from '../../components/charts/scale';
import { TermChips } from '../../components/charts/TermChips';
import { parseTopTerms } from '../../components/charts/top-terms';
import { ModelPanel } from '../../components/ModelPanel';
import { ReturnTrendChart } from '../../components/ReturnTrendChart';
import { ACCEPTED } from '../../components/charts/drill-where';
import { formatDay, formatStars } from '../../components/charts/format-more';
import { NOT_IN_DATA, formatCount, formatPercent } from '../../format';
import { humanize } from '../../labels';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { readTextFilter, withTextKind, withTextTerm, type TextKind } from './review-params';

/** Why the selected SKU comes back: returned units per reason (the SKU filter comes from the selection). */
export function SkuReasonsPanel({ page, sku }: { page: PageProps; sku: string }) {
  const state = useModel(page.runner, 'returns_by_reason', page.paramsFor('reason'), page.dataVersion);
  return (
    <ModelPanel title="Why it comes back" subtitle="Returned units per reason; click a reason to see those returns" state={state} testId="panel-sku-reasons">
      {(rows) => (
        <SelectableBarList
          ariaLabel={`Return reasons of ${sku}`}
          items={rows.map((r) => ({
            key: String(r.reason),
            label: typeof r.label === 'string' ? r.label : humanize(r.reason),
            value: typeof r.units_returned === 'number' ? r.units_returned : null,
            display: formatCount(r.units_returned),
            detail: formatPercent(r.share_of_units),
            title: `Show the returns of ${sku} for this reason`,
          }))}
          max={niceMax(rows.map((r) => r.units_returned))}
          selected={null}
          onSelect={(reason) =>
            page.openDrill({ kind: 'returns', where: { sku, reason, ...ACCEPTED }, title: `Returns of ${sku}: ${humanize(reason)}` })
          }
          labelWidth="8.5rem"
        />
      )}
    </ModelPanel>
  );
}

/** The SKU's unit return rate by order month; recent months are still maturing. */
export function SkuTrendPanel({ page }: { page: PageProps }) {
  const state = useModel(page.runner, 'return_trend', { ...page.paramsFor(), grain: 'month' }, page.dataVersion);
  return (
    <ModelPanel title="Return rate by order month" subtitle="Returns counted in the month the order was placed" state={state} testId="panel-sku-trend">
      {(rows) => <ReturnTrendChart rows={rows} grain="month" />}
    </ModelPanel>
  );
}

/** review_signals' mention counts and the review_texts kind each one reads. */
const MENTIONS: { key: string; kind: TextKind; label: string }[] = [
  { key: 'size_small_mentions', kind: 'size_small', label: 'Runs small' },
  { key: 'size_large_mentions', kind: 'size_large', label: 'Runs large' },
  { key: 'quality_mentions', kind: 'quality', label: 'Broke / cheap' },
  { key: 'description_mentions', kind: 'description', label: 'Not as pictured' },
  { key: 'transit_mentions', kind: 'transit', label: 'Arrived damaged' },
  { key: 'positive_mentions', kind: 'positive', label: 'Praise' },
];

/**
 * review_signals over every SKU of the selection except the SKU filter (so the category
 * baseline is the category's, not the SKU's own). With a SKU selected it shows that SKU's row;
 * otherwise the SKUs whose reviews are worst against their category, in the model's order.
 */
export function ReviewSignalsPanel({ page, sku, limit = 8 }: { page: PageProps; sku: string | null; limit?: number }) {
  const state = useModel(page.runner, 'review_signals', page.paramsFor('sku'), page.dataVersion);
  return (
    <ModelPanel
      title={sku ? 'What reviews and comments say' : 'SKUs with the worst reviews for their category'}
      subtitle={
        sku
          ? 'Reviews and return comments of this SKU, matched against a dictionary of phrases'
          : 'Ranked by 1–2★ reviews above what the category’s share predicts; click a SKU for its detail'
      }
      state={state}
      testId="panel-review-signals"
    >
      {(rows) => (sku ? <SkuReviewDetail page={page} row={rows.find((r) => r.sku === sku)} /> : <ReviewRanking page={page} rows={rows.slice(0, limit)} />)}
    </ModelPanel>
  );
}

/**
 * One SKU's review figures. The mention bars and the term chips are buttons: each shows the
 * texts behind its count in the texts panel below (view.params rt_kind / rt_term, in the URL).
 */
function SkuReviewDetail({ page, row }: { page: PageProps; row: Row | undefined }) {
  if (!row) return <Empty>No reviews or return comments for this SKU in this selection.</Empty>;
  const max = niceMax(MENTIONS.map((m) => row[m.key]));
  const chosen = readTextFilter(page.view.params);
  const byKind = new Map(MENTIONS.map((m) => [m.key, m.kind]));
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-3 gap-3">
        <Stat label="Reviews" value={formatCount(row.reviews)} />
        <Stat label="Average rating" value={formatStars(row.avg_rating)} />
        <Stat
          label="1–2★ share"
          value={formatPercent(row.low_rating_share, undefined, 0)}
          sub={`category ${formatPercent(row.baseline_low_share, undefined, 0)}`}
        />
      </dl>
      <div>
        <p className="mb-1 text-tremor-label font-medium text-tremor-content dark:text-dark-tremor-content">Most frequent terms — click one to read the texts</p>
        <span className="flex flex-wrap gap-1" data-testid="review-terms">
          {parseTopTerms(row.top_terms).map((t) => (
            <button
              key={t.term}
              type="button"
              aria-pressed={chosen.term === t.term}
              onClick={() => page.setView({ params: withTextTerm(page.view.params, t.term) }, { replace: true })}
              className={`inline-flex items-center gap-1 whitespace-nowrap rounded-tremor-full px-2 py-0.5 text-tremor-label ${
                chosen.term === t.term
                  ? 'bg-violet-600 text-white'
                  : 'bg-tremor-background-subtle text-tremor-content-emphasis hover:bg-tremor-background-emphasis/10 dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-emphasis'
              }`}
            >
              {t.term}
              {t.count !== null && <span className="tabular-nums">{t.count}</span>}
            </button>
          ))}
          {parseTopTerms(row.top_terms).length === 0 && <TermChips text={row.top_terms} />}
        </span>
      </div>
      <div>
        <p className="mb-1 text-tremor-label font-medium text-tremor-content dark:text-dark-tremor-content">
          Texts mentioning… ({formatCount(row.reviews)} reviews, {formatCount(row.return_comments)} return comments) — click a bar to read them
        </p>
        <SelectableBarList
          ariaLabel="Mentions by kind"
          testId="review-mentions"
          items={MENTIONS.map((m) => ({
            key: m.key,
            label: m.label,
            value: typeof row[m.key] === 'number' ? (row[m.key] as number) : null,
            display: formatCount(row[m.key]),
            title: `Read the texts: ${m.label.toLowerCase()}`,
          }))}
          max={max}
          selected={MENTIONS.find((m) => m.kind === chosen.kind)?.key ?? null}
          onSelect={(key) => {
            const kind = byKind.get(key);
            if (kind) page.setView({ params: withTextKind(page.view.params, kind) }, { replace: true });
          }}
          color="violet"
          labelWidth="9rem"
        />
      </div>
    </div>
  );
}

function ReviewRanking({ page, rows }: { page: PageProps; rows: Row[] }) {
  if (rows.length === 0) return <Empty>No reviews in this selection.</Empty>;
  return (
    <Table data-testid="review-ranking">
      <TableHead>
        <TableRow>
          <TableHeaderCell>Product · SKU</TableHeaderCell>
          <TableHeaderCell className="text-right">Reviews</TableHeaderCell>
          <TableHeaderCell className="text-right">1–2★</TableHeaderCell>
          <TableHeaderCell>Top terms</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <SelectableRow key={String(r.sku)} selected={false} anySelected={false} onSelect={() => page.select('sku', String(r.sku))} label={`SKU ${String(r.sku)}`}>
            <TableCell className="whitespace-normal">
              <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                {typeof r.product_name === 'string' ? r.product_name : String(r.sku)}
              </span>
              <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {typeof r.product_name === 'string' ? String(r.sku) : `${String(r.sku)} · name ${NOT_IN_DATA}`} · {String(r.category ?? '')}
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatCount(r.reviews)}
              <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {formatStars(r.avg_rating)}
              </span>
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {formatPercent(r.low_rating_share, undefined, 0)}
              <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                cat. {formatPercent(r.baseline_low_share, undefined, 0)}
              </span>
            </TableCell>
            <TableCell className="whitespace-normal">
              <TermChips text={r.top_terms} />
            </TableCell>
          </SelectableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The latest returns of the SKU with what the customer wrote (drill_returns, newest first). */
export function RecentCommentsPanel({ page, sku }: { page: PageProps; sku: string }) {
  const state = useModel(
    page.runner,
    'drill_returns',
    { ...page.paramsFor(), sort: 'requested_at', desc: true, limit: 10 },
    page.dataVersion,
  );
  return (
    <ModelPanel title="Latest returns and comments" subtitle="The 10 most recent return requests of this SKU" state={state} testId="panel-sku-comments">
      {(rows) =>
        rows.length === 0 ? (
          <Empty>No returns of this SKU in this selection.</Empty>
        ) : (
          <div>
            <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
              {rows.map((r, i) => (
                <li key={String(r.return_id ?? i)} className="py-1.5">
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                    <span>
                      <span className="font-medium text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{humanize(r.reason)}</span>
                      {!hasComment(r) && <span className="ml-2 italic text-tremor-content-subtle dark:text-dark-tremor-content-subtle">no comment</span>}
                    </span>
                    <span className="tabular-nums">{formatDay(r.requested_at)}</span>
                  </div>
                  {hasComment(r) && (
                    <p className="mt-0.5 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">“{String(r.customer_comment)}”</p>
                  )}
                </li>
              ))}
            </ul>
            <Note>
              <button
                type="button"
                className="text-tremor-brand underline decoration-dotted underline-offset-2 dark:text-dark-tremor-brand-emphasis"
                onClick={() => page.openDrill({ kind: 'returns', where: { sku }, title: `Returns of SKU ${sku}` })}
              >
                All returns of {sku}
              </button>
            </Note>
          </div>
        )
      }
    </ModelPanel>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{label}</dt>
      <dd className="text-tremor-title font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{value}</dd>
      {sub && <dd className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{sub}</dd>}
    </div>
  );
}

const hasComment = (r: Row) => typeof r.customer_comment === 'string' && r.customer_comment.trim() !== '';
