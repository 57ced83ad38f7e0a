import { stringifyMapping, validateMapping, type MappingSpec } from '../../../loader/import';
import { mappingDocument } from '../../../loader/import/mapping-document';
import type { MappingDraft } from './draft';
import { openQuestions } from './questions';

/**
 * "Edit as JSON": the whole mapping as the text a saved mapping file holds, checked as it is
 * typed; applying it replaces the draft's mapping. Whatever the JSON can say is reachable here.
 */

const DATE_NOT_CHOSEN = /the date format is not chosen yet/;

export type JsonCheck = { ok: true; mapping: MappingSpec } | { ok: false; errors: string[] };

/**
 * The draft's mapping as a file holds it: naming the file it was made for when it names none,
 * as `import-check --out` does, so `analyze --mapping` on a folder picks that file.
 */
export const mappingForFile = (draft: MappingDraft): MappingSpec =>
  draft.mapping.files?.length ? draft.mapping : { ...draft.mapping, files: [draft.fileName] };

/**
 * The text of the mapping file ("Download mapping", "Edit as JSON"): the document
 * `import-check --out` writes for the same file and choices (every source column used or
 * ignored, each open question with how to answer it), by the same function.
 */
export const mappingJson = (draft: MappingDraft): string =>
  stringifyMapping(mappingDocument(mappingForFile(draft), draft.sniff.header, openQuestions(draft), draft.profiles));

/** Checks mapping JSON text: a syntax error with where it is, or every problem validateMapping finds (with its path). */
export function checkMappingJson(text: string): JsonCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const v = validateMapping(value);
  if (v.ok) return { ok: true, mapping: v.mapping };
  // A date format not chosen yet is a question the step asks, not a reason to refuse the text.
  const errors = v.errors.filter((e) => !DATE_NOT_CHOSEN.test(e));
  return errors.length === 0 ? { ok: true, mapping: value as MappingSpec } : { ok: false, errors };
}

/**
 * Replaces the draft's mapping with one edited as JSON. The questions stay: one whose column
 * is still read the same way is still open until answered, the others no longer apply.
 */
export function applyMappingJson(draft: MappingDraft, mapping: MappingSpec): MappingDraft {
  return { ...draft, mapping, problem: null, origin: draft.origin.endsWith(', edited as JSON') ? draft.origin : `${draft.origin}, edited as JSON` };
}
