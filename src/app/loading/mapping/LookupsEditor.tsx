import { removeLookup, updateLookup, addLookup, validLookupName } from '../mapping-step';
import { ColumnSelect, inputClass, LinkButton, muted, TextField, type TargetContext } from './ui';

/**
 * Other files of the batch read for values, one row per key: each lookup's columns can then be
 * chosen as "<name>.<column>" wherever a source column can.
 */
export function LookupsEditor({ ctx, files }: { ctx: Omit<TargetContext, 'target'>; files: readonly { name: string; header: readonly string[] }[] }) {
  const { draft, change, header, lookups } = ctx;
  const list = draft.mapping.lookups ?? [];
  const others = files.filter((f) => f.name !== draft.fileName);
  return (
    <div className="space-y-2" data-testid="lookups">
      <p className={muted}>Values looked up in other files of the batch{list.length === 0 ? ': none.' : ':'}</p>
      <datalist id={`lookup-files-${draft.fileName}`}>
        {others.map((f) => (
          <option key={f.name} value={f.name} />
        ))}
      </datalist>
      {list.map((l, i) => {
        const set = (patch: Parameters<typeof updateLookup>[2]) => change((d) => updateLookup(d, i, patch));
        const earlier = lookups.filter((c) => list.slice(0, i).some((x) => c.startsWith(`${x.name}.`)));
        const keyColumns = lookups.filter((c) => c.startsWith(`${l.name}.`)).map((c) => c.slice(l.name.length + 1));
        return (
          <div key={i} className="flex flex-wrap items-center gap-2" data-testid="lookup">
            <TextField value={l.name} label={`Name of lookup ${i + 1}`} className="w-28" placeholder="name" onCommit={(name) => validLookupName(name) && set({ name })} testId="lookup-name" />
            <span className={muted}>= the file</span>
            <input
              className={`${inputClass} w-72`}
              list={`lookup-files-${draft.fileName}`}
              aria-label={`File of lookup ${l.name} (* and ? wildcards)`}
              placeholder="file name or pattern (*, ?)"
              key={l.file}
              defaultValue={l.file}
              onBlur={(e) => e.target.value !== l.file && set({ file: e.target.value })}
              data-testid="lookup-file"
            />
            <span className={muted}>whose column</span>
            {keyColumns.length > 0 ? (
              <ColumnSelect value={l.key} header={keyColumns} label={`Key column of lookup ${l.name}`} onChange={(key) => set({ key })} testId="lookup-key" />
            ) : (
              <TextField value={l.key} label={`Key column of lookup ${l.name}`} placeholder="key column" onCommit={(key) => set({ key })} testId="lookup-key" />
            )}
            <span className={muted}>equals this file’s</span>
            <ColumnSelect value={l.on} header={header} lookups={earlier} label={`Column of this file matched by lookup ${l.name}`} onChange={(on) => set({ on })} testId="lookup-on" />
            <select className={inputClass} aria-label={`When lookup ${l.name} finds no row`} value={l.onMissing ?? 'reject'} onChange={(e) => set({ onMissing: e.target.value as 'reject' | 'empty' })} data-testid="lookup-missing">
              <option value="reject">a key it lacks rejects the row</option>
              <option value="empty">a key it lacks leaves its values empty</option>
            </select>
            <LinkButton onClick={() => change((d) => removeLookup(d, i))} label={`Remove lookup ${l.name}`}>
              ×
            </LinkButton>
          </div>
        );
      })}
      <LinkButton onClick={() => change((d) => addLookup(d, others[0]?.name ?? ''))} testId="lookup-add">
        + look values up in another file…
      </LinkButton>
    </div>
  );
}
