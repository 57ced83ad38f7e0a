import type { ColumnSpec } from '../../../data-model/contract';
import type { DecimalSeparator, MappingSpec, ThousandsSeparator, ValueSource } from '../../../loader/import';
import { specOf } from './columns';
import type { MappingDraft } from './draft';
import { questionKey } from './questions';

/** The file's number notation: one decimal / thousands / currency setting for every number column. */

export interface NumberFormat {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  currency: boolean;
}

/** Every value source of the mapping, nested ones included, with the canonical column it fills. */
function walkSources(m: MappingSpec, fn: (src: ValueSource, spec: ColumnSpec) => ValueSource): MappingSpec {
  const visit = (src: ValueSource, spec: ColumnSpec): ValueSource => {
    const x = src as unknown as Record<string, unknown>;
    const num = { ...spec, type: 'DOUBLE' as const };
    for (const k of ['multiply', 'minus', 'divide']) {
      if (k in x) {
        const [a, b] = x[k] as [ValueSource, ValueSource];
        return fn({ ...x, [k]: [visit(a, num), visit(b, num)] } as unknown as ValueSource, spec);
      }
    }
    if ('firstOf' in x) return fn({ ...x, firstOf: (x.firstOf as ValueSource[]).map((s) => visit(s, spec)) } as unknown as ValueSource, spec);
    if ('if' in x) {
      const out: Record<string, unknown> = { ...x, then: visit(x.then as ValueSource, spec) };
      if (x.else) out.else = visit(x.else as ValueSource, spec);
      return fn(out as unknown as ValueSource, spec);
    }
    return fn(src, spec);
  };
  return {
    ...m,
    targets: m.targets.map((t) => ({
      ...t,
      columns: Object.fromEntries(Object.entries(t.columns).map(([k, src]) => [k, src ? visit(src, specOf(t.table, k)) : src])),
    })),
  };
}

/**
 * The number notation the mapping reads numbers with: the separators of its first number
 * column, and currency signs on when any number column strips them. Null when it reads no number.
 */
export function numberFormatOf(m: MappingSpec): NumberFormat | null {
  let found: NumberFormat | null = null;
  let currency = false;
  walkSources(m, (src) => {
    if ('column' in src && src.transform?.kind === 'number') {
      found ??= { decimal: src.transform.decimal, thousands: src.transform.thousands, currency: false };
      currency ||= src.transform.currency;
    }
    return src;
  });
  return found ? { ...(found as NumberFormat), currency } : null;
}

/**
 * One number notation for the whole file: every number column read from a source column gets
 * these separators and currency setting (each keeps its sign rule). Counts as the answer to the
 * open number questions.
 */
export function setNumberFormat(draft: MappingDraft, nf: NumberFormat): MappingDraft {
  const mapping = walkSources(draft.mapping, (src, spec) => {
    if (!('column' in src) || (spec.type !== 'INTEGER' && spec.type !== 'DOUBLE')) return src;
    const sign = src.transform?.kind === 'number' ? src.transform.sign : 'keep';
    if (src.transform && src.transform.kind !== 'number') return src;
    return { column: src.column, transform: { kind: 'number', decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency, sign } };
  });
  const answered = [...new Set([...draft.answered, ...draft.questions.filter((q) => q.kind === 'number_format').map(questionKey)])];
  return { ...draft, mapping, answered };
}
