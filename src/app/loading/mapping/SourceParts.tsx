import { CALC_OPS, CALC_SYMBOLS, type CalcOp, type Operand, type SourceChoice } from '../mapping-step';
import { ColumnOptions, ColumnSelect, inputClass, LinkButton, muted, TextField } from './ui';

/** The controls of the composite value sources: combined columns, calculations, first of. */

type Cols = { header: readonly string[]; lookups: readonly string[] };

/** An ordered list of source columns, each replaceable and removable, with "+ column". */
export function ColumnList({ columns, onChange, label, testId, header, lookups }: Cols & { columns: string[]; onChange: (c: string[]) => void; label: string; testId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid={testId}>
      {columns.map((c, i) => (
        <span key={i} className="flex items-center">
          <ColumnSelect value={c} header={header} lookups={lookups} label={`${label} ${i + 1}`} onChange={(n) => onChange(columns.map((x, j) => (j === i ? n : x)))} testId={`${testId}-part`} />
          {columns.length > 1 && (
            <LinkButton onClick={() => onChange(columns.filter((_, j) => j !== i))} label={`Remove ${c} from ${label}`}>
              ×
            </LinkButton>
          )}
        </span>
      ))}
      <LinkButton onClick={() => onChange([...columns, header[0] ?? ''])} testId={`${testId}-add`}>
        + column
      </LinkButton>
    </div>
  );
}

const NUMBER = '__number__';

/** One side of a calculation: a column, or a number typed in. */
function OperandPicker({ value, onChange, label, testId, header, lookups }: Cols & { value: Operand; onChange: (o: Operand) => void; label: string; testId: string }) {
  return (
    <span className="flex items-center gap-1">
      <select
        className={`${inputClass} max-w-[14rem]`}
        aria-label={label}
        value={value.kind === 'number' ? NUMBER : `col:${value.name}`}
        onChange={(e) => onChange(e.target.value === NUMBER ? { kind: 'number', value: value.kind === 'number' ? value.value : 1 } : { kind: 'column', name: e.target.value.slice(4) })}
        data-testid={testId}
      >
        <option value={NUMBER}>a number…</option>
        <ColumnOptions header={header} lookups={lookups} />
      </select>
      {value.kind === 'number' && (
        <TextField
          value={String(value.value)}
          label={`${label}: number`}
          className="w-24"
          onCommit={(t) => Number.isFinite(Number(t)) && t.trim() !== '' && onChange({ kind: 'number', value: Number(t) })}
          testId={`${testId}-number`}
        />
      )}
    </span>
  );
}

/** The controls under the source select for the kinds that have parts. */
export function SourceParts({ choice, set, what, header, lookups }: Cols & { choice: SourceChoice; set: (c: SourceChoice) => void; what: string }) {
  const cols = { header, lookups };
  if (choice.kind === 'concat') {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <ColumnList {...cols} columns={choice.columns} onChange={(columns) => set({ ...choice, columns })} label={`Columns joined for ${what}`} testId="concat" />
        <span className={muted}>joined by</span>
        <TextField value={choice.separator} label={`Separator for ${what}`} className="w-14" placeholder="none" onCommit={(separator) => set({ ...choice, separator })} testId="concat-separator" />
        <label className={`${muted} flex items-center gap-1`}>
          <input type="checkbox" className="h-4 w-4 accent-tremor-brand" checked={choice.numberRepeats} onChange={(e) => set({ ...choice, numberRepeats: e.target.checked })} />
          number repeats #2, #3…
        </label>
      </div>
    );
  }
  if (choice.kind === 'calc') {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-1">
        <OperandPicker {...cols} value={choice.a} onChange={(a) => set({ ...choice, a })} label={`First value of ${what}`} testId="calc-a" />
        <select className={inputClass} aria-label={`Operation for ${what}`} value={choice.op} onChange={(e) => set({ ...choice, op: e.target.value as CalcOp })} data-testid="calc-op">
          {CALC_OPS.map((op) => (
            <option key={op} value={op}>
              {CALC_SYMBOLS[op]}
            </option>
          ))}
        </select>
        <OperandPicker {...cols} value={choice.b} onChange={(b) => set({ ...choice, b })} label={`Second value of ${what}`} testId="calc-b" />
      </div>
    );
  }
  if (choice.kind === 'firstOf') {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <span className={muted}>the first with a value of</span>
        <ColumnList {...cols} columns={choice.columns} onChange={(columns) => set({ ...choice, columns })} label={`Columns tried for ${what}`} testId="firstof" />
      </div>
    );
  }
  return null;
}
