import {
  answerQuestion, CANDIDATE_DATE_FORMATS, describeDateFormat, detectDateFormat, parseDate,
  type DecimalSeparator, type Question, type ThousandsSeparator,
} from '../../../loader/import';
import { sourceAt as sourceOf, valuesOf, type MappingDraft } from './draft';

/** The questions a draft raised (an ambiguous date, a number notation), open until answered. */

export function questionKey(q: Question): string {
  return `${q.kind}:${q.source}:${q.fills.map((f) => `${f.target}.${f.column}`).join(',')}`;
}


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
