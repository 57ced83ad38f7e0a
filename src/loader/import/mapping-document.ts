import type { ColumnProfile } from './profile';
import { columnUses, lookupRef, type MappingSpec, type QuestionNote, type SourceColumnNote } from './spec';
import type { Question } from './suggest';

/**
 * The mapping file as it is handed to the user (`import-check --out`, the page's "Download
 * mapping"): the mapping, every column of the file with what reads it or why it is left out
 * (`sourceColumns`), and each open question with how to answer it in the file (`questions`).
 * Both sections are informational: loading reads the mapping alone, and a date format left
 * null still refuses to load, now with its question in the message.
 */
export function mappingDocument(
  mapping: MappingSpec,
  header: readonly string[],
  questions: readonly Question[] = [],
  profiles: readonly ColumnProfile[] = [],
): MappingSpec {
  const { version, name, preset, $schema, ...rest } = mapping;
  const notes = questions.flatMap(questionNotes);
  return {
    ...($schema !== undefined ? { $schema } : {}),
    version,
    name,
    ...(preset !== undefined ? { preset } : {}),
    ...(notes.length > 0 ? { questions: notes } : {}),
    ...withoutSections(rest),
    sourceColumns: sourceColumns(mapping, header, profiles),
  };
}

/** The mapping without earlier informational sections (they are written anew). */
function withoutSections<T extends Partial<MappingSpec>>(m: T): Omit<T, 'sourceColumns' | 'questions'> {
  const { sourceColumns: _c, questions: _q, ...rest } = m;
  return rest;
}

/** Every column of the header once, in file order: what reads it, or why nothing does. */
export function sourceColumns(mapping: MappingSpec, header: readonly string[], profiles: readonly ColumnProfile[] = []): SourceColumnNote[] {
  const uses = [...columnUses(mapping)].filter(([c]) => !lookupRef(mapping, c, header));
  const key = (c: string) => c.trim().toLowerCase();
  const seen = new Set<string>();
  return header.map((column) => {
    // A mapping names a column as written; the loader also matches it trimmed and in any case.
    const by = uses.filter(([c]) => c === column || (!header.includes(c) && key(c) === key(column))).flatMap(([, b]) => b);
    const repeated = seen.has(key(column));
    seen.add(key(column));
    if (by.length > 0 && !repeated) return { column, use: 'used', by: [...new Set(by)] };
    return { column, use: 'ignored', why: repeated ? 'the header repeats this name: the first column of that name is read' : ignoredWhy(profiles.find((p) => p.name === column)) };
  });
}

function ignoredWhy(p: ColumnProfile | undefined): string {
  if (p && p.sampled === 0) return 'empty in every sampled row';
  if (p && p.distinct === 1) return `one value on every sampled row (${JSON.stringify(p.examples[0] ?? '')})`;
  return 'no column of the data contract is taken from it';
}

/** Where a question's answer goes in the file, and how to write it. */
function questionNotes(q: Question): QuestionNote[] {
  return q.fills.map((fill) => {
    const column = `targets[${fill.target}].columns.${fill.column}`;
    if (q.kind === 'date_format') {
      return {
        at: `${column}.transform.format`,
        ask: q.text,
        answer: `Write one of the choices at ${column}.transform.format, in place of null${q.suggested ? ` (suggested: ${q.suggested})` : ''}; the mapping does not load until then.`,
        choices: [...q.options],
      };
    }
    const now = q.options[0];
    return {
      at: `${column}.transform`,
      ask: q.text,
      answer: `The mapping reads ${now ? `"${now.decimal}" as the decimal separator${now.thousands ? ` and "${now.thousands}" as the thousands separator` : ''}` : 'the suggested notation'}; if that is wrong, set decimal and thousands at ${column}.transform to another of the choices.`,
      choices: q.options.map((o) => ({ decimal: o.decimal, thousands: o.thousands })),
    };
  });
}
