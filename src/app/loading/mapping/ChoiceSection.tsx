import type { CanonicalTable } from '../../../data-model/contract';
import type { PresetId } from '../../../loader/import';
import { presetLabel, tableOptions, withChoice, type MappingDraft } from '../mapping-step';
import { inputClass, labelClass, muted, Section, type Change } from './ui';

/** Preset or custom mapping into a table, with where the current mapping came from. */
export function ChoiceSection({ draft, change }: { draft: MappingDraft; change: Change }) {
  const value = draft.choice.kind === 'preset' ? `preset:${draft.choice.id}` : `custom:${draft.choice.table}`;
  const best = draft.presets[0];
  return (
    <Section title="How to read this file">
      <div className="flex flex-wrap items-end gap-4">
        <label className={labelClass}>
          Preset or custom mapping
          <select
            className={`${inputClass} min-w-[22rem]`}
            value={value}
            onChange={(e) => {
              const [kind, rest] = e.target.value.split(':') as [string, string];
              change((d) => withChoice(d, kind === 'preset' ? { kind: 'preset', id: rest as PresetId } : { kind: 'custom', table: rest as CanonicalTable }));
            }}
            data-testid="mapping-choice"
          >
            {draft.presets.length > 0 && (
              <optgroup label="Presets (known exports)">
                {draft.presets.map((p) => (
                  <option key={p.id} value={`preset:${p.id}`} disabled={!p.usable}>
                    {presetLabel(p)}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label="Custom mapping into the table …">
              {tableOptions(draft).map((t) => (
                <option key={t.table} value={`custom:${t.table}`}>
                  {t.label}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <p className={`${muted} pb-2`} data-testid="mapping-origin">
          Now: {draft.origin}. Loads into {draft.mapping.targets.map((t) => t.table).join(' and ') || 'no table'}.
        </p>
      </div>
      {!best || best.confidence < 0.6 ? (
        <p className={`${muted} mt-1`}>No preset recognises this file with confidence: check the suggested columns below.</p>
      ) : null}
      {draft.problem && (
        <p className="mt-2 text-tremor-default text-amber-700 dark:text-amber-400" role="alert">
          {draft.problem}
        </p>
      )}
    </Section>
  );
}
