import { Badge, Button } from '@tremor/react';
import { Empty } from '../../components/charts/PageHeader';
import { formatDay, formatStars } from '../../components/charts/format-more';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount } from '../../format';
import { humanize } from '../../labels';
import { useModel } from '../../use-model';
import { pageBounds, pageCount, totalRows } from '../../view/paging';
import type { PageProps } from '../../view/types';
import { TEXTS_PAGE_SIZE, readTextFilter, withTextPage, withoutTextFilter } from './review-params';

/** Names of review_texts.kind, as the mention bars call them. */
export const KIND_LABELS: Record<string, string> = {
  size_small: 'Runs small',
  size_large: 'Runs large',
  quality: 'Broke / cheap',
  description: 'Not as pictured',
  transit: 'Arrived damaged',
  positive: 'Praise',
  complaint: 'Any complaint',
};

/**
 * The review and return-comment texts of the selected SKU (review_texts), newest first, 10 a
 * page, narrowed to the term or kind chosen in "What reviews and comments say". The term, kind
 * and page are in the URL (review-params.ts); the model filters and pages.
 */
export function ReviewTextsPanel({ page }: { page: PageProps }) {
  const f = readTextFilter(page.view.params);
  const state = useModel(
    page.runner,
    'review_texts',
    { ...page.paramsFor(), kind: f.kind ?? undefined, term: f.term ?? undefined, limit: TEXTS_PAGE_SIZE, offset: f.page * TEXTS_PAGE_SIZE },
    page.dataVersion,
  );
  const what = f.term ? `mentioning “${f.term}”` : f.kind ? `mentioning ${KIND_LABELS[f.kind]?.toLowerCase()}` : 'of this SKU';
  return (
    <ModelPanel title={`Review and comment texts ${what}`} subtitle="Reviews and return comments, newest first" state={state} testId="panel-review-texts">
      {(rows) => {
        const total = totalRows(rows);
        const { first, last } = pageBounds(f.page, TEXTS_PAGE_SIZE, rows.length);
        const pages = pageCount(total, TEXTS_PAGE_SIZE);
        return (
          <div>
            {rows.length === 0 ? (
              <Empty>No texts {what} in this selection.</Empty>
            ) : (
              <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="review-texts">
                {rows.map((r) => (
                  <li key={`${String(r.source)}:${String(r.id)}`} className="py-2" data-testid="review-text">
                    <div className="flex flex-wrap items-baseline justify-between gap-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                      <span className="flex items-baseline gap-2">
                        <Badge size="xs" color={r.source === 'review' ? 'violet' : 'amber'}>
                          {r.source === 'review' ? `Review ${formatStars(r.rating)}` : `Return: ${humanize(r.reason).toLowerCase()}`}
                        </Badge>
                        {typeof r.terms === 'string' && <span>mentions {r.terms}</span>}
                      </span>
                      <span className="tabular-nums">{formatDay(r.written_at)}</span>
                    </div>
                    {typeof r.title === 'string' && r.title !== '' && (
                      <p className="mt-0.5 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{r.title}</p>
                    )}
                    <p className="mt-0.5 text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
                      {typeof r.text === 'string' && r.text !== '' ? `“${r.text}”` : 'no text'}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              <span data-testid="review-texts-count">
                {total === null ? '0 texts' : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} texts`}
              </span>
              <span className="flex gap-2">
                {(f.kind || f.term) && (
                  <Button size="xs" variant="light" onClick={() => page.setView({ params: withoutTextFilter(page.view.params) }, { replace: true })}>
                    All texts
                  </Button>
                )}
                <Button size="xs" variant="secondary" disabled={f.page === 0} onClick={() => page.setView({ params: withTextPage(page.view.params, f.page - 1) }, { replace: true })}>
                  Newer
                </Button>
                <Button size="xs" variant="secondary" disabled={f.page + 1 >= pages} onClick={() => page.setView({ params: withTextPage(page.view.params, f.page + 1) }, { replace: true })}>
                  Older
                </Button>
              </span>
            </div>
          </div>
        );
      }}
    </ModelPanel>
  );
}
