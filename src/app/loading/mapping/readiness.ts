import { validateMapping } from '../../../loader/import';
import type { MappingDraft } from './draft';
import { openQuestions } from './questions';
import { missingColumns } from './saved-mapping';

/** Whether a draft may load, and what stops it, in plain words. */

/**
 * What stops the draft from loading, in plain words (open questions are listed apart):
 * required columns not mapped, values that do not fit, columns the file does not have.
 */
export function draftProblems(draft: MappingDraft): string[] {
  const out: string[] = [];
  const v = validateMapping(draft.mapping);
  if (!v.ok) {
    for (const e of v.errors) {
      if (/the date format is not chosen yet/.test(e)) continue; // asked as a question
      const req = /^targets\[(\d+)\]\.columns: (\w+)\.(\w+) is required and not mapped$/.exec(e);
      if (req) {
        out.push(`Choose where ${req[2]}.${req[3]} comes from: it is required.`);
        continue;
      }
      out.push(e.replace(/^targets\[(\d+)\]\.columns\.(\w+)/, (_m, i: string, c: string) => `${draft.mapping.targets[Number(i)]?.table ?? 'table'}.${c}`));
    }
  }
  const missing = missingColumns(draft.mapping, draft.sniff.header);
  if (missing.length > 0) out.push(`The file has no column ${missing.map((c) => `“${c}”`).join(', ')}.`);
  return out;
}

/** The draft may load: nothing open, nothing wrong. */
export function canLoad(draft: MappingDraft): boolean {
  return draft.mapping.targets.length > 0 && openQuestions(draft).length === 0 && draftProblems(draft).length === 0;
}
