import { CANONICAL_TABLES, CONTRACT, type CanonicalTable, type ColumnSpec } from '../../data-model/contract';
import {
  answerQuestion, buildPreset, CANDIDATE_DATE_FORMATS, columnsUsed, describeDateFormat, detectDateFormat, detectPreset,
  detectPresets, headerNames, lookupRef, MappingError, parseMapping, parseDate, profileColumns, questionFor, readRecords, sniff as sniffBytes,
  fileMatches, sniffText, suggestMapping, suggestTables, transformFor, validateMapping,
  type ColumnProfile, type DecimalSeparator, type Delimiter, type Encoding, type MappingSpec, type PresetId, type PresetMatch, type PresetOptions,
  type Question, type Sniff, type ThousandsSeparator, type Transform, type ValueSource,
} from '../../loader/import';

/**
 * The mapping step's state, as pure functions (no React, no browser): a dropped file that is
 * not a canonical table file becomes a draft (what the file looks like, which preset or which
 * table, the mapping so far, the questions it raised); the UI calls these to change it and asks
 * them whether the draft may load. A draft never loads while a question is open: an ambiguous
 * date (01/02/2024) stays unanswered until the user picks day-first or month-first.
 */

// ---------------------------------------------------------------------------------------------
// Routing a dropped file

// The one decision shared with the CLI (src/loader/file-route.ts): a canonical name loads
// directly only when the header fits its table; every other readable file goes through the
// mapping step, where its content picks the preset.
import type { FileRoute } from '../../loader/file-route';
export { routeOf, type FileRoute } from '../../loader/file-route';

// ---------------------------------------------------------------------------------------------
// The draft

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

// ---------------------------------------------------------------------------------------------
// Questions

export function questionKey(q: Question): string {
  return `${q.kind}:${q.source}:${q.fills.map((f) => `${f.target}.${f.column}`).join(',')}`;
}

const sourceOf = (m: MappingSpec, target: number, column: string): ValueSource | undefined => m.targets[target]?.columns[column];

/**
 * Questions still open: a date question while a column it fills has no format (and still reads
 * the asked column); a number question until answered. A date column the user pointed at an
 * ambiguous source gets its question here too.
 */
export function openQuestions(draft: MappingDraft): Question[] {
  const open: Question[] = [];
  const covered = new Set<string>();
  for (const q of draft.questions) {
    const live = q.fills.filter((f) => {
      const src = sourceOf(draft.mapping, f.target, f.column);
      return src !== undefined && 'column' in src && src.column === q.source;
    });
    if (live.length === 0) continue;
    if (q.kind === 'date_format') {
      live.forEach((f) => covered.add(`${f.target}.${f.column}`));
      const pending = live.filter((f) => {
        const src = sourceOf(draft.mapping, f.target, f.column);
        return src && 'column' in src && src.transform?.kind === 'date' && src.transform.format === null;
      });
      if (pending.length > 0) open.push({ ...q, fills: live });
    } else if (!draft.answered.includes(questionKey(q))) {
      open.push({ ...q, fills: live });
    }
  }
  // Date columns left without a format that no question covers (a source the user picked).
  const derived = new Map<string, Question & { kind: 'date_format' }>();
  draft.mapping.targets.forEach((t, ti) => {
    for (const [column, src] of Object.entries(t.columns)) {
      if (!src || !('column' in src) || src.transform?.kind !== 'date' || src.transform.format !== null) continue;
      if (covered.has(`${ti}.${column}`)) continue;
      const hit = derived.get(src.column);
      if (hit) {
        hit.fills.push({ target: ti, column });
        continue;
      }
      const guess = detectDateFormat(valuesOf(draft, src.column));
      const options = guess.fits.length > 0 ? guess.fits : CANDIDATE_DATE_FORMATS.filter((f) => f !== 'iso').slice(0, 4);
      derived.set(src.column, {
        kind: 'date_format', fills: [{ target: ti, column }], source: src.column, options, suggested: null, example: guess.example ?? '',
        text: `"${src.column}" holds dates like ${guess.example ?? valuesOf(draft, src.column)[0] ?? '…'} that read as ${options.map(describeDateFormat).join(' or as ')}: which is it?`,
      });
    }
  });
  return [...open, ...derived.values()];
}

/** The answer to a question: a date format, or a decimal/thousands pair. */
export function answer(draft: MappingDraft, q: Question, choice: string | { decimal: DecimalSeparator; thousands: ThousandsSeparator }): MappingDraft {
  const mapping = answerQuestion(draft.mapping, q, choice);
  const key = questionKey(q);
  const known = draft.questions.some((x) => questionKey(x) === key);
  return {
    ...draft,
    mapping,
    questions: known ? draft.questions : [...draft.questions, q],
    answered: q.kind === 'number_format' && !draft.answered.includes(key) ? [...draft.answered, key] : draft.answered,
  };
}

/** Text of one answer option: "day-month-year (05-06-2025 = 5 June 2025)". */
export function optionLabel(q: Question, option: Question['options'][number]): string {
  if (q.kind === 'date_format') {
    const f = option as string;
    const d = q.example ? parseDate(q.example, f) : null;
    const when = d ? ` — ${q.example} is ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}` : '';
    return `${describeDateFormat(f)}${when}`;
  }
  const n = option as { decimal: DecimalSeparator; thousands: ThousandsSeparator };
  return `decimal “${n.decimal}”${n.thousands ? `, thousands “${n.thousands === ' ' ? 'space' : n.thousands}”` : ', no thousands separator'}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ---------------------------------------------------------------------------------------------
// Columns

export type SourceChoice =
  | { kind: 'none' }
  | { kind: 'column'; name: string }
  | { kind: 'constant'; value: string }
  | { kind: 'line' }
  /** A source the select cannot express (concat, firstOf, multiply): kept as the preset set it. */
  | { kind: 'complex'; text: string };

/** How the UI shows a canonical column's current source. */
export function sourceChoiceOf(src: ValueSource | undefined): SourceChoice {
  if (!src) return { kind: 'none' };
  if ('column' in src) return { kind: 'column', name: src.column };
  if ('constant' in src) return { kind: 'constant', value: String(src.constant) };
  if ('lineNumber' in src) return { kind: 'line' };
  return { kind: 'complex', text: describeSource(src) };
}

/** A value source in words ("order-id + sku joined by “|”"); kinds it does not know are named by their kind. */
export function describeSource(src: ValueSource): string {
  const x = src as unknown as Record<string, unknown>;
  const sub = (v: unknown) => describeSource(v as ValueSource);
  if ('column' in x) {
    const t = x.transform as Transform | undefined;
    return `“${String(x.column)}”${t?.kind === 'map' ? ' (codes translated)' : ''}`;
  }
  if ('constant' in x) return `always “${String(x.constant)}”`;
  if ('lineNumber' in x) return 'the line number';
  if ('concat' in x) {
    const parts = (x.concat as string[]).map((c) => `“${c}”`).join(' + ');
    return `${parts} joined by “${String(x.separator)}”${x.numberRepeats ? ', repeats numbered' : ''}`;
  }
  const ops: Record<string, string> = { multiply: '×', minus: '−', divide: '÷' };
  for (const [k, sym] of Object.entries(ops)) {
    if (k in x) {
      const [a, b] = x[k] as [unknown, unknown];
      return `${sub(a)} ${sym} ${sub(b)}`;
    }
  }
  if ('firstOf' in x) return `the first of ${(x.firstOf as unknown[]).map(sub).join(', ')}`;
  if ('if' in x) return `${sub(x.then)} on some rows${x.else ? `, ${sub(x.else)} on the others` : ''}`;
  return `a rule of the mapping (${Object.keys(x).join(', ')})`;
}

const specOf = (table: CanonicalTable, column: string): ColumnSpec => {
  const c = CONTRACT[table].columns.find((x) => x.name === column);
  if (!c) throw new Error(`${table} has no column ${column}`);
  return c;
};

/** Points a canonical column at a source column, a constant, the line number, or nothing. */
export function setColumnSource(draft: MappingDraft, target: number, column: string, choice: SourceChoice): MappingDraft {
  const t = draft.mapping.targets[target];
  if (!t) return draft;
  const spec = specOf(t.table, column);
  const columns = { ...t.columns };
  let questions = draft.questions;
  if (choice.kind === 'none') delete columns[column];
  else if (choice.kind === 'line') columns[column] = { lineNumber: true };
  else if (choice.kind === 'constant') columns[column] = { constant: constantValue(choice.value, spec) };
  else if (choice.kind === 'column') {
    const p = draft.profiles.find((x) => x.name === choice.name);
    let transform: Transform | undefined = p ? transformFor(p, spec) : undefined;
    // The file's number notation, as chosen for the other number columns.
    const nf = numberFormatOf(draft.mapping);
    if (transform?.kind === 'number' && nf) transform = { ...transform, decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency || transform.currency };
    columns[column] = transform ? { column: choice.name, transform } : { column: choice.name };
    const q = p ? questionFor(p, spec, target) : null;
    if (q && !(q.kind === 'number_format' && nf)) {
      questions = [...draft.questions.filter((x) => questionKey(x) !== questionKey(q)), q];
    }
  } else return draft;
  const targets = draft.mapping.targets.map((x, i) => (i === target ? { ...x, columns } : x));
  return { ...draft, mapping: { ...draft.mapping, targets }, questions, problem: null };
}

/** A constant typed as text, as the column's type (validateMapping reports what does not fit). */
export function constantValue(text: string, spec: ColumnSpec): string | number | boolean {
  const v = text.trim();
  if ((spec.type === 'INTEGER' || spec.type === 'DOUBLE') && v !== '' && Number.isFinite(Number(v))) return Number(v);
  if (spec.type === 'BOOLEAN') return /^(true|yes|y|1)$/i.test(v);
  return v;
}

/** Sets the date format of a date column read from a source column (keeps the offset setting). */
export function setDateFormat(draft: MappingDraft, target: number, column: string, format: string): MappingDraft {
  const src = sourceOf(draft.mapping, target, column);
  if (!src || !('column' in src)) return draft;
  const offset = src.transform?.kind === 'date' ? src.transform.offset : undefined;
  const transform: Transform = offset ? { kind: 'date', format, offset } : { kind: 'date', format };
  return replaceSource(draft, target, column, { column: src.column, transform });
}

function replaceSource(draft: MappingDraft, target: number, column: string, src: ValueSource): MappingDraft {
  const targets = draft.mapping.targets.map((t, i) => (i === target ? { ...t, columns: { ...t.columns, [column]: src } } : t));
  return { ...draft, mapping: { ...draft.mapping, targets } };
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

// ---------------------------------------------------------------------------------------------
// The file's format: encoding, delimiter, numbers

export interface NumberFormat {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  currency: boolean;
}

/** Every value source of the mapping, nested ones included, with the canonical column it fills. */
function walkSources(m: MappingSpec, fn: (src: ValueSource, spec: ColumnSpec) => ValueSource): MappingSpec {
  const visit = (src: ValueSource, spec: ColumnSpec): ValueSource => {
    const x = src as unknown as Record<string, unknown>;
    const num = { ...spec, type: 'DOUBLE' as const };
    for (const k of ['multiply', 'minus', 'divide']) {
      if (k in x) {
        const [a, b] = x[k] as [ValueSource, ValueSource];
        return fn({ ...x, [k]: [visit(a, num), visit(b, num)] } as unknown as ValueSource, spec);
      }
    }
    if ('firstOf' in x) return fn({ ...x, firstOf: (x.firstOf as ValueSource[]).map((s) => visit(s, spec)) } as unknown as ValueSource, spec);
    if ('if' in x) {
      const out: Record<string, unknown> = { ...x, then: visit(x.then as ValueSource, spec) };
      if (x.else) out.else = visit(x.else as ValueSource, spec);
      return fn(out as unknown as ValueSource, spec);
    }
    return fn(src, spec);
  };
  return {
    ...m,
    targets: m.targets.map((t) => ({
      ...t,
      columns: Object.fromEntries(Object.entries(t.columns).map(([k, src]) => [k, src ? visit(src, specOf(t.table, k)) : src])),
    })),
  };
}

/**
 * The number notation the mapping reads numbers with: the separators of its first number
 * column, and currency signs on when any number column strips them. Null when it reads no number.
 */
export function numberFormatOf(m: MappingSpec): NumberFormat | null {
  let found: NumberFormat | null = null;
  let currency = false;
  walkSources(m, (src) => {
    if ('column' in src && src.transform?.kind === 'number') {
      found ??= { decimal: src.transform.decimal, thousands: src.transform.thousands, currency: false };
      currency ||= src.transform.currency;
    }
    return src;
  });
  return found ? { ...(found as NumberFormat), currency } : null;
}

/**
 * One number notation for the whole file: every number column read from a source column gets
 * these separators and currency setting (each keeps its sign rule). Counts as the answer to the
 * open number questions.
 */
export function setNumberFormat(draft: MappingDraft, nf: NumberFormat): MappingDraft {
  const mapping = walkSources(draft.mapping, (src, spec) => {
    if (!('column' in src) || (spec.type !== 'INTEGER' && spec.type !== 'DOUBLE')) return src;
    const sign = src.transform?.kind === 'number' ? src.transform.sign : 'keep';
    if (src.transform && src.transform.kind !== 'number') return src;
    return { column: src.column, transform: { kind: 'number', decimal: nf.decimal, thousands: nf.thousands, currency: nf.currency, sign } };
  });
  const answered = [...new Set([...draft.answered, ...draft.questions.filter((q) => q.kind === 'number_format').map(questionKey)])];
  return { ...draft, mapping, answered };
}

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
function resniff(draft: MappingDraft, encoding: Encoding, delimiter: Delimiter): Sniff {
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

// ---------------------------------------------------------------------------------------------
// Saved mappings

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

// ---------------------------------------------------------------------------------------------
// Readiness

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

// ---------------------------------------------------------------------------------------------
// Showing the file and the preview

/** Sampled values of a source column (by header name). */
export function valuesOf(draft: MappingDraft, column: string): string[] {
  const i = draft.sniff.header.indexOf(column);
  return i < 0 ? [] : draft.sniff.rows.map((r) => r[i] ?? '');
}

/** "order-id — e.g. 111-0000001-0000001, 111-0000002-0000002" for the source select. */
export function sourceLabel(p: ColumnProfile): string {
  const ex = p.examples.slice(0, 2).map((e) => (e.length > 24 ? `${e.slice(0, 23)}…` : e));
  return ex.length > 0 ? `${p.name} — e.g. ${ex.join(', ')}` : `${p.name} — empty in the sample`;
}

/** Canonical columns of a target, required first then in contract order, with their current source. */
export function targetColumns(draft: MappingDraft, target: number): { spec: ColumnSpec; source: SourceChoice; raw: ValueSource | undefined }[] {
  const t = draft.mapping.targets[target];
  if (!t) return [];
  const cols = CONTRACT[t.table].columns;
  return [...cols.filter((c) => c.required), ...cols.filter((c) => !c.required)].map((spec) => ({
    spec, source: sourceChoiceOf(t.columns[spec.name]), raw: t.columns[spec.name],
  }));
}

/** The columns a preview table shows for a target: the mapped ones, in contract order. */
export function previewColumns(m: MappingSpec, table: CanonicalTable): string[] {
  const t = m.targets.find((x) => x.table === table);
  if (!t) return [];
  return CONTRACT[table].columns.map((c) => c.name).filter((c) => t.columns[c] !== undefined);
}

/** A stored value as the preview shows it: dates as 2025-06-05 (with the time when it has one). */
export function previewCell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'number') return String(v);
  return String(v);
}

/** Tables a custom mapping can target, the suggested ones first. */
export function tableOptions(draft: MappingDraft): { table: CanonicalTable; label: string }[] {
  const scored = new Map(draft.tables.map((t) => [t.table, t]));
  const ordered = [...draft.tables.map((t) => t.table), ...CANONICAL_TABLES.filter((t) => !scored.has(t))];
  return ordered.map((table) => {
    const s = scored.get(table);
    const miss = s && s.missingRequired.length > 0 ? ` — not found: ${s.missingRequired.join(', ')}` : '';
    return { table, label: `${table}${s ? ` (${Math.round(s.score * 100)}% fit)` : ''}${miss}` };
  });
}

/** Label of a preset in the choice list: name, confidence, what it lacks. */
export function presetLabel(p: PresetMatch): string {
  return `${p.label} — ${Math.round(p.confidence * 100)}% match${p.usable ? '' : ` (the file lacks ${p.missing.join(', ')})`}`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------------------------
// The batch

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
 * Sets each file's `lookupOnly`: the user's choice when there is one; otherwise suggested for
 * a file another file's mapping looks values up in (AdventureWorks' categories, subcategories
 * and territories next to the sales mapping), unless its own draft holds a mapping made for
 * it (the products file, looked up by the sales but loaded with the products mapping) or it
 * is named after its table (it loads directly). Files that cannot be read are never lookup only.
 */
export function withLookupRule<T extends BatchItem>(items: T[]): T[] {
  return items.map((e) => {
    const usable = e.status !== 'error' && e.route.kind !== 'unsupported';
    const suggested = usable && e.route.kind === 'mapping' && !mappingNames(e) && lookedUpBy(items, e).length > 0;
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
