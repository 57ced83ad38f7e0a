import { describeTest, type ConditionTest, type RowTest } from '../../../loader/import';
import { rowTestOf, simpleTestOf, testNeedsValue, TEST_LABELS, TESTS, type SimpleTest } from '../mapping-step';
import { ColumnSelect, inputClass, muted, TextField } from './ui';

/**
 * One condition on a source cell: column, test, value, "not". A test combining several
 * conditions is shown in words (edit it as JSON).
 */
export function RowTestEditor({ test, header, lookups, onChange, label, testId }: {
  test: RowTest;
  header: readonly string[];
  lookups: readonly string[];
  onChange: (t: RowTest) => void;
  label: string;
  testId: string;
}) {
  const s = simpleTestOf(test);
  if (!s) return <span className={muted} data-testid={testId}>{`${describeTest(test)} (several conditions: edit them as JSON)`}</span>;
  const set = (patch: Partial<SimpleTest>) => onChange(rowTestOf({ ...s, ...patch }, test));
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid={testId}>
      <ColumnSelect value={s.column} header={header} lookups={lookups} label={`${label}: column`} onChange={(column) => set({ column })} testId={`${testId}-column`} />
      <label className={`${muted} flex items-center gap-1`}>
        <input type="checkbox" className="h-4 w-4 accent-tremor-brand" checked={s.not} onChange={(e) => set({ not: e.target.checked })} data-testid={`${testId}-not`} />
        not
      </label>
      <select className={inputClass} aria-label={`${label}: test`} value={s.is} onChange={(e) => set({ is: e.target.value as ConditionTest })} data-testid={`${testId}-is`}>
        {TESTS.map((t) => (
          <option key={t} value={t}>
            {TEST_LABELS[t]}
          </option>
        ))}
      </select>
      {testNeedsValue(s.is) && <TextField value={s.value} label={`${label}: value`} onCommit={(value) => set({ value })} testId={`${testId}-value`} />}
    </span>
  );
}
