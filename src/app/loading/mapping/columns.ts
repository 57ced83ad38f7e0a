import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../../../data-model/contract';
import { questionFor, transformFor, type Question, type Transform, type ValueSource } from '../../../loader/import';
import { describeSource } from './describe-source';
import { sourceAt, type MappingDraft } from './draft';
import { numberFormatOf } from './number-format';
import { questionKey } from './questions';

/**
 * Where each canonical column of a target comes from, as the column table edits it: every kind
 * of value source the mapping JSON has. Sources too nested for the controls (an `if`, a
 * calculation on a calculation) are shown in words and kept as they are.
 */

export type CalcOp = 'multiply' | 'minus' | 'divide';
export const CALC_OPS: readonly CalcOp[] = ['multiply', 'minus', 'divide'];
export const CALC_SYMBOLS: Record<CalcOp, string> = { multiply: '×', minus: '−', divide: '÷' };

/** One side of a calculation: a column of the file (read as a number) or a number. */
export type Operand = { kind: 'column'; name: string } | { kind: 'number'; value: number };

export type SourceChoice =
  | { kind: 'none' }
  | { kind: 'column'; name: string }
  | { kind: 'constant'; value: string }
  | { kind: 'line' }
  /** Columns joined by a separator (empty parts skipped); repeats numbered #2, #3 … when asked. */
  | { kind: 'concat'; columns: string[]; separator: string; numberRepeats: boolean }
  /** a × b, a − b or a ÷ b. */
  | { kind: 'calc'; op: CalcOp; a: Operand; b: Operand }
  /** The first of these columns that has a value. */
  | { kind: 'firstOf'; columns: string[] }
  /** A source the controls cannot express (an `if`, nested calculations): kept as it is. */
  | { kind: 'complex'; text: string };

export type SourceKind = SourceChoice['kind'];

const operandOf = (src: ValueSource): Operand | null => {
  if ('column' in src) return { kind: 'column', name: src.column };
  if ('constant' in src && typeof src.constant === 'number') return { kind: 'number', value: src.constant };
  return null;
};

/** How the column table shows a canonical column's current source. */
export function sourceChoiceOf(src: ValueSource | undefined): SourceChoice {
  if (!src) return { kind: 'none' };
  if ('column' in src) return { kind: 'column', name: src.column };
  if ('constant' in src) return { kind: 'constant', value: String(src.constant) };
  if ('lineNumber' in src) return { kind: 'line' };
  if ('concat' in src) return { kind: 'concat', columns: src.concat, separator: src.separator, numberRepeats: src.numberRepeats !== undefined };
  for (const op of CALC_OPS) {
    if (op in src) {
      const [x, y] = (src as Record<CalcOp, [ValueSource, ValueSource]>)[op];
      const a = operandOf(x);
      const b = operandOf(y);
      if (a && b) return { kind: 'calc', op, a, b };
    }
  }
  if ('firstOf' in src && src.firstOf.every((s) => 'column' in s)) {
    return { kind: 'firstOf', columns: src.firstOf.map((s) => ('column' in s ? s.column : '')) };
  }
  return { kind: 'complex', text: describeSource(src) };
}

export const specOf = (table: CanonicalTable, column: string): ColumnSpec => {
  const c = CONTRACT[table].columns.find((x) => x.name === column);
  if (!c) throw new Error(`${table} has no column ${column}`);
  return c;
};

const NUMBER_SPEC: ColumnSpec = { name: 'operand', type: 'DOUBLE', required: false, description: '' };

/**
 * A source column read for a canonical column: the transform its sampled values call for, with
 * the file's number notation; a column of a lookup file (not sampled here) gets the default
 * reading of its type. Also the question the column raises, if any.
 */
function readColumn(draft: MappingDraft, target: number, spec: ColumnSpec, name: string): { src: ValueSource; question: Question | null } {
  const p = draft.profiles.find((x) => x.name === name);
  const nf = numberFormatOf(draft.mapping);
  let transform: Transform | undefined = p
    ? transformFor(p, spec)
    : spec.type === 'INTEGER' || spec.type === 'DOUBLE' ? { kind: 'number', decimal: '.', thousands: '', currency: false, sign: 'keep' }
      : spec.type === 'DATE' || spec.type === 'TIMESTAMP' ? { kind: 'date', format: 'iso' } : undefined;
  if (transform?.kind === 'number' && nf) transform = { ...transform, decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency || transform.currency };
  const q = p ? questionFor(p, spec, target) : null;
  return { src: transform ? { column: name, transform } : { column: name }, question: q && !(q.kind === 'number_format' && nf) ? q : null };
}

/** Points a canonical column at a source of any kind the controls offer, or at nothing. */
export function setColumnSource(draft: MappingDraft, target: number, column: string, choice: SourceChoice): MappingDraft {
  const t = draft.mapping.targets[target];
  if (!t || choice.kind === 'complex') return draft;
  const spec = specOf(t.table, column);
  const before = t.columns[column];
  const asked: Question[] = [];
  const read = (s: ColumnSpec, name: string): ValueSource => {
    const r = readColumn(draft, target, s, name);
    if (r.question) asked.push(r.question);
    return r.src;
  };
  // A calculation's side that stays the same column keeps how it is read (its sign rule).
  const operand = (o: Operand, i: 0 | 1): ValueSource => {
    if (o.kind === 'number') return { constant: o.value };
    const old = before && choice.kind === 'calc' && choice.op in before ? (before as Record<CalcOp, [ValueSource, ValueSource]>)[choice.op][i] : undefined;
    return old && 'column' in old && old.column === o.name ? old : read(NUMBER_SPEC, o.name);
  };
  let next: ValueSource | undefined;
  switch (choice.kind) {
    case 'none': next = undefined; break;
    case 'line': next = { lineNumber: true }; break;
    case 'constant': next = { constant: constantValue(choice.value, spec) }; break;
    case 'column': next = read(spec, choice.name); break;
    case 'concat': {
      const within = before && 'concat' in before && before.numberRepeats ? before.numberRepeats.within : [];
      next = { concat: choice.columns, separator: choice.separator, ...(choice.numberRepeats ? { numberRepeats: { within } } : {}) };
      break;
    }
    case 'calc': next = { [choice.op]: [operand(choice.a, 0), operand(choice.b, 1)] } as unknown as ValueSource; break;
    case 'firstOf': {
      // A part that stays the same column keeps how it is read (its value map).
      const was = before && 'firstOf' in before ? before.firstOf : [];
      next = { firstOf: choice.columns.map((c, i) => { const old = was[i]; return old && 'column' in old && old.column === c ? old : read(spec, c); }) };
      break;
    }
  }
  const columns = { ...t.columns };
  if (next) columns[column] = next;
  else delete columns[column];
  const keys = new Set(asked.map(questionKey));
  const questions = asked.length ? [...draft.questions.filter((x) => !keys.has(questionKey(x))), ...asked] : draft.questions;
  const targets = draft.mapping.targets.map((x, i) => (i === target ? { ...x, columns } : x));
  return { ...draft, mapping: { ...draft.mapping, targets }, questions, problem: null };
}

/**
 * What a column's source becomes when the user picks another kind in the select: the parts
 * it had are carried over where they fit (the column it read becomes the first part).
 */
export function choiceForKind(kind: SourceKind, current: SourceChoice, header: readonly string[]): SourceChoice | null {
  const first = current.kind === 'column' ? current.name : current.kind === 'concat' || current.kind === 'firstOf' ? current.columns[0] : current.kind === 'calc' && current.a.kind === 'column' ? current.a.name : header[0];
  const name = first ?? '';
  switch (kind) {
    case 'none': return { kind: 'none' };
    case 'line': return { kind: 'line' };
    case 'constant': return { kind: 'constant', value: current.kind === 'constant' ? current.value : '' };
    case 'concat': return { kind: 'concat', columns: current.kind === 'firstOf' ? current.columns : [name], separator: '|', numberRepeats: false };
    case 'calc': return { kind: 'calc', op: 'divide', a: { kind: 'column', name }, b: { kind: 'number', value: 1 } };
    case 'firstOf': return { kind: 'firstOf', columns: current.kind === 'concat' ? current.columns : [name] };
    default: return null;
  }
}

/** A constant typed as text, as the column's type (validateMapping reports what does not fit). */
export function constantValue(text: string, spec: ColumnSpec): string | number | boolean {
  const v = text.trim();
  if ((spec.type === 'INTEGER' || spec.type === 'DOUBLE') && v !== '' && Number.isFinite(Number(v))) return Number(v);
  if (spec.type === 'BOOLEAN') return /^(true|yes|y|1)$/i.test(v);
  return v;
}

/** Replaces one canonical column's source as it is. */
export function replaceSource(draft: MappingDraft, target: number, column: string, src: ValueSource): MappingDraft {
  const targets = draft.mapping.targets.map((t, i) => (i === target ? { ...t, columns: { ...t.columns, [column]: src } } : t));
  return { ...draft, mapping: { ...draft.mapping, targets } };
}

/** Canonical columns of a target, required first then in contract order, with their current source. */
export function targetColumns(draft: MappingDraft, target: number): { spec: ColumnSpec; source: SourceChoice; raw: ValueSource | undefined }[] {
  const t = draft.mapping.targets[target];
  if (!t) return [];
  const cols = CONTRACT[t.table].columns;
  return [...cols.filter((c) => c.required), ...cols.filter((c) => !c.required)].map((spec) => ({
    spec, source: sourceChoiceOf(sourceAt(draft.mapping, target, spec.name)), raw: t.columns[spec.name],
  }));
}
