import type { MapTransform, NumberTransform, Transform } from '../../../loader/import';
import { replaceSource } from './columns';
import { sourceAt, valuesOf, type MappingDraft } from './draft';

/**
 * How a source column's text is read, beyond choosing the column: a value map (reason codes →
 * canonical values, anything else kept or left empty), letter case, the sign of numbers.
 */

export interface ValueMapForm {
  /** Source value → canonical value, in the order shown. */
  entries: [string, string][];
  otherwise: 'keep' | 'null';
}

/** The value map of a column read from a source column (null when it has none). */
export function valueMapOf(draft: MappingDraft, target: number, column: string): ValueMapForm | null {
  const src = sourceAt(draft.mapping, target, column);
  if (!src || !('column' in src) || src.transform?.kind !== 'map') return null;
  return { entries: Object.entries(src.transform.values), otherwise: src.transform.otherwise };
}

function setTransform(draft: MappingDraft, target: number, column: string, transform: Transform | undefined): MappingDraft {
  const src = sourceAt(draft.mapping, target, column);
  if (!src || !('column' in src)) return draft;
  return replaceSource(draft, target, column, transform ? { column: src.column, transform } : { column: src.column });
}

/**
 * Sets (or, with null, removes) a column's value map. Rows with an empty source value are
 * dropped; a source value listed twice keeps its last target (what a JSON object would do).
 */
export function setValueMap(draft: MappingDraft, target: number, column: string, form: ValueMapForm | null): MappingDraft {
  if (!form) return setTransform(draft, target, column, undefined);
  const values: Record<string, string> = {};
  for (const [from, to] of form.entries) if (from.trim() !== '') values[from.trim()] = to;
  const map: MapTransform = { kind: 'map', values, otherwise: form.otherwise };
  return setTransform(draft, target, column, map);
}

/** The distinct non-empty values of a source column in the sample, most frequent first (to prefill a value map). */
export function sampleValues(draft: MappingDraft, sourceColumn: string, max = 30): string[] {
  const counts = new Map<string, number>();
  for (const v of valuesOf(draft, sourceColumn)) {
    const t = v.trim();
    if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, max).map(([v]) => v);
}

/** A value map listing the sampled values not yet in it (each mapped to itself, to be edited). */
export function withSampledValues(draft: MappingDraft, sourceColumn: string, form: ValueMapForm): ValueMapForm {
  const known = new Set(form.entries.map(([k]) => k.toLowerCase()));
  const added = sampleValues(draft, sourceColumn).filter((v) => !known.has(v.toLowerCase()));
  return { ...form, entries: [...form.entries, ...added.map((v): [string, string] => [v, v])] };
}

/** Letter case of a text column ('keep' removes the transform). */
export function setTextCase(draft: MappingDraft, target: number, column: string, textCase: 'keep' | 'lower' | 'upper'): MappingDraft {
  return setTransform(draft, target, column, textCase === 'keep' ? undefined : { kind: 'text', case: textCase });
}

/** The sign rule of a number column: keep it, reverse it (returns written negative), or drop it. */
export function setNumberSign(draft: MappingDraft, target: number, column: string, sign: NumberTransform['sign']): MappingDraft {
  const src = sourceAt(draft.mapping, target, column);
  if (!src || !('column' in src) || src.transform?.kind !== 'number') return draft;
  return setTransform(draft, target, column, { ...src.transform, sign });
}
