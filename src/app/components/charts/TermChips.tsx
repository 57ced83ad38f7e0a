import { parseTopTerms } from './top-terms';

/** review_signals.top_terms as chips: 'runs small (5), broke (2)' → [runs small 5] [broke 2]. */
export function TermChips({ text }: { text: unknown }) {
  const terms = parseTopTerms(text);
  if (terms.length === 0) return <span className="text-tremor-content-subtle dark:text-dark-tremor-content-subtle">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {terms.map((t) => (
        <span
          key={t.term}
          className="inline-flex items-center gap-1 whitespace-nowrap rounded-tremor-full bg-tremor-background-subtle px-2 py-0.5 text-tremor-label text-tremor-content-emphasis dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-emphasis"
        >
          {t.term}
          {t.count !== null && <span className="tabular-nums text-tremor-content dark:text-dark-tremor-content">{t.count}</span>}
        </span>
      ))}
    </span>
  );
}
