import { columnsUsed, detectPresets, lookupRef, MappingError, parseMapping, profileColumns, suggestTables, type MappingSpec, type PresetId } from '../../../loader/import';
import { messageOf, type Choice, type MappingDraft } from './draft';
import { DELIMITER_LABELS, resniff } from './source-format';

/** A mapping JSON file saved earlier, used again for this file. */

export type SavedMappingResult = { ok: true; draft: MappingDraft } | { ok: false; errors: string[] };

/**
 * Uses a mapping JSON file the user saved earlier: it must be a valid mapping (every problem
 * listed) and the file must have every column it reads (under the mapping's encoding and
 * delimiter).
 */
export function applySavedMapping(draft: MappingDraft, text: string, mappingFileName: string): SavedMappingResult {
  let m: MappingSpec;
  try {
    m = parseMapping(text);
  } catch (e) {
    const errors = e instanceof MappingError ? e.errors : [messageOf(e)];
    return { ok: false, errors: errors.map((x) => `${mappingFileName}: ${x}`) };
  }
  const s = draft.converted ? draft.sniff : resniff(draft, m.source.encoding, m.source.delimiter);
  const missing = missingColumns(m, s.header);
  if (missing.length > 0) {
    const detected = draft.sniff.delimiter.delimiter;
    if (!draft.converted && s.header.length === 1 && detected !== m.source.delimiter) {
      return {
        ok: false,
        errors: [
          `${mappingFileName} reads files separated by ${DELIMITER_LABELS[m.source.delimiter]}, but ${draft.fileName} is separated by ${DELIMITER_LABELS[detected]}: it is a mapping for another kind of file.`,
        ],
      };
    }
    const shown = s.header.slice(0, 12).map((h) => `“${h}”`).join(', ') + (s.header.length > 12 ? ` and ${s.header.length - 12} more` : '');
    return {
      ok: false,
      errors: [
        `${mappingFileName} reads column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `“${c}”`).join(', ')}, which ${draft.fileName} does not have (its columns: ${shown}).`,
      ],
    };
  }
  const presets = detectPresets(s);
  const choice: Choice = m.preset && presets.some((p) => p.id === m.preset)
    ? { kind: 'preset', id: m.preset as PresetId }
    : { kind: 'custom', table: m.targets[0]!.table };
  const source = draft.converted ? { ...m.source, encoding: 'utf-8' as const, delimiter: ',' as const } : m.source;
  return {
    ok: true,
    draft: {
      ...draft, sniff: s, profiles: profileColumns(s), presets, tables: suggestTables(s), choice,
      mapping: { ...m, source }, questions: [], answered: [], notes: m.notes ?? [], problem: null,
      origin: `saved mapping “${m.name}” (${mappingFileName})`,
    },
  };
}

/**
 * Columns the mapping reads that the file's header lacks. A lookup's column
 * ("products.ProductSKU") is read from the lookup file, not this one: the load checks it there.
 */
export function missingColumns(m: MappingSpec, headerNames: readonly string[]): string[] {
  const header = new Set(headerNames.map((h) => h.trim().toLowerCase()));
  return columnsUsed(m).filter((c) => !header.has(c.trim().toLowerCase()) && !lookupRef(m, c, headerNames));
}

/** File name for "Download mapping": fba_returns.tsv → fba_returns.mapping.json. */
export function mappingFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
  return `${base || 'import'}.mapping.json`;
}
