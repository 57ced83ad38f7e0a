import { CONTRACT } from '../../data-model/contract';
import type { Sniff } from './decode';
import { suggestTables } from './suggest';

/**
 * Whether a file no preset fits still looks like an export to load (worth a question, or a
 * mapping step the user must finish) rather than a side file (a sheet of regional managers,
 * notes): some table would get two of its required columns from it, or most of its columns.
 * The CLI's folder plan lists a side file as unused; the page ticks it "not loaded". One rule
 * for both, so a folder and the same files dropped on the page agree.
 */
export function exportLike(s: Sniff, file: string): boolean {
  return suggestTables(s, file).some((t) => {
    const required = CONTRACT[t.table].columns.filter((c) => c.required).length;
    return required - t.missingRequired.length >= 2 || t.score >= 0.75;
  });
}
