import type { CanonicalTable } from '../../../data-model/contract';
import {
  buildPreset, detectPreset, detectPresets, profileColumns, sniff as sniffBytes, sniffText, suggestMapping, suggestTables,
  type ColumnProfile, type MappingSpec, type PresetId, type PresetMatch, type PresetOptions, type Question, type Sniff, type ValueSource,
} from '../../../loader/import';
import type { BatchItem } from './batch';

/**
 * The mapping step's state, as pure functions (no React, no browser): a dropped file that is
 * not a canonical table file becomes a draft (what the file looks like, which preset or which
 * table, the mapping so far, the questions it raised); the UI calls these to change it and asks
 * them whether the draft may load. A draft never loads while a question is open: an ambiguous
 * date (01/02/2024) stays unanswered until the user picks day-first or month-first.
 */

export type Choice = { kind: 'preset'; id: PresetId } | { kind: 'custom'; table: CanonicalTable };

export interface MappingDraft {
  fileName: string;
  /** The bytes as given (re-decoded when the encoding changes); null for converted Parquet/JSON. */
  bytes: Uint8Array | null;
  /** Parquet and JSON are converted to CSV text before mapping. */
  converted: 'parquet' | 'json' | null;
  sniff: Sniff;
  profiles: ColumnProfile[];
  /** Presets whose columns the header has, best first, with their confidence. */
  presets: PresetMatch[];
  /** Canonical tables the file could fill, best first (for a custom mapping). */
  tables: { table: CanonicalTable; score: number; missingRequired: string[] }[];
  choice: Choice;
  mapping: MappingSpec;
  /** Questions the preset or the suggestion raised (answered ones stay, see openQuestions). */
  questions: Question[];
  /** Keys of the number questions the user answered (date questions are answered by their format). */
  answered: string[];
  notes: string[];
  /** Where the mapping came from, shown to the user. */
  origin: string;
  /** Why the last change could not be applied (a preset that does not fit, a bad saved mapping). */
  problem: string | null;
  /** What the preset was built with (set by the batch: see withRefundsRule). */
  presetOptions?: PresetOptions;
}

/** The first data records sampled (profiles, suggestions, the delimiter guess). */
export const SAMPLE_ROWS = 200;

/** A draft for a delimited text file (CSV, TSV ...), from its bytes. */
export function draftFromBytes(fileName: string, bytes: Uint8Array): MappingDraft {
  return startDraft(fileName, bytes, null, sniffBytes(bytes, fileName, SAMPLE_ROWS));
}

/** A draft for a Parquet or JSON file already converted to CSV text. */
export function draftFromCsvText(fileName: string, text: string, converted: 'parquet' | 'json'): MappingDraft {
  return startDraft(fileName, null, converted, sniffText(text, fileName, SAMPLE_ROWS, { encoding: 'utf-8', bom: null, why: `converted from ${converted}` }));
}

function startDraft(fileName: string, bytes: Uint8Array | null, converted: MappingDraft['converted'], s: Sniff): MappingDraft {
  const base = baseDraft(fileName, bytes, converted, s);
  const best = detectPreset(s);
  const choice: Choice = best ? { kind: 'preset', id: best.id } : { kind: 'custom', table: base.tables[0]?.table ?? 'order_lines' };
  const d = withChoice(base, choice);
  // A detected preset that cannot build falls back to a suggestion.
  return d.problem && choice.kind === 'preset' ? { ...withChoice(base, { kind: 'custom', table: base.tables[0]?.table ?? 'order_lines' }), problem: d.problem } : d;
}

function baseDraft(fileName: string, bytes: Uint8Array | null, converted: MappingDraft['converted'], s: Sniff): MappingDraft {
  return {
    fileName, bytes, converted, sniff: s, profiles: profileColumns(s), presets: detectPresets(s), tables: suggestTables(s),
    choice: { kind: 'custom', table: 'order_lines' },
    mapping: { version: 1, name: fileName, source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] }, targets: [] },
    questions: [], answered: [], notes: [], origin: '', problem: null,
  };
}

/** The draft with a preset or a custom mapping for a table; a preset that does not fit leaves it as it was, with `problem`. */
export function withChoice(draft: MappingDraft, choice: Choice, presetOptions = draft.presetOptions): MappingDraft {
  if (choice.kind === 'preset') {
    try {
      const built = buildPreset(choice.id, draft.sniff, presetOptions);
      const match = draft.presets.find((p) => p.id === choice.id);
      return {
        ...draft, choice, mapping: built.mapping, questions: built.questions, answered: [], notes: built.notes, problem: null, presetOptions,
        origin: `preset “${match?.label ?? choice.id}”${match ? ` (${Math.round(match.confidence * 100)}% of its columns found)` : ''}`,
      };
    } catch (e) {
      return { ...draft, problem: messageOf(e) };
    }
  }
  const s = suggestMapping(draft.sniff, choice.table, `${choice.table} from ${draft.fileName}`);
  return {
    ...draft, choice, mapping: s.mapping, questions: s.questions, answered: [], notes: [], problem: null,
    origin: `suggested from the column names and values (${choice.table})`,
  };
}

/**
 * A Shopify orders export turns its refunds into returns, unless the batch also holds a
 * Shopify returns file: its line-level returns are the same refunds, which would then count
 * twice. So, as `import-check --returns-file` does for the CLI, an orders draft is rebuilt
 * without them while a returns draft is in the batch (and with them again once it is
 * removed), but only while the draft is still the preset as built: a mapping the user edited
 * or loaded from a file is left as it is.
 */
export function withRefundsRule<T extends BatchItem>(items: T[]): T[] {
  const isPreset = (d: MappingDraft | null, id: PresetId) => d?.choice.kind === 'preset' && d.choice.id === id;
  const refundsAsReturns = !items.some((e) => isPreset(e.draft, 'shopify_returns'));
  return items.map((e) => {
    const d = e.draft;
    if (!d || !isPreset(d, 'shopify_orders') || (d.presetOptions?.refundsAsReturns ?? true) === refundsAsReturns) return e;
    const asBuilt = withChoice(d, d.choice);
    if (asBuilt.problem || JSON.stringify(asBuilt.mapping) !== JSON.stringify(d.mapping)) return e;
    return { ...e, draft: withChoice(d, d.choice, { ...d.presetOptions, refundsAsReturns }) };
  });
}

/** The source of a canonical column of a target, if it has one. */
export const sourceAt = (m: MappingSpec, target: number, column: string): ValueSource | undefined => m.targets[target]?.columns[column];

/** Sampled values of a source column (by header name). */
export function valuesOf(draft: MappingDraft, column: string): string[] {
  const i = draft.sniff.header.indexOf(column);
  return i < 0 ? [] : draft.sniff.rows.map((r) => r[i] ?? '');
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
