// Which date formats a mapping may use: the specifiers the JS sampler and DuckDB's strptime share.

/** Format specifiers a date format may use (the same in the JS sampler and in DuckDB's strptime). */
export const DATE_SPECIFIERS = ['Y', 'y', 'm', 'd', 'b', 'B', 'H', 'I', 'M', 'S', 'f', 'p', 'z', '%'] as const;

/** Why a date format cannot be used, or null when it can. */
export function dateFormatProblem(format: string): string | null {
  if (format === 'iso') return null;
  if (format.trim() === '') return 'is empty';
  const specs = [...format.matchAll(/%(.?)/g)].map((m) => m[1]!);
  for (const s of specs) {
    if (!(DATE_SPECIFIERS as readonly string[]).includes(s)) {
      return `uses %${s}, which is not supported (use ${DATE_SPECIFIERS.filter((x) => x !== '%').map((x) => `%${x}`).join(' ')}, or 'iso')`;
    }
  }
  const has = (s: string) => specs.includes(s);
  if (!has('Y') && !has('y')) return 'has no year (%Y or %y)';
  if (!has('m') && !has('b') && !has('B')) return 'has no month (%m, %b or %B)';
  if (!has('d')) return 'has no day (%d)';
  if (has('I') !== has('p')) return '%I (12-hour clock) and %p (AM/PM) go together';
  if (specs.filter((s) => s === 'z').length > 1 || (has('z') && !format.trimEnd().endsWith('%z'))) {
    return '%z (the offset) can only come last';
  }
  return null;
}
