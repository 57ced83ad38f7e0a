/**
 * review_signals.top_terms is text like 'runs small (5), broke (2)'. Split it into chips for
 * display; the counts are the model's, only parsed here. Anything unparseable stays one chip
 * with its text as the term and no count.
 */
export interface TermCount {
  term: string;
  count: number | null;
}

export function parseTopTerms(text: unknown): TermCount[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const out: TermCount[] = [];
  // Terms are dictionary phrases; they may contain commas only outside "(n)", so split on
  // the comma that follows a count.
  const re = /\s*([^,()]+?)\s*\((\d+)\)\s*(?:,|$)/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return [...out, { term: text.slice(pos).replace(/^[\s,]+/, '').trim(), count: null }].filter((t) => t.term !== '');
    out.push({ term: m[1]!, count: Number(m[2]) });
    pos = re.lastIndex;
  }
  return out;
}
