import type { ColumnSpec } from '../../../data-model/contract';
import { choiceForKind, setColumnSource, sourceLabel, type SourceChoice, type SourceKind } from '../mapping-step';
import { SourceParts } from './SourceParts';
import { inputClass, TextField, type TargetContext } from './ui';

/** Where one canonical column comes from: one select for the kind (or the column), then the kind's parts. */

const KIND_OPTIONS: { kind: SourceKind; label: string }[] = [
  { kind: 'constant', label: 'the same value on every row…' },
  { kind: 'concat', label: 'columns combined (joined with a separator)…' },
  { kind: 'calc', label: 'calculated: a × b, a − b, a ÷ b…' },
  { kind: 'firstOf', label: 'the first of several columns with a value…' },
];

const valueOf = (c: SourceChoice): string => (c.kind === 'column' ? `col:${c.name}` : `__${c.kind}__`);

export function SourceEditor({ ctx, spec, source }: { ctx: TargetContext; spec: ColumnSpec; source: SourceChoice }) {
  const { draft, target, change, header, lookups } = ctx;
  const what = `${draft.mapping.targets[target]!.table}.${spec.name}`;
  const set = (choice: SourceChoice) => change((d) => setColumnSource(d, target, spec.name, choice));
  const numeric = spec.type === 'INTEGER' || spec.type === 'DOUBLE';
  const lineOk = spec.type === 'VARCHAR' || numeric;
  const lookupMissing = source.kind === 'column' && !header.includes(source.name) && !lookups.includes(source.name);
  return (
    <div>
      <select
        className={`${inputClass} max-w-[24rem]`}
        aria-label={`Source of ${what}`}
        value={valueOf(source)}
        onChange={(e) => {
          const v = e.target.value;
          const next = v.startsWith('col:') ? { kind: 'column' as const, name: v.slice(4) } : choiceForKind(v.slice(2, -2) as SourceKind, source, header);
          if (next) set(next);
        }}
        data-testid="column-source"
        data-kind={source.kind}
      >
        <option value="__none__">— not mapped —</option>
        {source.kind === 'complex' && <option value="__complex__">{`as the mapping sets it: ${source.text}`}</option>}
        {lookupMissing && <option value={valueOf(source)}>{`${source.name} (not in the file)`}</option>}
        <optgroup label="Columns of the file">
          {draft.profiles.map((p) => (
            <option key={p.name} value={`col:${p.name}`}>
              {sourceLabel(p)}
            </option>
          ))}
        </optgroup>
        {lookups.length > 0 && (
          <optgroup label="Looked up in other files">
            {lookups.map((c) => (
              <option key={c} value={`col:${c}`}>
                {c}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Other">
          {lineOk && <option value="__line__">the line number in the file</option>}
          {KIND_OPTIONS.filter((k) => k.kind !== 'calc' || numeric).map((k) => (
            <option key={k.kind} value={`__${k.kind}__`}>
              {k.label}
            </option>
          ))}
        </optgroup>
      </select>
      {source.kind === 'constant' && (
        <span className="ml-2">
          <TextField value={source.value} label={`Value of ${what} on every row`} onCommit={(value) => set({ kind: 'constant', value })} testId="column-constant" />
        </span>
      )}
      <SourceParts choice={source} set={set} what={what} header={header} lookups={lookups} />
    </div>
  );
}
