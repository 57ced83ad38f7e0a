import type { LookupSpec, MappingSpec, RowTest, ValueSource } from './types';

// What a mapping reads: the columns it names, the lookup a column name refers to, and the
// files its name patterns match.

/**
 * Column names a mapping reads, as written: columns of the file, and "<lookup>.<column>" of
 * its lookups (lookupRef tells them apart).
 */
export function columnsUsed(m: MappingSpec): string[] {
  return [...columnUses(m).keys()];
}

/**
 * Each column a mapping reads (as columnsUsed) → what reads it: "<table>.<column>" for a
 * value, "<table> rows" for a target's `when`, "<table> exclusions", "fillDown", "lookup <name>".
 */
export function columnUses(m: MappingSpec): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const reads = (column: string, by: string) => {
    const list = out.get(column) ?? [];
    if (!list.includes(by)) list.push(by);
    out.set(column, list);
  };
  const fromTest = (t: RowTest, by: string): void => {
    if ('all' in t) t.all.forEach((x) => fromTest(x, by));
    else if ('any' in t) t.any.forEach((x) => fromTest(x, by));
    else reads(t.column, by);
  };
  const fromSource = (s: ValueSource, by: string): void => {
    if ('column' in s) reads(s.column, by);
    else if ('concat' in s) {
      s.concat.forEach((c) => reads(c, by));
      s.numberRepeats?.within.forEach((c) => reads(c, by));
    } else if ('multiply' in s) s.multiply.forEach((x) => fromSource(x, by));
    else if ('minus' in s) s.minus.forEach((x) => fromSource(x, by));
    else if ('divide' in s) s.divide.forEach((x) => fromSource(x, by));
    else if ('firstOf' in s) s.firstOf.forEach((x) => fromSource(x, by));
    else if ('if' in s) {
      fromTest(s.if, by);
      fromSource(s.then, by);
      if (s.else) fromSource(s.else, by);
    }
  };
  for (const t of m.targets) {
    Object.entries(t.columns).forEach(([name, s]) => s && fromSource(s, `${t.table}.${name}`));
    if (t.when) fromTest(t.when, `${t.table} rows`);
    t.exclude?.forEach((r) => fromTest(r.when, `${t.table} exclusions`));
  }
  if (m.fillDown) {
    reads(m.fillDown.groupBy, 'fillDown');
    m.fillDown.columns.forEach((c) => reads(c, 'fillDown'));
  }
  m.lookups?.forEach((l) => reads(l.on, `lookup ${l.name}`));
  return out;
}

/**
 * The lookup a column name refers to ("products.ProductPrice" → products, ProductPrice), or
 * null for a column of the file itself. A header that is literally "products.ProductPrice"
 * wins over the lookup (pass the file's header names).
 */
export function lookupRef(m: Pick<MappingSpec, 'lookups'>, name: string, header: readonly string[] = []): { lookup: LookupSpec; column: string } | null {
  const dot = name.indexOf('.');
  if (dot <= 0 || !m.lookups) return null;
  const lookup = m.lookups.find((l) => l.name === name.slice(0, dot));
  if (!lookup) return null;
  const lower = name.trim().toLowerCase();
  if (header.some((h) => h === name || h.trim().toLowerCase() === lower)) return null;
  return { lookup, column: name.slice(dot + 1) };
}

/** Whether a file name matches a pattern with * and ? (case-insensitive, the base name only). */
export function fileMatches(fileName: string, pattern: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const re = new RegExp(
    '^' + pattern.trim().split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$',
    'i',
  );
  return re.test(base);
}
