/**
 * A JSON reader that keeps every number as the text it was written with. JSON.parse turns
 * 9007199254740993 into 9007199254740992 (ids above 2^53 collide) and 1e999 into Infinity
 * (which would then load as money); kept as text, an id stays exact and an overflowing number
 * reaches the row checks, which refuse it by name. No code is evaluated (the page's CSP
 * forbids it), and nothing here depends on the object prototype (objects are Maps).
 */

/**
 * A number literal, exactly as written. NaN, Infinity and -Infinity are not JSON, but Python's
 * json module writes them: they are read as number texts too, so the row checks refuse the
 * rows that hold them (by name) instead of the whole file being unreadable.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
/** Keys in the order written; a repeated key keeps its last value (as JSON.parse does). */
export type JsonObject = Map<string, JsonValue>;

/** Where the text stops being JSON: the line of the offending character (1-based). */
export class JsonSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`JSON line ${line} is not valid JSON`);
  }
}

/** Deeper nesting than any export writes; beyond it the call stack, not the file, would fail. */
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters (JSON.parse refuses them too).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Every top-level value in `text`, in order: one for a JSON document, one per record for
 * newline-delimited JSON (values separated by whitespace).
 */
export function parseJsonValues(text: string): JsonValue[] {
  const p = new Parser(text);
  const values: JsonValue[] = [];
  for (p.skipSpace(); p.i < text.length; p.skipSpace()) values.push(p.value(0));
  return values;
}

/**
 * The first `max` records of a JSON text that may be cut short (a file's first bytes), read as
 * the loader reads the whole file (json-to-arrow.ts): an array's elements, the elements of the
 * one list of a wrapper ({"data": [...]}), or newline-delimited values. A record cut by the end
 * of the text is left out; a text that is not JSON gives what was read before the fault.
 */
export function leadingRecords(text: string, max: number): JsonValue[] {
  const p = new Parser(text);
  const out: JsonValue[] = [];
  const elements = () => {
    p.i++; // [
    for (p.skipSpace(); out.length < max && p.i < text.length && text.charCodeAt(p.i) !== 0x5d; p.skipSpace()) {
      out.push(p.value(1));
      p.skipSpace();
      if (text.charCodeAt(p.i) === 0x2c) p.i++;
    }
  };
  try {
    p.skipSpace();
    if (text.charCodeAt(p.i) === 0x5b) {
      elements();
      return out;
    }
    // An object: a wrapper whose one list holds the records, or the first record of NDJSON.
    const first = new Map<string, JsonValue>();
    p.expect(0x7b);
    for (p.skipSpace(); text.charCodeAt(p.i) === 0x22; p.skipSpace()) {
      const key = p.string();
      p.skipSpace();
      p.expect(0x3a);
      p.skipSpace();
      const at = p.i;
      try {
        first.set(key, p.value(1));
      } catch (e) {
        if (text.charCodeAt(at) !== 0x5b) throw e;
        // A list cut short by the end of the text: the wrapper's records.
        p.i = at;
        elements();
        return out;
      }
      p.skipSpace();
      if (text.charCodeAt(p.i) === 0x2c) p.i++;
    }
    p.expect(0x7d);
    p.skipSpace();
    const lists = [...first.values()].filter((v) => Array.isArray(v));
    if (p.i >= text.length && lists.length === 1) return (lists[0] as JsonValue[]).slice(0, max);
    out.push(first);
    for (; out.length < max && p.i < text.length; p.skipSpace()) out.push(p.value(0));
  } catch {
    // Cut short (or not JSON): the records read so far.
  }
  return out;
}

/** A value as compact JSON, numbers as written (a nested object or list kept in one cell). */
export function jsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
}

class Parser {
  i = 0;
  /** The next backslash at or after `i` (cached: searching from every string would be quadratic). */
  private backslash = -1;

  constructor(private readonly s: string) {}

  skipSpace(): void {
    const s = this.s;
    let i = this.i;
    for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++i));
    this.i = i;
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(this.i);
    this.skipSpace();
    switch (this.s.charCodeAt(this.i)) {
      case 0x7b: // {
        return this.object(depth);
      case 0x5b: // [
        return this.array(depth);
      case 0x22: // "
        return this.string();
      case 0x74: // t
        return this.word('true', true);
      case 0x66: // f
        return this.word('false', false);
      case 0x6e: // n
        return this.word('null', null);
      case 0x4e: // N
        return this.word('NaN', new JsonNumber('NaN'));
      case 0x49: // I
        return this.word('Infinity', new JsonNumber('Infinity'));
      default:
        return this.number();
    }
  }

  private object(depth: number): JsonObject {
    const out: JsonObject = new Map();
    this.i++;
    this.skipSpace();
    if (this.s.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.s.charCodeAt(this.i) !== 0x22) this.fail(this.i);
      const key = this.string();
      this.skipSpace();
      this.expect(0x3a); // :
      out.set(key, this.value(depth + 1));
      this.skipSpace();
      if (this.s.charCodeAt(this.i) !== 0x2c) break;
      this.i++;
    }
    this.expect(0x7d); // }
    return out;
  }

  private array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.i++;
    this.skipSpace();
    if (this.s.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      if (this.s.charCodeAt(this.i) !== 0x2c) break;
      this.i++;
    }
    this.expect(0x5d); // ]
    return out;
  }

  string(): string {
    const s = this.s;
    const start = this.i + 1;
    const end = s.indexOf('"', start);
    if (end < 0) this.fail(s.length);
    if (this.backslash < start && this.backslash !== Infinity) {
      const b = s.indexOf('\\', start);
      this.backslash = b < 0 ? Infinity : b;
    }
    if (this.backslash > end) {
      const v = s.slice(start, end);
      if (CONTROL.test(v)) this.fail(start + v.search(CONTROL));
      this.i = end + 1;
      return v;
    }
    // Escapes: decoded piece by piece.
    let out = '';
    let from = start;
    for (let i = start; ; ) {
      if (i >= s.length) this.fail(s.length);
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return out + s.slice(from, i);
      }
      if (c < 0x20) this.fail(i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s[i + 1] ?? '';
      if (e === 'u') {
        const hex = s.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const ch = ESCAPES[e];
        if (ch === undefined) this.fail(i);
        out += ch;
        i += 2;
      }
      from = i;
    }
  }

  private number(): JsonNumber {
    if (this.s.startsWith('-Infinity', this.i)) return this.word('-Infinity', new JsonNumber('-Infinity'));
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m) this.fail(this.i);
    this.i += m[0].length;
    return new JsonNumber(m[0]);
  }

  private word<T>(word: string, v: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail(this.i);
    this.i += word.length;
    return v;
  }

  expect(code: number): void {
    if (this.s.charCodeAt(this.i) !== code) this.fail(this.i);
    this.i++;
  }

  /** At the end of the text the error is where the text stops (its last non-blank line). */
  private fail(at: number): never {
    const s = this.s;
    let end = Math.min(at, s.length);
    if (end >= s.length) end = s.trimEnd().length - 1;
    let line = 1;
    for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) line++;
    throw new JsonSyntaxError(line);
  }
}
