import type { Condition, ConditionTest, RowTest } from '../../../loader/import';

/**
 * One condition on one source cell, as the row filter and exclusion controls edit it. Tests
 * that combine conditions (all / any) are shown in words and edited as JSON.
 */
export interface SimpleTest {
  column: string;
  is: ConditionTest;
  /** The value for equals / starts_with / matches; comma-separated values for one_of. */
  value: string;
  not: boolean;
}

export const TEST_LABELS: Record<ConditionTest, string> = {
  equals: 'is', one_of: 'is one of (comma-separated)', starts_with: 'starts with', matches: 'matches (regular expression)',
  empty: 'is empty', negative: 'is negative', zero: 'is zero', positive: 'is positive', first: 'is the first row with its value',
};
export const TESTS = Object.keys(TEST_LABELS) as ConditionTest[];

export const testNeedsValue = (is: ConditionTest): boolean => is === 'equals' || is === 'one_of' || is === 'starts_with' || is === 'matches';

/** The simple form of a row test, or null when it combines several conditions. */
export function simpleTestOf(t: RowTest | undefined): SimpleTest | null {
  if (!t || 'all' in t || 'any' in t) return null;
  return { column: t.column, is: t.is, value: t.is === 'one_of' ? (t.values ?? []).join(', ') : (t.value ?? ''), not: t.not === true };
}

/** The condition a simple test stands for (keeps the case and decimal settings of `was`). */
export function rowTestOf(s: SimpleTest, was?: RowTest): Condition {
  const keep = was && 'column' in was ? { ...(was.caseSensitive ? { caseSensitive: true } : {}), ...(was.decimal ? { decimal: was.decimal } : {}) } : {};
  const c: Condition = { column: s.column, is: s.is, ...keep };
  if (s.is === 'one_of') c.values = s.value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  else if (testNeedsValue(s.is)) c.value = s.value;
  if (s.not) c.not = true;
  return c;
}

/** A new condition on the first column of the file. */
export const blankTest = (header: readonly string[]): SimpleTest => ({ column: header[0] ?? '', is: 'equals', value: '', not: false });
