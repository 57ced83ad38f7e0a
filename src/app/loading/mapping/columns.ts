import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../../../data-model/contract';
import {
  CANDIDATE_DATE_FORMATS, describeDateFormat, parseDate, questionFor, transformFor,
  type Sniff, type Transform, type ValueSource,
} from '../../../loader/import';
import { sourceAt as sourceOf, valuesOf, type MappingDraft } from './draft';
import { numberFormatOf } from './number-format';
import { questionKey } from './questions';

/** Where each canonical column of a target comes from: the simple choices of the column table. */

export type SourceChoice =
  | { kind: 'none' }
  | { kind: 'column'; name: string }
  | { kind: 'constant'; value: string }
  | { kind: 'line' }
  /** A source the select cannot express (concat, firstOf, multiply): kept as the preset set it. */
  | { kind: 'complex'; text: string };

/** How the UI shows a canonical column's current source. */
export function sourceChoiceOf(src: ValueSource | undefined): SourceChoice {
  if (!src) return { kind: 'none' };
  if ('column' in src) return { kind: 'column', name: src.column };
  if ('constant' in src) return { kind: 'constant', value: String(src.constant) };
  if ('lineNumber' in src) return { kind: 'line' };
  return { kind: 'complex', text: describeSource(src) };
}

/** A value source in words ("order-id + sku joined by “|”"); kinds it does not know are named by their kind. */
export function describeSource(src: ValueSource): string {
  const x = src as unknown as Record<string, unknown>;
  const sub = (v: unknown) => describeSource(v as ValueSource);
  if ('column' in x) {
    const t = x.transform as Transform | undefined;
    return `“${String(x.column)}”${t?.kind === 'map' ? ' (codes translated)' : ''}`;
  }
  if ('constant' in x) return `always “${String(x.constant)}”`;
  if ('lineNumber' in x) return 'the line number';
  if ('concat' in x) {
    const parts = (x.concat as string[]).map((c) => `“${c}”`).join(' + ');
    return `${parts} joined by “${String(x.separator)}”${x.numberRepeats ? ', repeats numbered' : ''}`;
  }
  const ops: Record<string, string> = { multiply: '×', minus: '−', divide: '÷' };
  for (const [k, sym] of Object.entries(ops)) {
    if (k in x) {
      const [a, b] = x[k] as [unknown, unknown];
      return `${sub(a)} ${sym} ${sub(b)}`;
    }
  }
  if ('firstOf' in x) return `the first of ${(x.firstOf as unknown[]).map(sub).join(', ')}`;
  if ('if' in x) return `${sub(x.then)} on some rows${x.else ? `, ${sub(x.else)} on the others` : ''}`;
  return `a rule of the mapping (${Object.keys(x).join(', ')})`;
}

export const specOf = (table: CanonicalTable, column: string): ColumnSpec => {
  const c = CONTRACT[table].columns.find((x) => x.name === column);
  if (!c) throw new Error(`${table} has no column ${column}`);
  return c;
};

/** Points a canonical column at a source column, a constant, the line number, or nothing. */
export function setColumnSource(draft: MappingDraft, target: number, column: string, choice: SourceChoice): MappingDraft {
  const t = draft.mapping.targets[target];
  if (!t) return draft;
  const spec = specOf(t.table, column);
  const columns = { ...t.columns };
  let questions = draft.questions;
  if (choice.kind === 'none') delete columns[column];
  else if (choice.kind === 'line') columns[column] = { lineNumber: true };
  else if (choice.kind === 'constant') columns[column] = { constant: constantValue(choice.value, spec) };
  else if (choice.kind === 'column') {
    const p = draft.profiles.find((x) => x.name === choice.name);
    let transform: Transform | undefined = p ? transformFor(p, spec) : undefined;
    // The file's number notation, as chosen for the other number columns.
    const nf = numberFormatOf(draft.mapping);
    if (transform?.kind === 'number' && nf) transform = { ...transform, decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency || transform.currency };
    columns[column] = transform ? { column: choice.name, transform } : { column: choice.name };
    const q = p ? questionFor(p, spec, target) : null;
    if (q && !(q.kind === 'number_format' && nf)) {
      questions = [...draft.questions.filter((x) => questionKey(x) !== questionKey(q)), q];
    }
  } else return draft;
  const targets = draft.mapping.targets.map((x, i) => (i === target ? { ...x, columns } : x));
  return { ...draft, mapping: { ...draft.mapping, targets }, questions, problem: null };
}

/** A constant typed as text, as the column's type (validateMapping reports what does not fit). */
export function constantValue(text: string, spec: ColumnSpec): string | number | boolean {
  const v = text.trim();
  if ((spec.type === 'INTEGER' || spec.type === 'DOUBLE') && v !== '' && Number.isFinite(Number(v))) return Number(v);
  if (spec.type === 'BOOLEAN') return /^(true|yes|y|1)$/i.test(v);
  return v;
}

/** Sets the date format of a date column read from a source column (keeps the offset setting). */
export function setDateFormat(draft: MappingDraft, target: number, column: string, format: string): MappingDraft {
  const src = sourceOf(draft.mapping, target, column);
  if (!src || !('column' in src)) return draft;
  const offset = src.transform?.kind === 'date' ? src.transform.offset : undefined;
  const transform: Transform = offset ? { kind: 'date', format, offset } : { kind: 'date', format };
  return replaceSource(draft, target, column, { column: src.column, transform });
}

function replaceSource(draft: MappingDraft, target: number, column: string, src: ValueSource): MappingDraft {
  const targets = draft.mapping.targets.map((t, i) => (i === target ? { ...t, columns: { ...t.columns, [column]: src } } : t));
  return { ...draft, mapping: { ...draft.mapping, targets } };
}

/** Share of a column's sampled values each candidate format reads (cached per sample: re-rendering is free). */
const shareCache = new WeakMap<Sniff, Map<string, { format: string; share: number }[]>>();
function formatShares(draft: MappingDraft, column: string): { format: string; share: number }[] {
  let byColumn = shareCache.get(draft.sniff);
  if (!byColumn) shareCache.set(draft.sniff, (byColumn = new Map()));
  const hit = byColumn.get(column);
  if (hit) return hit;
  const values = valuesOf(draft, column).filter((v) => v.trim() !== '');
  const out = CANDIDATE_DATE_FORMATS.map((f) => ({ format: f, share: values.length === 0 ? 0 : values.filter((v) => parseDate(v, f)).length / values.length }));
  byColumn.set(column, out);
  return out;
}

/** Date formats worth offering for a source column: those that read its sampled values, best first. */
export function dateFormatOptions(draft: MappingDraft, sourceColumn: string, current: string | null): { format: string; label: string }[] {
  const scored = formatShares(draft, sourceColumn)
    .filter((x) => x.share > 0 || x.format === current)
    .sort((a, b) => b.share - a.share);
  if (current && !scored.some((x) => x.format === current)) scored.unshift({ format: current, share: 0 });
  if (!scored.some((x) => x.format === 'iso')) scored.push({ format: 'iso', share: 0 });
  return scored.map((x) => ({
    format: x.format,
    label: `${describeDateFormat(x.format)}${x.format === 'iso' ? '' : ` (${x.format})`} — reads ${Math.round(x.share * 100)}% of the sample`,
  }));
}

/** Canonical columns of a target, required first then in contract order, with their current source. */
export function targetColumns(draft: MappingDraft, target: number): { spec: ColumnSpec; source: SourceChoice; raw: ValueSource | undefined }[] {
  const t = draft.mapping.targets[target];
  if (!t) return [];
  const cols = CONTRACT[t.table].columns;
  return [...cols.filter((c) => c.required), ...cols.filter((c) => !c.required)].map((spec) => ({
    spec, source: sourceChoiceOf(t.columns[spec.name]), raw: t.columns[spec.name],
  }));
}
