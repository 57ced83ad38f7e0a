import { describeTest, type Transform, type ValueSource } from '../../../loader/import';

/**
 * A value source in words for the column table ("“order-id” + “sku” joined by “|”"), short
 * enough for a table cell; `if` sources say on which rows. Kinds it does not know are named
 * by their keys (a newer mapping file).
 */
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
      const side = (v: unknown) => (typeof v === 'object' && v && ('column' in v || 'constant' in v) ? sub(v) : `(${sub(v)})`);
      return `${side(a)} ${sym} ${side(b)}`;
    }
  }
  if ('firstOf' in x) return `the first of ${(x.firstOf as unknown[]).map(sub).join(', ')}`;
  if ('if' in x) {
    const test = describeTest(x.if as Parameters<typeof describeTest>[0]);
    return `${sub(x.then)} where ${test}${x.else ? `, otherwise ${sub(x.else)}` : ', otherwise empty'}`;
  }
  return `a rule of the mapping (${Object.keys(x).join(', ')})`;
}
