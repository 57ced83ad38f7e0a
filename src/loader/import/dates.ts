/**
 * Dates as exports write them. The load parses with DuckDB's strptime; this file parses the
 * same formats in JS for sampling (which formats fit a column) and previews. A test checks
 * both agree on a battery of values, so a suggestion never promises what the load refuses.
 */

/** ISO 8601 as accepted by the 'iso' format: date, optional time, optional offset. */
export const ISO_PATTERN = '^\\d{4}-\\d{1,2}-\\d{1,2}([T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)?$';
/** A trailing UTC offset after a time of day (Z, UTC, GMT, +02:00, +0200, -05), for 'iso' and %z. */
export const OFFSET_PATTERN = '(\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)\\s*(Z|z|UTC|GMT|[+-]\\d{2}(:?\\d{2})?)$';

/** Years outside this range are refused (a 2-digit year read with %Y would be year 16). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the value carried an offset. */
  offsetMinutes: number | null;
}

type Part = 'Y' | 'y' | 'm' | 'd' | 'b' | 'B' | 'H' | 'I' | 'M' | 'S' | 'f' | 'p';

const compiled = new Map<string, { re: RegExp; parts: Part[] }>();

function compile(format: string): { re: RegExp; parts: Part[] } {
  const hit = compiled.get(format);
  if (hit) return hit;
  const parts: Part[] = [];
  let src = '^';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '%' && i + 1 < format.length) {
      const s = format[++i]!;
      const group: Record<string, string> = {
        Y: '(\\d{1,4})', y: '(\\d{1,2})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', I: '(\\d{1,2})',
        M: '(\\d{1,2})', S: '(\\d{1,2})', f: '(\\d{1,6})', p: '([AaPp][Mm])',
        b: '([A-Za-z]{3})', B: `(${MONTHS.join('|')})`,
      };
      if (s === '%') src += '%';
      else if (s === 'z') continue; // the offset is taken off the value before matching
      else if (group[s]) {
        src += group[s];
        parts.push(s as Part);
      } else src += s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (/\s/.test(ch)) {
      src += '\\s*';
    } else {
      src += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const out = { re: new RegExp(src.replace(/(\\s\*)+$/, '') + '$', 'i'), parts };
  compiled.set(format, out);
  return out;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function splitOffset(value: string): { rest: string; offsetMinutes: number | null } {
  const m = new RegExp(OFFSET_PATTERN).exec(value);
  if (!m) return { rest: value, offsetMinutes: null };
  const off = m[4]!;
  const rest = value.slice(0, m.index) + m[1]!;
  if (off === 'Z' || off === 'z' || off === 'UTC' || off === 'GMT') return { rest, offsetMinutes: 0 };
  const digits = off.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
  return { rest, offsetMinutes: off[0] === '-' ? -minutes : minutes };
}

/** Parses one trimmed value with a format ('iso' or strptime-style); null when it does not fit. */
export function parseDate(value: string, format: string): ParsedDate | null {
  const v = value.trim();
  if (v === '') return null;
  const hasOffset = format === 'iso' || format.includes('%z');
  const { rest, offsetMinutes } = hasOffset ? splitOffset(v) : { rest: v, offsetMinutes: null };
  if (format === 'iso') {
    if (!new RegExp(ISO_PATTERN).test(rest)) return null;
    const [date, time = '0:0:0'] = rest.split(/[T ]/);
    const [y, mo, d] = date!.split('-').map(Number);
    const [h, mi, s = '0'] = time.split(':');
    return check({ year: y!, month: mo!, day: d!, hour: Number(h), minute: Number(mi), second: Math.floor(Number(s)), offsetMinutes });
  }
  const { re, parts } = compile(format);
  const m = re.exec(rest);
  if (!m) return null;
  const out: ParsedDate = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, offsetMinutes };
  let hour12: number | null = null;
  let pm: boolean | null = null;
  parts.forEach((p, i) => {
    const g = m[i + 1]!;
    switch (p) {
      case 'Y': out.year = Number(g); break;
      case 'y': out.year = Number(g) + (Number(g) < 69 ? 2000 : 1900); break;
      case 'm': out.month = Number(g); break;
      case 'd': out.day = Number(g); break;
      case 'b': out.month = MONTHS.findIndex((x) => x.slice(0, 3) === g.toLowerCase()) + 1; break;
      case 'B': out.month = MONTHS.indexOf(g.toLowerCase()) + 1; break;
      case 'H': out.hour = Number(g); break;
      case 'I': hour12 = Number(g); break;
      case 'M': out.minute = Number(g); break;
      case 'S': out.second = Number(g); break;
      case 'p': pm = g.toLowerCase() === 'pm'; break;
      default: break;
    }
  });
  if (hour12 !== null) {
    if (hour12 < 1 || hour12 > 12) return null;
    out.hour = (hour12 % 12) + (pm ? 12 : 0);
  }
  return check(out);
}

function check(d: ParsedDate): ParsedDate | null {
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) return null;
  if (d.month < 1 || d.month > 12) return null;
  if (d.day < 1 || d.day > daysIn(d.year, d.month)) return null;
  if (d.hour > 23 || d.minute > 59 || d.second > 59) return null;
  return d;
}

/** 'YYYY-MM-DD HH:MM:SS' of a parsed value, wall-clock or in UTC (offset applied). */
export function formatParsed(d: ParsedDate, offset: 'local' | 'utc' = 'local'): string {
  const t = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - (offset === 'utc' ? (d.offsetMinutes ?? 0) * 60_000 : 0);
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

const DATE_PARTS = [
  '%d/%m/%Y', '%m/%d/%Y', '%d-%m-%Y', '%m-%d-%Y', '%d.%m.%Y', '%Y/%m/%d',
  '%d/%m/%y', '%m/%d/%y', '%d-%m-%y', '%m-%d-%y', '%d.%m.%y',
  '%d-%b-%Y', '%d-%b-%y', '%d %b %Y', '%b %d, %Y', '%d %B %Y', '%B %d, %Y', '%d/%b/%Y',
];
const TIME_PARTS = ['', ' %H:%M', ' %H:%M:%S', ' %I:%M %p', ' %I:%M:%S %p'];

/** Formats tried on a column's sample, 'iso' first. */
export const CANDIDATE_DATE_FORMATS: string[] = ['iso', ...DATE_PARTS.flatMap((d) => TIME_PARTS.map((t) => d + t))];

export interface DateFormatGuess {
  /** Values sampled (non-empty). */
  sampled: number;
  /** Formats that read every sampled value. */
  fits: string[];
  /** The format to use: the only fit, or null when none fits or several do (ambiguous). */
  format: string | null;
  /** Several formats read every value (01/02/2024: day-first and month-first): ask the user. */
  ambiguous: boolean;
  /** When nothing reads every value: the format reading most of them, with its share. */
  best: { format: string; share: number } | null;
  /** Some value carried a UTC offset. */
  hasOffset: boolean;
  /** A sampled value that tells the candidates apart, or an example of the ambiguity. */
  example: string | null;
}

/**
 * Which formats read every sampled value. Several fits are reported as ambiguous and no
 * format is chosen: "01/02/2024" must be asked, never guessed.
 */
export function detectDateFormat(values: readonly string[], candidates: readonly string[] = CANDIDATE_DATE_FORMATS): DateFormatGuess {
  const sample = values.map((v) => v.trim()).filter((v) => v !== '');
  const empty: DateFormatGuess = { sampled: 0, fits: [], format: null, ambiguous: false, best: null, hasOffset: false, example: null };
  if (sample.length === 0) return empty;
  const scored = candidates.map((f) => {
    let ok = 0;
    for (const v of sample) if (parseDate(v, f)) ok++;
    return { format: f, share: ok / sample.length };
  });
  const fits = scored.filter((s) => s.share === 1).map((s) => s.format);
  const hasOffset = sample.some((v) => new RegExp(OFFSET_PATTERN).test(v));
  const bestScore = scored.reduce((a, b) => (b.share > a.share ? b : a), scored[0]!);
  const example = fits.length > 1 ? sample[0]! : null;
  return {
    sampled: sample.length,
    fits,
    format: fits.length === 1 ? fits[0]! : null,
    ambiguous: fits.length > 1,
    best: fits.length === 0 && bestScore.share > 0 ? bestScore : null,
    hasOffset,
    example,
  };
}

/** Human description of a format for questions: "%d/%m/%Y" → "day/month/year". */
export function describeDateFormat(format: string): string {
  if (format === 'iso') return 'ISO 8601 (year-month-day)';
  return format
    .replace(/%Y|%y/g, 'year')
    .replace(/%m|%b|%B/g, 'month')
    .replace(/%d/g, 'day')
    .replace(/%H|%I/g, 'hh')
    .replace(/%M/g, 'mm')
    .replace(/%S/g, 'ss')
    .replace(/%p/g, 'AM/PM')
    .replace(/%f/g, 'fraction')
    .replace(/%z/g, 'offset');
}
