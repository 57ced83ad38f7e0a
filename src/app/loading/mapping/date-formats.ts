import { CANDIDATE_DATE_FORMATS, describeDateFormat, parseDate, type Sniff, type Transform } from '../../../loader/import';
import { replaceSource } from './columns';
import { sourceAt as sourceOf, valuesOf, type MappingDraft } from './draft';

/** The date format of a date column, chosen among the formats that read the sampled values. */

/** Sets the date format of a date column read from a source column (keeps the offset setting). */
export function setDateFormat(draft: MappingDraft, target: number, column: string, format: string): MappingDraft {
  const src = sourceOf(draft.mapping, target, column);
  if (!src || !('column' in src)) return draft;
  const offset = src.transform?.kind === 'date' ? src.transform.offset : undefined;
  const transform: Transform = offset ? { kind: 'date', format, offset } : { kind: 'date', format };
  return replaceSource(draft, target, column, { column: src.column, transform });
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

