import { detectPresets, headerNames, profileColumns, readRecords, sniff as sniffBytes, suggestTables, type Delimiter, type Encoding, type Sniff } from '../../../loader/import';
import { SAMPLE_ROWS, withChoice, type MappingDraft } from './draft';

/** How the file's bytes are read: encoding and delimiter, changed by the user. */

/**
 * The draft read with another encoding and/or delimiter. When the header reads the same, the
 * mapping is kept (with the new source format); otherwise it is rebuilt for the same choice.
 */
export function withSourceFormat(draft: MappingDraft, patch: { encoding?: Encoding; delimiter?: Delimiter }): MappingDraft {
  const encoding = patch.encoding ?? draft.mapping.source.encoding;
  const delimiter = patch.delimiter ?? draft.mapping.source.delimiter;
  const s = resniff(draft, encoding, delimiter);
  const next: MappingDraft = { ...draft, sniff: s, profiles: profileColumns(s), presets: detectPresets(s), tables: suggestTables(s) };
  const sameHeader = s.header.length === draft.sniff.header.length && s.header.every((h, i) => h === draft.sniff.header[i]);
  if (sameHeader) {
    return { ...next, mapping: { ...draft.mapping, source: { ...draft.mapping.source, encoding, delimiter } }, problem: null };
  }
  const rebuilt = withChoice(next, draft.choice);
  const fallback = rebuilt.problem ? withChoice(next, { kind: 'custom', table: next.tables[0]?.table ?? 'order_lines' }) : rebuilt;
  return {
    ...fallback,
    mapping: { ...fallback.mapping, source: { ...fallback.mapping.source, encoding, delimiter } },
    problem: rebuilt.problem,
  };
}

/** The file sampled again with this encoding and delimiter. */
export function resniff(draft: MappingDraft, encoding: Encoding, delimiter: Delimiter): Sniff {
  const base = draft.bytes ? sniffBytes(draft.bytes, draft.fileName, SAMPLE_ROWS, encoding) : draft.sniff;
  if (base.delimiter.delimiter === delimiter) return base;
  const records = readRecords(base.text, delimiter, base.quote, SAMPLE_ROWS + 1);
  const c = base.delimiter.candidates.find((x) => x.delimiter === delimiter);
  return {
    ...base,
    delimiter: { ...base.delimiter, delimiter, confidence: c && c.columns > 1 ? c.consistency : 0 },
    header: headerNames(records[0]?.cells ?? []),
    rows: records.slice(1).map((r) => r.cells),
  };
}

export const DELIMITER_LABELS: Record<Delimiter, string> = { ',': 'comma ,', ';': 'semicolon ;', '\t': 'tab', '|': 'pipe |' };
export const ENCODING_LABELS: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel on Windows)', 'latin-1': 'Latin-1 (ISO-8859-1)' };
