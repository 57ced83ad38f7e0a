import { exportLike, fileMatches } from '../../../loader/import';
import type { FileRoute } from '../../../loader/file-route';
import type { MappingDraft } from './draft';
import { openQuestions } from './questions';
import { draftProblems } from './readiness';

/** The files dropped together: which ones only serve lookups, and whether "Load all" may start. */

export interface BatchItem {
  name: string;
  route: FileRoute;
  status: 'preparing' | 'ready' | 'error';
  draft: MappingDraft | null;
  /**
   * The file only serves the lookups of the other files' mappings (a categories or territories
   * list): it is handed to them but not loaded into a table. Set by withLookupRule from
   * `lookupChoice`, or suggested when it applies.
   */
  lookupOnly?: boolean;
  /** The user's own choice (true: lookup only; false: load it); absent: follow the suggestion. */
  lookupChoice?: boolean;
}

/** A file's draft holds a mapping made for it: a saved mapping whose `files` patterns name it. */
function mappingNames(item: BatchItem): boolean {
  return (item.draft?.mapping.files ?? []).some((p) => fileMatches(item.name, p));
}

/**
 * The files of the batch whose mapping looks values up in `item` (by its lookups' file
 * patterns): mapped files that load (not lookup only by the user's choice), other than itself.
 */
export function lookedUpBy(items: readonly BatchItem[], item: BatchItem): string[] {
  return items
    .filter((o) => o !== item && o.lookupChoice !== true && o.route.kind === 'mapping' && o.status !== 'error')
    .filter((o) => (o.draft?.mapping.lookups ?? []).some((l) => fileMatches(item.name, l.file)))
    .map((o) => o.name);
}

/**
 * A side file of the batch: no preset fits it, no saved mapping names it, its name is no
 * table's, and no table would get enough of its columns from it (exportLike, the CLI's rule for
 * listing a file of a folder as unused): a sheet of regional managers next to the orders.
 */
export function sideFile(item: BatchItem): boolean {
  const d = item.draft;
  if (!d || item.route.kind !== 'mapping' || item.route.namedLike || mappingNames(item)) return false;
  return d.choice.kind === 'custom' && !exportLike(d.sniff, item.name);
}

/**
 * Sets each file's `lookupOnly` (read but not loaded): the user's choice when there is one;
 * otherwise suggested for a file another file's mapping looks values up in (AdventureWorks'
 * categories, subcategories and territories next to the sales mapping), unless its own draft
 * holds a mapping made for it (the products file, looked up by the sales but loaded with the
 * products mapping) or it is named after its table (it loads directly); and for a side file
 * (see sideFile), which would otherwise hold "Load all" back on a mapping nobody needs.
 * Files that cannot be read are never lookup only.
 */
export function withLookupRule<T extends BatchItem>(items: T[]): T[] {
  return items.map((e) => {
    const usable = e.status !== 'error' && e.route.kind !== 'unsupported';
    const suggested = usable && e.route.kind === 'mapping' && !mappingNames(e) && (lookedUpBy(items, e).length > 0 || sideFile(e));
    const lookupOnly = usable && (e.lookupChoice ?? suggested);
    return (e.lookupOnly ?? false) === lookupOnly ? e : { ...e, lookupOnly };
  });
}

/**
 * Whether "Load all" may start, and what it waits for, per file: a file still being read, an
 * open question, a required column with no source. Files that cannot be read do not block
 * (they are reported and load nothing); a batch of only such files has nothing to load.
 */
export function batchReadiness(items: readonly BatchItem[]): { ready: boolean; waiting: string[] } {
  const waiting: string[] = [];
  let loadable = 0;
  for (const it of items) {
    if (it.status === 'preparing') {
      waiting.push(`${it.name}: still being read`);
      continue;
    }
    if (it.status === 'error' || it.route.kind === 'unsupported') continue;
    // Read by the other files' lookups, never loaded: its draft does not have to be ready.
    if (it.lookupOnly) continue;
    if (it.route.kind === 'canonical') {
      loadable++;
      continue;
    }
    if (!it.draft) continue;
    const open = openQuestions(it.draft).length;
    const problems = draftProblems(it.draft);
    if (open > 0) waiting.push(`${it.name}: answer ${open === 1 ? 'the question' : `${open} questions`} about the file`);
    if (problems.length > 0) waiting.push(`${it.name}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    if (open === 0 && problems.length === 0) loadable++;
  }
  return { ready: waiting.length === 0 && loadable > 0, waiting };
}
