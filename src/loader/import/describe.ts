import { describeDateFormat } from './dates';
import type { MappingSpec, RowTest, Transform, ValueSource } from './spec';

/**
 * A mapping in plain words (the CLI's import-check prints it; the mapping step can show the
 * same text): where each canonical column comes from, which rows each table takes or leaves out.
 */

function describeTransform(t: Transform | undefined): string {
  if (!t) return '';
  switch (t.kind) {
    case 'date':
      return t.format === null ? ' (date format NOT CHOSEN yet)' : ` (${t.format === 'iso' ? 'ISO date' : `${describeDateFormat(t.format)}, ${t.format}`}${t.offset === 'utc' ? ', to UTC' : ''})`;
    case 'number': {
      const parts = [t.decimal !== '.' ? `decimal "${t.decimal}"` : '', t.thousands ? `thousands "${t.thousands}"` : '', t.currency ? 'currency signs removed' : '', t.sign !== 'keep' ? t.sign : '']
        .filter(Boolean);
      return parts.length ? ` (${parts.join(', ')})` : '';
    }
    case 'boolean':
      return ` (true: ${t.trueWords.join('/')}; false: ${t.falseWords.join('/')})`;
    case 'map':
      return ` (codes translated: ${Object.entries(t.values).slice(0, 4).map(([k, v]) => `${k}→${v}`).join(', ')}${Object.keys(t.values).length > 4 ? ' ...' : ''}; others ${t.otherwise === 'keep' ? 'kept' : 'empty'})`;
    default:
      return t.case && t.case !== 'keep' ? ` (${t.case} case)` : '';
  }
}

/** A row test in words: `"Financial Status" is one of refunded, partially_refunded`. */
export function describeTest(t: RowTest): string {
  if ('all' in t) return t.all.map(describeTest).join(' and ');
  if ('any' in t) return `(${t.any.map(describeTest).join(' or ')})`;
  const not = t.not ? 'not ' : '';
  switch (t.is) {
    case 'empty': return `"${t.column}" is ${not}empty`;
    case 'equals': return `"${t.column}" is ${not}"${t.value}"`;
    case 'one_of': return `"${t.column}" is ${not}one of ${(t.values ?? []).join(', ')}`;
    case 'starts_with': return `"${t.column}" does ${t.not ? 'not ' : ''}start with "${t.value}"`;
    case 'matches': return `"${t.column}" does ${t.not ? 'not ' : ''}match /${t.value}/`;
    case 'first': return `the row is ${not}the first with its "${t.column}"`;
    default: return `"${t.column}" is ${not}${t.is}`;
  }
}

/** A value source in words: `"OrderDate" (day-month-year, %d-%b-%Y)`. */
export function describeSource(s: ValueSource): string {
  if ('column' in s) return `"${s.column}"${describeTransform(s.transform)}`;
  if ('constant' in s) return `always ${JSON.stringify(s.constant)}`;
  if ('lineNumber' in s) return 'the line number';
  if ('concat' in s) return `${s.concat.map((c) => `"${c}"`).join(` + "${s.separator}" + `)}${s.numberRepeats ? ' (repeats numbered #2, #3 ...)' : ''}`;
  // Operands that are themselves computed are bracketed: "a − (b ÷ c)".
  const operand = (x: ValueSource) => ('column' in x || 'constant' in x || 'lineNumber' in x ? describeSource(x) : `(${describeSource(x)})`);
  if ('multiply' in s) return `${operand(s.multiply[0])} × ${operand(s.multiply[1])}`;
  if ('minus' in s) return `${operand(s.minus[0])} − ${operand(s.minus[1])}`;
  if ('divide' in s) return `${operand(s.divide[0])} ÷ ${operand(s.divide[1])}`;
  if ('firstOf' in s) return `the first of ${s.firstOf.map(describeSource).join(', ')}`;
  return `if ${describeTest(s.if)}: ${describeSource(s.then)}${s.else ? `, else ${describeSource(s.else)}` : ''}`;
}

/** Lines of text describing the mapping, target by target. */
export function describeMapping(m: MappingSpec): string[] {
  const out: string[] = [];
  const src = m.source;
  out.push(`${m.name}${m.preset ? ` (preset ${m.preset})` : ''}`);
  if (m.files?.length) out.push(`  files: ${m.files.join(', ')}`);
  out.push(`  read as: ${src.encoding}, delimiter ${JSON.stringify(src.delimiter)}, quote ${JSON.stringify(src.quote)}${src.skipLines ? `, ${src.skipLines} lines skipped` : ''}${src.header ? '' : ', no header'}${src.nullValues.length ? `, empty words ${src.nullValues.join(' ')}` : ''}`);
  for (const l of m.lookups ?? []) out.push(`  lookup ${l.name}: ${l.file} by "${l.key}" = "${l.on}"${l.onMissing === 'empty' ? ' (missing keys leave values empty)' : ' (missing keys reject the row)'}`);
  if (m.fillDown) out.push(`  filled down within "${m.fillDown.groupBy}": ${m.fillDown.columns.map((c) => `"${c}"`).join(', ')}`);
  m.targets.forEach((t, i) => {
    const rows = t.when ? `rows where ${describeTest(t.when)}` : m.routing === 'each' || i === 0 ? 'every row' : 'the rows no target above takes';
    out.push(`  → ${t.table}: ${rows}${t.expandToOrderLines ? ', each expanded to the order\'s loaded lines' : ''}${t.duplicates === 'first' ? ', first row per key kept' : ''}`);
    for (const [col, s] of Object.entries(t.columns)) if (s) out.push(`      ${col} ← ${describeSource(s)}`);
    for (const e of t.exclude ?? []) out.push(`      excluded when ${describeTest(e.when)}: ${e.reason}`);
  });
  return out;
}
