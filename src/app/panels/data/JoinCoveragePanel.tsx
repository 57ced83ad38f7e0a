import { Empty, Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { coverageLines } from '../../loading/load-summary';
import type { ModelState } from '../../model-state';
import type { JoinCoverage } from '../../../loader/replace-data';

const TONE_TEXT = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warn: 'text-amber-700 dark:text-amber-400',
  error: 'text-rose-700 dark:text-rose-400',
} as const;

/**
 * join_coverage of the loaded data, in words: how many returns found their order, how many
 * SKUs found their product, how many shipments found their order (whole import, not filtered).
 */
export function JoinCoveragePanel({ state }: { state: ModelState }) {
  return (
    <ModelPanel title="How the files join" subtitle="Returns matched to their orders and SKUs to their products, across every file loaded" state={state} testId="panel-coverage">
      {(rows) => {
        const lines = coverageLines(rows as unknown as JoinCoverage[]);
        return lines.length === 0 ? (
          <Empty>Nothing to join: no returns, SKUs or shipments.</Empty>
        ) : (
          <>
            <ul className="space-y-1" data-testid="coverage-lines">
              {lines.map((l) => (
                <li key={l.join} className={`text-tremor-default ${TONE_TEXT[l.tone]}`} data-join={l.join}>
                  {l.text}
                </li>
              ))}
            </ul>
            <Note>
              A return that does not find its order still counts, dated by its own dates, without the order&apos;s channel or region. A SKU without
              its product has no category, supplier or cost.
            </Note>
          </>
        );
      }}
    </ModelPanel>
  );
}
