import { LOOKUP_NAME, type ExclusionRule, type FillDown, type LookupSpec, type MappingSpec, type TargetSpec } from '../../../loader/import';
import type { MappingDraft } from './draft';

/**
 * What the mapping says about the whole file rather than one column: cells filled down from
 * the row above, other files of the batch read for values (lookups), rows of a table left out
 * on purpose with a reason (exclusions).
 */

const withMapping = (draft: MappingDraft, mapping: MappingSpec): MappingDraft => ({ ...draft, mapping, problem: null });

/** Sets fill-down (undefined: none). */
export function setFillDown(draft: MappingDraft, fillDown: FillDown | undefined): MappingDraft {
  const { fillDown: _old, ...m } = draft.mapping;
  return withMapping(draft, fillDown ? { ...m, fillDown } : m);
}

/** A name for a new lookup that no other lookup has (lookup, lookup2 …). */
function freshLookupName(m: MappingSpec): string {
  const taken = new Set((m.lookups ?? []).map((l) => l.name));
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'lookup' : `lookup${i}`;
    if (!taken.has(name)) return name;
  }
}

const withLookups = (draft: MappingDraft, lookups: LookupSpec[]): MappingDraft => {
  const { lookups: _old, ...m } = draft.mapping;
  return withMapping(draft, lookups.length > 0 ? { ...m, lookups } : m);
};

/** Adds a lookup into another file (to be filled in: the validation says what is missing). */
export function addLookup(draft: MappingDraft, file = '', key = ''): MappingDraft {
  const l: LookupSpec = { name: freshLookupName(draft.mapping), file, key, on: draft.sniff.header[0] ?? '', onMissing: 'reject' };
  return withLookups(draft, [...(draft.mapping.lookups ?? []), l]);
}

export function updateLookup(draft: MappingDraft, index: number, patch: Partial<LookupSpec>): MappingDraft {
  return withLookups(draft, (draft.mapping.lookups ?? []).map((l, i) => (i === index ? { ...l, ...patch } : l)));
}

export function removeLookup(draft: MappingDraft, index: number): MappingDraft {
  return withLookups(draft, (draft.mapping.lookups ?? []).filter((_, i) => i !== index));
}

/** Whether a lookup name is one the mapping accepts (letters, digits, _; a letter first). */
export const validLookupName = (name: string): boolean => LOOKUP_NAME.test(name);

/**
 * The columns a source can be read from besides the file's own: "<lookup>.<column>" for each
 * lookup whose file is in the batch (its header known), in the order of the lookups.
 */
export function lookupColumns(m: MappingSpec, files: readonly { name: string; header: readonly string[] }[], matches: (name: string, pattern: string) => boolean): string[] {
  const out: string[] = [];
  for (const l of m.lookups ?? []) {
    const f = files.find((x) => l.file !== '' && matches(x.name, l.file));
    for (const h of f?.header ?? []) out.push(`${l.name}.${h}`);
  }
  return out;
}

const patchTarget = (draft: MappingDraft, index: number, fn: (t: TargetSpec) => TargetSpec): MappingDraft =>
  withMapping(draft, { ...draft.mapping, targets: draft.mapping.targets.map((t, i) => (i === index ? fn(t) : t)) });

const withExclusions = (t: TargetSpec, rules: ExclusionRule[]): TargetSpec => {
  const { exclude: _old, ...rest } = t;
  return rules.length > 0 ? { ...rest, exclude: rules } : rest;
};

/** Adds an exclusion rule to a table: rows where the test holds are left out with the reason. */
export function addExclusion(draft: MappingDraft, target: number, rule: ExclusionRule): MappingDraft {
  return patchTarget(draft, target, (t) => withExclusions(t, [...(t.exclude ?? []), rule]));
}

export function updateExclusion(draft: MappingDraft, target: number, index: number, rule: ExclusionRule): MappingDraft {
  return patchTarget(draft, target, (t) => withExclusions(t, (t.exclude ?? []).map((r, i) => (i === index ? rule : r))));
}

export function removeExclusion(draft: MappingDraft, target: number, index: number): MappingDraft {
  return patchTarget(draft, target, (t) => withExclusions(t, (t.exclude ?? []).filter((_, i) => i !== index)));
}
