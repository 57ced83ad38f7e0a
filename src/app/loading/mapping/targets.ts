import { CANONICAL_TABLES, type CanonicalTable } from '../../../data-model/contract';
import { suggestMapping, type Question, type RowTest, type TargetSpec } from '../../../loader/import';
import type { MappingDraft } from './draft';
import { numberFormatOf } from './number-format';
import { questionKey } from './questions';

/**
 * The tables one file fills: add one (its columns suggested from the file as for a single
 * table), remove one, how rows are routed, each table's row filter and duplicate policy.
 */

const withTargets = (draft: MappingDraft, targets: TargetSpec[], questions = draft.questions): MappingDraft => ({
  ...draft, mapping: { ...draft.mapping, targets }, questions, problem: null,
});

/** Questions moved to other target indexes; fills of a removed target dropped. */
const moveFills = (questions: Question[], at: (target: number) => number | null): Question[] =>
  questions
    .map((q) => ({ ...q, fills: q.fills.flatMap((f) => { const t = at(f.target); return t === null ? [] : [{ ...f, target: t }]; }) }) as Question)
    .filter((q) => q.fills.length > 0);

/** The date format the mapping already reads a source column with, if one is chosen. */
function chosenDateFormat(draft: MappingDraft, sourceColumn: string): string | null {
  for (const t of draft.mapping.targets) {
    for (const src of Object.values(t.columns)) {
      if (src && 'column' in src && src.column === sourceColumn && src.transform?.kind === 'date' && src.transform.format !== null) return src.transform.format;
    }
  }
  return null;
}

/**
 * Adds a table filled from the same file, its columns suggested from the header and values
 * (the same suggestion as a custom mapping into that table), read with the file's number
 * notation and date formats already chosen. Its other questions join the draft's.
 */
export function addTarget(draft: MappingDraft, table: CanonicalTable): MappingDraft {
  const s = suggestMapping(draft.sniff, table);
  const index = draft.mapping.targets.length;
  const nf = numberFormatOf(draft.mapping);
  // Settled notation (every number question answered): the new columns read numbers the same way.
  const settled = nf && !draft.questions.some((q) => q.kind === 'number_format' && !draft.answered.includes(questionKey(q)));
  const columns = Object.fromEntries(
    Object.entries(s.mapping.targets[0]!.columns).map(([k, src]) => {
      if (!src || !('column' in src)) return [k, src];
      if (settled && src.transform?.kind === 'number') return [k, { ...src, transform: { ...src.transform, decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency } }];
      // A date column another table already reads with an answered format: the same answer.
      const known = src.transform?.kind === 'date' && src.transform.format === null ? chosenDateFormat(draft, src.column) : null;
      return [k, known ? { ...src, transform: { kind: 'date', format: known } } : src];
    }),
  );
  const asked = moveFills(s.questions, () => index).filter((q) => {
    if (q.kind === 'number_format') return !settled;
    return chosenDateFormat(draft, q.source) === null;
  });
  // A date question about a column already asked about becomes part of that question: one answer for both tables.
  const merged = draft.questions.map((q) => {
    const same = asked.filter((x) => x.kind === 'date_format' && q.kind === 'date_format' && x.source === q.source);
    return same.length ? { ...q, fills: [...q.fills, ...same.flatMap((x) => x.fills)] } : q;
  });
  const fresh = asked.filter((x) => !(x.kind === 'date_format' && draft.questions.some((q) => q.kind === 'date_format' && q.source === x.source)));
  const next = withTargets(draft, [...draft.mapping.targets, { table, columns }], [...merged, ...fresh]);
  // Routed to the first matching table, a table with no filter after one with none gets no row:
  // the new table takes every row too (as the flat sales preset does).
  const unfiltered = draft.mapping.targets.length > 0 && draft.mapping.targets.every((t) => !t.when);
  return unfiltered && (draft.mapping.routing ?? 'first') === 'first' ? setRouting(next, 'each') : next;
}

/** Removes a table from the mapping (its questions go with it). */
export function removeTarget(draft: MappingDraft, index: number): MappingDraft {
  if (!draft.mapping.targets[index]) return draft;
  const targets = draft.mapping.targets.filter((_, i) => i !== index);
  return withTargets(draft, targets, moveFills(draft.questions, (t) => (t === index ? null : t > index ? t - 1 : t)));
}

/** Which tables a row goes to: the first whose filter holds, or every one. */
export function setRouting(draft: MappingDraft, routing: 'first' | 'each'): MappingDraft {
  const mapping = { ...draft.mapping };
  if (routing === 'first') delete mapping.routing;
  else mapping.routing = routing;
  return { ...draft, mapping };
}

const patchTarget = (draft: MappingDraft, index: number, fn: (t: TargetSpec) => TargetSpec): MappingDraft =>
  withTargets(draft, draft.mapping.targets.map((t, i) => (i === index ? fn(t) : t)));

/** The rows a table takes (undefined: every row, or every row an earlier table did not take). */
export function setTargetFilter(draft: MappingDraft, index: number, when: RowTest | undefined): MappingDraft {
  return patchTarget(draft, index, ({ when: _old, ...t }) => (when ? { ...t, when } : t));
}

/** A key seen again: keep the first row and count the others as merged ('first'), or reject them. */
export function setDuplicates(draft: MappingDraft, index: number, duplicates: 'reject' | 'first'): MappingDraft {
  return patchTarget(draft, index, ({ duplicates: _old, ...t }) => (duplicates === 'first' ? { ...t, duplicates } : t));
}

/** Tables a new target can fill: those the mapping does not fill yet (a table is filled once per mapping). */
export function addableTables(draft: MappingDraft): CanonicalTable[] {
  const used = new Set(draft.mapping.targets.map((t) => t.table));
  return [...draft.tables.map((t) => t.table), ...CANONICAL_TABLES].filter((t, i, all) => !used.has(t) && all.indexOf(t) === i);
}

export const ROUTING_LABELS: Record<'first' | 'each', string> = {
  first: 'each row to the first table whose filter it passes',
  each: 'each row to every table whose filter it passes',
};

export const DUPLICATE_LABELS: Record<'reject' | 'first', string> = {
  first: 'keep the first row of a repeated key (merge the repeats)',
  reject: 'reject repeats as duplicates',
};
