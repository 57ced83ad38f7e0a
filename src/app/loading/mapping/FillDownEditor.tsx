import { setFillDown } from '../mapping-step';
import { ColumnList } from './SourceParts';
import { ColumnSelect, inputClass, labelClass, muted, type TargetContext } from './ui';

/** Cells written only on a group's first row (an order's fields on its first line), filled down. */
export function FillDownEditor({ ctx }: { ctx: Omit<TargetContext, 'target'> }) {
  const { draft, change, header } = ctx;
  const fd = draft.mapping.fillDown;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="fill-down">
      <label className={labelClass}>
        Fill down
        <select
          className={inputClass}
          value={fd ? 'on' : 'off'}
          onChange={(e) => change((d) => setFillDown(d, e.target.value === 'on' ? { groupBy: header[0] ?? '', columns: [header[1] ?? header[0] ?? ''] } : undefined))}
          data-testid="fill-down-toggle"
        >
          <option value="off">no: every row has its own cells</option>
          <option value="on">empty cells take the value of the row above…</option>
        </select>
      </label>
      {fd && (
        <>
          <span className={muted}>among rows with the same</span>
          <ColumnSelect value={fd.groupBy} header={header} label="Fill down within rows sharing" onChange={(groupBy) => change((d) => setFillDown(d, { ...fd, groupBy }))} testId="fill-down-group" />
          <span className={muted}>for</span>
          <ColumnList header={header} lookups={[]} columns={fd.columns} onChange={(columns) => change((d) => setFillDown(d, { ...fd, columns }))} label="Columns filled down" testId="fill-down-columns" />
        </>
      )}
    </div>
  );
}
