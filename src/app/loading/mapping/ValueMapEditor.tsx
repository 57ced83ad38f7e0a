import { useState } from 'react';
import { setValueMap, valueMapOf, withSampledValues, type ValueMapForm } from '../mapping-step';
import { inputClass, LinkButton, muted, TextField, type TargetContext } from './ui';

/**
 * A column's value map: each source value (reason codes, statuses) and the canonical value it
 * becomes; values not listed are kept as written or left empty.
 */
export function ValueMapEditor({ ctx, column, sourceColumn }: { ctx: TargetContext; column: string; sourceColumn: string }) {
  const { draft, target, change } = ctx;
  const form = valueMapOf(draft, target, column);
  const [adding, setAdding] = useState<[string, string]>(['', '']);
  const what = `${draft.mapping.targets[target]!.table}.${column}`;
  const save = (f: ValueMapForm | null) => change((d) => setValueMap(d, target, column, f));
  if (!form) {
    return (
      <LinkButton onClick={() => save(withSampledValues(draft, sourceColumn, { entries: [], otherwise: 'keep' }))} testId="value-map-start">
        translate values…
      </LinkButton>
    );
  }
  const setEntry = (i: number, e: [string, string]) => save({ ...form, entries: form.entries.map((x, j) => (j === i ? e : x)) });
  return (
    <div className="mt-1 space-y-1 rounded-tremor-small border border-tremor-border p-2 dark:border-dark-tremor-border" data-testid="value-map">
      <p className={muted}>Values of “{sourceColumn}” and what they become:</p>
      {form.entries.map(([from, to], i) => (
        <div key={`${i}-${from}`} className="flex items-center gap-1" data-testid="value-map-entry" data-from={from}>
          <TextField value={from} label={`Source value ${i + 1} of ${what}`} className="w-48" onCommit={(v) => setEntry(i, [v, to])} testId="value-map-from" />
          <span aria-hidden>→</span>
          <TextField value={to} label={`${from} becomes`} className="w-36" onCommit={(v) => setEntry(i, [from, v])} testId="value-map-to" />
          <LinkButton onClick={() => save({ ...form, entries: form.entries.filter((_, j) => j !== i) })} label={`Remove ${from}`}>
            ×
          </LinkButton>
        </div>
      ))}
      <div className="flex items-center gap-1">
        <input className={`${inputClass} w-48`} aria-label={`New source value of ${what}`} placeholder="source value" value={adding[0]} onChange={(e) => setAdding([e.target.value, adding[1]])} data-testid="value-map-new-from" />
        <span aria-hidden>→</span>
        <input className={`${inputClass} w-36`} aria-label="becomes" placeholder="becomes" value={adding[1]} onChange={(e) => setAdding([adding[0], e.target.value])} data-testid="value-map-new-to" />
        <LinkButton
          onClick={() => {
            if (adding[0].trim() === '') return;
            save({ ...form, entries: [...form.entries, adding] });
            setAdding(['', '']);
          }}
          testId="value-map-add"
        >
          add
        </LinkButton>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className={`${muted} flex items-center gap-1`}>
          Other values
          <select className={inputClass} value={form.otherwise} onChange={(e) => save({ ...form, otherwise: e.target.value as 'keep' | 'null' })} data-testid="value-map-otherwise">
            <option value="keep">kept as written</option>
            <option value="null">left empty</option>
          </select>
        </label>
        <LinkButton onClick={() => save(withSampledValues(draft, sourceColumn, form))}>list the sampled values</LinkButton>
        <LinkButton onClick={() => save(null)} testId="value-map-remove">
          no translation
        </LinkButton>
      </div>
    </div>
  );
}
