import { addExclusion, blankTest, removeExclusion, rowTestOf, updateExclusion } from '../mapping-step';
import { RowTestEditor } from './RowTestEditor';
import { LinkButton, muted, TextField, type TargetContext } from './ui';

/** Rows of one table left out on purpose, each rule with the reason the load reports. */
export function ExclusionsEditor({ ctx }: { ctx: TargetContext }) {
  const { draft, target, change, header, lookups } = ctx;
  const t = draft.mapping.targets[target]!;
  const rules = t.exclude ?? [];
  return (
    <div className="space-y-1" data-testid="exclusions">
      <p className={muted}>Rows left out on purpose (counted as excluded, with the reason){rules.length === 0 ? ': none.' : ':'}</p>
      {rules.map((r, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2" data-testid="exclusion">
          <span className={muted}>leave out rows where</span>
          <RowTestEditor
            test={r.when}
            header={header}
            lookups={lookups}
            label={`${t.table} exclusion ${i + 1}`}
            onChange={(when) => change((d) => updateExclusion(d, target, i, { ...r, when }))}
            testId="exclusion-test"
          />
          <span className={muted}>because</span>
          <TextField value={r.reason} label={`Reason of ${t.table} exclusion ${i + 1}`} className="w-64" placeholder="the reason shown" onCommit={(reason) => change((d) => updateExclusion(d, target, i, { ...r, reason }))} testId="exclusion-reason" />
          <LinkButton onClick={() => change((d) => removeExclusion(d, target, i))} label={`Remove ${t.table} exclusion ${i + 1}`}>
            ×
          </LinkButton>
        </div>
      ))}
      <LinkButton onClick={() => change((d) => addExclusion(d, target, { when: rowTestOf(blankTest(header)), reason: '' }))} testId="exclusion-add">
        + leave out rows…
      </LinkButton>
    </div>
  );
}
