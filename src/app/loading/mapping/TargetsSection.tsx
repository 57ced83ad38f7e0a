import { useState } from 'react';
import { Button } from '@tremor/react';
import type { CanonicalTable } from '../../../data-model/contract';
import { addableTables, addTarget, ROUTING_LABELS, setRouting } from '../mapping-step';
import { TargetCard } from './TargetCard';
import { inputClass, labelClass, Section, type Change, type TargetContext } from './ui';

/** The tables this file fills (one card each), how rows are routed among them, and "Add a table". */
export function TargetsSection({ base, change }: { base: Omit<TargetContext, 'target'>; change: Change }) {
  const { draft } = base;
  const addable = addableTables(draft);
  const [table, setTable] = useState<CanonicalTable | ''>('');
  const chosen = table !== '' && addable.includes(table) ? table : (addable[0] ?? '');
  const targets = draft.mapping.targets;
  return (
    <Section title={`Tables this file fills (${targets.length})`} testId="mapping-targets">
      <div className="flex flex-wrap items-end gap-4">
        {targets.length > 1 && (
          <label className={labelClass}>
            Routing
            <select className={inputClass} value={draft.mapping.routing ?? 'first'} onChange={(e) => change((d) => setRouting(d, e.target.value as 'first' | 'each'))} data-testid="mapping-routing">
              {(['first', 'each'] as const).map((r) => (
                <option key={r} value={r}>
                  {ROUTING_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
        )}
        {addable.length > 0 && (
          <div className="flex items-end gap-2">
            <label className={labelClass}>
              Also fill the table
              <select className={inputClass} value={chosen} onChange={(e) => setTable(e.target.value as CanonicalTable)} data-testid="add-target-table">
                {addable.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary" disabled={chosen === ''} onClick={() => chosen !== '' && change((d) => addTarget(d, chosen))} data-testid="add-target">
              Add table
            </Button>
          </div>
        )}
      </div>
      <div className="mt-3 space-y-4">
        {targets.map((t, i) => (
          <TargetCard key={`${t.table}-${i}`} ctx={{ ...base, target: i }} removable={targets.length > 1} />
        ))}
      </div>
    </Section>
  );
}
