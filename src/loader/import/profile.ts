import { detectDateFormat, type DateFormatGuess } from './dates';
import type { Sniff } from './decode';
import { DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS, type DecimalSeparator, type ThousandsSeparator } from './spec';

/**
 * What the sampled values of each source column look like: dates (which formats fit),
 * numbers (which separators), true/false words, ids or text. Used to suggest a mapping
 * by values as well as by header names, and to ask when the values are ambiguous.
 */

/** Words exports use for "no value" (R writes NA, Excel #N/A ...). */
export const NULL_WORD_CANDIDATES = ['NA', 'N/A', '#N/A', 'null', 'NULL', 'None', 'nan', 'NaN', '-'];

export interface NumberGuess {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** Some value carried a currency symbol or code ("$1,234.50", "12 EUR"). */
  currency: boolean;
  /** Other separators also read every value, giving different numbers ("1,234": 1234 or 1.234). */
  ambiguous: boolean;
  /** The notations that read every value but disagree with the chosen one. */
  alternatives: { decimal: DecimalSeparator; thousands: ThousandsSeparator }[];
  /** Every value was a whole number. */
  whole: boolean;
  negatives: boolean;
  /** An example value read differently by the alternatives. */
  example: string | null;
}

export type ValueKind = 'empty' | 'date' | 'integer' | 'number' | 'boolean' | 'text';

export interface ColumnProfile {
  name: string;
  index: number;
  /** Non-empty sampled values (null words excluded). */
  sampled: number;
  distinct: number;
  kind: ValueKind;
  date: DateFormatGuess | null;
  number: NumberGuess | null;
  /** Null words seen in this column (NA ...). */
  nullWords: string[];
  examples: string[];
}

/** Notations in order of preference when several read the values the same way. */
const NOTATIONS: { decimal: DecimalSeparator; thousands: ThousandsSeparator }[] = [
  { decimal: '.', thousands: ',' },
  { decimal: ',', thousands: '.' },
  { decimal: '.', thousands: '' },
  { decimal: ',', thousands: '' },
  { decimal: ',', thousands: ' ' },
  { decimal: '.', thousands: ' ' },
  { decimal: '.', thousands: "'" },
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Mirrors imp_num_text (currency off unless asked) in queries/import/import_macros.sql. */
export function numberText(v: string, currency: boolean): string {
  const s = v.replace(/[\u00A0\u202F]/g, ' ');
  if (!currency) return s;
  const stripped = s.replace(/[$€£¥₹]/g, '').replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, '').trim();
  return /^\(.*\)$/.test(stripped) ? `-${stripped.slice(1, -1).trim()}` : stripped;
}

/** Mirrors imp_number: the value of a trimmed text in a notation, or null. */
export function readNumber(v: string, decimal: DecimalSeparator, thousands: ThousandsSeparator, currency: boolean): number | null {
  const s = numberText(v.trim(), currency);
  const d = esc(decimal);
  const re = thousands === ''
    ? new RegExp(`^[+-]?(\\d+(${d}\\d*)?|${d}\\d+)([eE][+-]?\\d+)?$`)
    : new RegExp(`^[+-]?((\\d{1,3}(${esc(thousands)}\\d{3})+|\\d+)(${d}\\d*)?|${d}\\d+)([eE][+-]?\\d+)?$`);
  if (!re.test(s)) return null;
  const n = Number(s.split(thousands === '' ? '\u0000' : thousands).join('').replace(decimal, '.'));
  return Number.isFinite(n) ? n : null;
}

/** Money text: a currency symbol or code, or an accounting negative "(12.50)". */
const hasCurrency = (v: string) => /[$€£¥₹]|^[A-Za-z]{3}\s*[-+(\d.,]|[\d.,)]\s*[A-Za-z]{3}$|^\(.*\)$/.test(v.trim());

/** Which number notation reads every value; null when some value is not a number at all. */
export function detectNumberFormat(values: readonly string[]): NumberGuess | null {
  const sample = values.map((v) => v.trim()).filter((v) => v !== '');
  if (sample.length === 0) return null;
  const currency = sample.some(hasCurrency);
  const fits = NOTATIONS.map((n) => ({ ...n, read: sample.map((v) => readNumber(v, n.decimal, n.thousands, currency)) }))
    .filter((n) => n.read.every((x) => x !== null));
  if (fits.length === 0) return null;
  const chosen = fits[0]!;
  const differs = fits.slice(1).filter((f) => f.read.some((x, i) => x !== chosen.read[i]));
  const exampleIdx = differs.length > 0 ? chosen.read.findIndex((x, i) => differs.some((f) => f.read[i] !== x)) : -1;
  return {
    decimal: chosen.decimal,
    thousands: chosen.thousands,
    currency,
    ambiguous: differs.length > 0,
    alternatives: differs.map((f) => ({ decimal: f.decimal, thousands: f.thousands })),
    whole: chosen.read.every((x) => Number.isInteger(x)),
    negatives: chosen.read.some((x) => (x as number) < 0),
    example: exampleIdx >= 0 ? sample[exampleIdx]! : null,
  };
}

const BOOL_WORDS = new Set([...DEFAULT_TRUE_WORDS, ...DEFAULT_FALSE_WORDS]);

/** Profiles every column of a sniffed file. */
export function profileColumns(s: Pick<Sniff, 'header' | 'rows'>): ColumnProfile[] {
  return s.header.map((name, index) => {
    const all = s.rows.map((r) => (r[index] ?? '').trim());
    const nullWords = [...new Set(all.filter((v) => NULL_WORD_CANDIDATES.includes(v)))];
    const values = all.filter((v) => v !== '' && !NULL_WORD_CANDIDATES.includes(v));
    const distinct = new Set(values).size;
    const base = { name, index, sampled: values.length, distinct, nullWords, examples: [...new Set(values)].slice(0, 5) };
    if (values.length === 0) return { ...base, kind: 'empty', date: null, number: null };
    const number = detectNumberFormat(values);
    if (number) {
      const bool = values.every((v) => v === '0' || v === '1') && distinct <= 2;
      return { ...base, kind: bool ? 'boolean' : number.whole ? 'integer' : 'number', date: null, number };
    }
    if (values.every((v) => BOOL_WORDS.has(v.toLowerCase()))) return { ...base, kind: 'boolean', date: null, number: null };
    const date = detectDateFormat(values);
    if (date.fits.length > 0) return { ...base, kind: 'date', date, number: null };
    return { ...base, kind: 'text', date: date.best && date.best.share >= 0.9 ? date : null, number: null };
  });
}

/** Null words worth declaring for the file: seen in columns whose other values are numbers or dates. */
export function suggestedNullWords(profiles: ColumnProfile[]): string[] {
  const out = new Set<string>();
  for (const p of profiles) {
    if (p.kind === 'integer' || p.kind === 'number' || p.kind === 'date' || p.kind === 'empty') p.nullWords.forEach((w) => out.add(w));
  }
  return [...out];
}
