import { Button } from '@tremor/react';
import { blankTest, DUPLICATE_LABELS, removeTarget, rowTestOf, setDuplicates, setTargetFilter } from '../mapping-step';
import { ColumnsTable } from './ColumnsTable';
import { ExclusionsEditor } from './ExclusionsEditor';
import { RowTestEditor } from './RowTestEditor';
import { inputClass, labelClass, muted, strong, type TargetContext } from './ui';

/** One table the file fills: which rows it takes, repeated keys, its columns, rows it leaves out. */
export function TargetCard({ ctx, removable }: { ctx: TargetContext; removable: boolean }) {
  const { draft, target, change, header, lookups } = ctx;
  const t = draft.mapping.targets[target]!;
  const routing = draft.mapping.routing ?? 'first';
  return (
    <section className="space-y-3 rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border" data-testid="mapping-target" data-target={target} data-table={t.table}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className={`text-tremor-default font-medium ${strong}`}>Columns of {t.table}</h4>
        {removable && (
          <Button size="xs" variant="secondary" onClick={() => change((d) => removeTarget(d, target))} data-testid="target-remove">
            Remove {t.table}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <div className={labelClass}>
          Rows it takes
          <span className="flex flex-wrap items-center gap-2">
            <select
              className={inputClass}
              aria-label={`Rows ${t.table} takes`}
              value={t.when ? 'some' : 'all'}
              onChange={(e) => change((d) => setTargetFilter(d, target, e.target.value === 'some' ? rowTestOf(blankTest(header)) : undefined))}
              data-testid="target-filter-toggle"
            >
              <option value="all">{routing === 'first' && target > 0 ? 'every row the tables above did not take' : 'every row'}</option>
              <option value="some">only rows where…</option>
            </select>
            {t.when && <RowTestEditor test={t.when} header={header} lookups={lookups} label={`${t.table} filter`} onChange={(w) => change((d) => setTargetFilter(d, target, w))} testId="target-filter" />}
          </span>
        </div>
        <label className={labelClass}>
          A key seen again
          <select
            className={inputClass}
            value={t.duplicates ?? 'reject'}
            onChange={(e) => change((d) => setDuplicates(d, target, e.target.value as 'reject' | 'first'))}
            data-testid="target-duplicates"
          >
            {(['reject', 'first'] as const).map((k) => (
              <option key={k} value={k}>
                {DUPLICATE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {t.expandToOrderLines && <p className={muted}>Each row names a returned order and becomes one return per line of that order already loaded.</p>}
      <ColumnsTable ctx={ctx} />
      <ExclusionsEditor ctx={ctx} />
    </section>
  );
}
