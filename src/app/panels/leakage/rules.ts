/** Short names of the leakage rules: the one label map (labels.ts). */
export { leakageRuleLabel as ruleLabel } from '../../labels';

/** leakage.status is 'ok' or 'needs <table.column, ...>': the columns, for the needs note. */
export function neededColumns(status: unknown): string[] | null {
  if (typeof status !== 'string' || status === 'ok') return null;
  const m = /^needs\s+(.*)$/.exec(status.trim());
  if (!m) return [status];
  return m[1]!.split(/[\s,]+/).filter(Boolean);
}

/** What a case is for this rule: a return, or an order line for quantity_above_ordered. */
export function caseNoun(rule: unknown, n: unknown): string {
  const one = n === 1;
  return rule === 'quantity_above_ordered' ? (one ? 'order line' : 'order lines') : one ? 'return' : 'returns';
}

/** example_ids is 'R1,R2,R3': the ids, for display. */
export function exampleIds(v: unknown): string[] {
  return typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}
