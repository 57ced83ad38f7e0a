import type { ColumnSpec } from '../../../data-model/contract';
import type { NumberTransform, ValueSource } from '../../../loader/import';
import { dateFormatOptions, describeSource, setDateFormat, setNumberSign, setTextCase } from '../mapping-step';
import { ValueMapEditor } from './ValueMapEditor';
import { inputClass, muted, type TargetContext } from './ui';

/** How a column read from the file is read: its date format, the sign of its numbers, its case, a value map. */
export function ReadAsCell({ ctx, spec, raw }: { ctx: TargetContext; spec: ColumnSpec; raw: ValueSource | undefined }) {
  const { draft, target, change } = ctx;
  const what = `${draft.mapping.targets[target]!.table}.${spec.name}`;
  // A constant or the line number is what it is; a computed source is said in words.
  if (!raw || 'constant' in raw || 'lineNumber' in raw) return null;
  if (!('column' in raw)) return <span className={muted}>{describeSource(raw)}</span>;
  const t = raw.transform;
  if (spec.type === 'DATE' || spec.type === 'TIMESTAMP') {
    const format = t?.kind === 'date' ? t.format : null;
    return (
      <select
        className={`${inputClass} max-w-[26rem]`}
        aria-label={`Date format of ${what}`}
        value={format ?? ''}
        onChange={(e) => e.target.value && change((d) => setDateFormat(d, target, spec.name, e.target.value))}
        data-testid="column-date-format"
      >
        {format === null && <option value="">— choose the date format —</option>}
        {dateFormatOptions(draft, raw.column, format).map((o) => (
          <option key={o.format} value={o.format}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (t?.kind === 'number') {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <span className={muted}>{`number, decimal “${t.decimal}”${t.thousands ? `, thousands “${t.thousands === ' ' ? 'space' : t.thousands}”` : ''}${t.currency ? ', currency signs removed' : ''}`}</span>
        <select className={inputClass} aria-label={`Sign of ${what}`} value={t.sign} onChange={(e) => change((d) => setNumberSign(d, target, spec.name, e.target.value as NumberTransform['sign']))} data-testid="column-sign">
          <option value="keep">sign as written</option>
          <option value="negate">sign reversed</option>
          <option value="abs">sign dropped</option>
        </select>
      </span>
    );
  }
  if (t?.kind === 'boolean') return <span className={muted}>{`yes/no (${t.trueWords.slice(0, 3).join(', ')} …)`}</span>;
  if (spec.type !== 'VARCHAR') return <span className={muted}>{spec.type.toLowerCase()}</span>;
  return (
    <div>
      {t?.kind !== 'map' && (
        <span className="flex flex-wrap items-center gap-2">
          <select
            className={inputClass}
            aria-label={`Letter case of ${what}`}
            value={t?.kind === 'text' ? (t.case ?? 'keep') : 'keep'}
            onChange={(e) => change((d) => setTextCase(d, target, spec.name, e.target.value as 'keep' | 'lower' | 'upper'))}
          >
            <option value="keep">text as written</option>
            <option value="lower">lower case</option>
            <option value="upper">UPPER CASE</option>
          </select>
        </span>
      )}
      <ValueMapEditor ctx={ctx} column={spec.name} sourceColumn={raw.column} />
    </div>
  );
}
