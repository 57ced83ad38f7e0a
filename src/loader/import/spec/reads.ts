import type { LookupSpec, MappingSpec, RowTest, ValueSource } from './types';

// What a mapping reads: the columns it names, the lookup a column name refers to, and the
// files its name patterns match.

/**
 * Column names a mapping reads, as written: columns of the file, and "<lookup>.<column>" of
 * its lookups (lookupRef tells them apart).
 */
export function columnsUsed(m: MappingSpec): string[] {
  const out = new Set<string>();
  const fromTest = (t: RowTest): void => {
    if ('all' in t) t.all.forEach(fromTest);
    else if ('any' in t) t.any.forEach(fromTest);
    else out.add(t.column);
  };
  const fromSource = (s: ValueSource): void => {
    if ('column' in s) out.add(s.column);
    else if ('concat' in s) {
      s.concat.forEach((c) => out.add(c));
      s.numberRepeats?.within.forEach((c) => out.add(c));
    } else if ('multiply' in s) s.multiply.forEach(fromSource);
    else if ('minus' in s) s.minus.forEach(fromSource);
    else if ('divide' in s) s.divide.forEach(fromSource);
    else if ('firstOf' in s) s.firstOf.forEach(fromSource);
    else if ('if' in s) {
      fromTest(s.if);
      fromSource(s.then);
      if (s.else) fromSource(s.else);
    }
  };
  for (const t of m.targets) {
    Object.values(t.columns).forEach((s) => s && fromSource(s));
    if (t.when) fromTest(t.when);
    t.exclude?.forEach((r) => fromTest(r.when));
  }
  if (m.fillDown) {
    out.add(m.fillDown.groupBy);
    m.fillDown.columns.forEach((c) => out.add(c));
  }
  m.lookups?.forEach((l) => out.add(l.on));
  return [...out];
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
