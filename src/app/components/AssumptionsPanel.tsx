import { useEffect, useRef, useState } from 'react';
import { Badge, NumberInput } from '@tremor/react';
import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS, type AssumptionSpec } from '../../data-model/assumptions';
import { assumptionInputScale, formatAssumption } from '../format';
import { assumptionLabel } from '../labels';
import type { ViewPatch, ViewState } from '../view/types';
import { assumptionBounds, validAssumption } from '../view/view-url';
import { headerButtonClass } from './Header';

const GROUPS: { title: string; keys: (k: string) => boolean }[] = [
  { title: 'Costs and fees', keys: (k) => k.endsWith('_cost_per_return') || k === 'restocking_fee_pct' },
  { title: 'Return window', keys: (k) => k === 'return_window_days' },
  { title: 'Value recovered, by what happens to the item', keys: (k) => k.startsWith('recovery_rate_') },
  { title: 'Service levels (SLA)', keys: (k) => k.startsWith('sla_days_') },
];

// Steps as typed: a share of unit cost is typed in percent (assumptionInputScale).
const STEP: Record<string, number> = { money: 0.5, '%': 1, days: 1, 'share of unit cost': 5 };

function unitLabel(spec: AssumptionSpec, currency: string | null): string {
  if (spec.unit === 'money') return currency ? `${currency} per return` : 'money per return';
  if (spec.unit === 'share of unit cost') return '% of unit cost (0–100)';
  if (spec.unit === '%') return '% of the refund';
  return spec.unit;
}

/** How many assumptions differ from their defaults (for the header button). */
export function changedAssumptionCount(view: ViewState): number {
  return Object.keys(view.assumptions).length;
}

/** The header button that opens the panel, with the number of changed assumptions. */
export function AssumptionsButton({ view, open, onToggle }: { view: ViewState; open: boolean; onToggle: () => void }) {
  const n = changedAssumptionCount(view);
  return (
    <button
      type="button"
      className={headerButtonClass}
      aria-expanded={open}
      aria-controls="assumptions-panel"
      onClick={onToggle}
      data-testid="assumptions-toggle"
    >
      Assumptions{n > 0 ? ` (${n} changed)` : ''}
    </button>
  );
}

/**
 * Every business assumption with its unit and description, editable. An edit goes into the
 * URL (`a.<key>=`, so links and saved views keep it); the app then re-derives with it and every
 * money figure follows. Invalid input (empty, negative, a share above 1) is shown, not applied.
 */
export function AssumptionsPanel({
  view,
  setView,
  currency,
  applying,
  error,
  onClose,
}: {
  view: ViewState;
  setView: (patch: ViewPatch, opts?: { replace?: boolean }) => void;
  currency: string | null;
  /** The models are being re-derived with the latest edit. */
  applying: boolean;
  error: string | null;
  onClose: () => void;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const changed = changedAssumptionCount(view);

  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const set = (key: string, value: number, replace: boolean) => {
    const next = { ...view.assumptions };
    if (value === DEFAULT_ASSUMPTIONS[key]) delete next[key];
    else next[key] = value;
    setView({ assumptions: next }, { replace });
  };

  return (
    <aside
      id="assumptions-panel"
      ref={panel}
      tabIndex={-1}
      aria-label="Assumptions"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-md flex-col border-l border-tremor-border bg-tremor-background shadow-tremor-dropdown outline-none dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown"
      data-testid="assumptions-panel"
    >
      <div className="flex items-start justify-between gap-3 border-b border-tremor-border p-4 dark:border-dark-tremor-border">
        <div>
          <h2 className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Assumptions</h2>
          <p className="mt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            Used by every money figure, the return window and the SLA checks. Changes are kept in the URL and in saved views.
          </p>
          <p className="mt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content" role="status" data-testid="assumptions-status">
            {error ? (
              <span className="text-rose-600 dark:text-rose-400">Not applied: {error}</span>
            ) : applying ? (
              'Applying… the models are being recomputed.'
            ) : changed > 0 ? (
              `${changed} changed from the defaults; all figures use them.`
            ) : (
              'All at their defaults.'
            )}
          </p>
        </div>
        <button type="button" onClick={onClose} className={headerButtonClass} aria-label="Close the assumptions" data-testid="assumptions-close">
          Close
        </button>
      </div>
      <div className="flex-1 space-y-6 overflow-y-auto p-4">
        {GROUPS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3 className="mb-2 text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{g.title}</h3>
            <div className="space-y-4">
              {ASSUMPTIONS.filter((a) => g.keys(a.key)).map((a) => (
                <AssumptionField
                  key={a.key}
                  spec={a}
                  value={view.assumptions[a.key] ?? a.value}
                  changed={a.key in view.assumptions}
                  unit={unitLabel(a, currency)}
                  onChange={(v, replace) => set(a.key, v, replace)}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
      <div className="border-t border-tremor-border p-4 dark:border-dark-tremor-border">
        <button
          type="button"
          disabled={changed === 0}
          onClick={() => setView({ assumptions: {} })}
          className={`${headerButtonClass} disabled:opacity-50`}
          data-testid="assumptions-reset"
        >
          Reset assumptions to defaults
        </button>
      </div>
    </aside>
  );
}

/** Typed as shown: a share shown as 95% is typed as 95 (the view keeps the fraction, 0.95). */
function shownValue(spec: AssumptionSpec, v: number): string {
  return String(Number((v * assumptionInputScale(spec.unit)).toPrecision(12)));
}

/** The value to keep for what was typed, or null when it is not a valid one. */
function storedValue(spec: AssumptionSpec, text: string): number | null {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? null : validAssumption(spec.key, n / assumptionInputScale(spec.unit));
}

function AssumptionField({
  spec,
  value,
  changed,
  unit,
  onChange,
}: {
  spec: AssumptionSpec;
  value: number;
  changed: boolean;
  unit: string;
  /** `replace`: a later key stroke of the same edit (one history entry per edit, not per key). */
  onChange: (v: number, replace: boolean) => void;
}) {
  const scale = assumptionInputScale(spec.unit);
  const shown = (v: number) => shownValue(spec, v);
  // The text being typed: it may be invalid for a moment ('', '0.') without losing it.
  const [draft, setDraft] = useState(shown(value));
  const [invalid, setInvalid] = useState(false);
  const editing = useRef(false);
  // The value changed elsewhere (reset, Back, a saved view): show it.
  useEffect(() => {
    setDraft((d) => (storedValue(spec, d) === value ? d : shownValue(spec, value)));
    setInvalid(false);
  }, [value, spec]);

  const bounds = assumptionBounds(spec);
  const [min, max] = [bounds.min * scale, bounds.max * scale];
  const id = `assumption-${spec.key}`;
  return (
    <div data-testid={id} data-changed={changed}>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
          {assumptionLabel(spec.key)}
        </label>
        {changed && (
          <Badge color="amber" size="xs" title={`Default: ${formatAssumption(spec.value, spec.unit, null)}`}>
            changed (default {shown(spec.value)})
          </Badge>
        )}
      </div>
      <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{spec.description}</p>
      <div className="mt-1 flex items-center gap-2">
        <NumberInput
          id={id}
          className="max-w-[10rem]"
          value={draft}
          min={min}
          max={max}
          step={STEP[spec.unit] ?? 1}
          error={invalid}
          errorMessage={invalid ? `A number from ${min} to ${max}` : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            const v = storedValue(spec, text);
            setInvalid(v === null);
            if (v !== null) {
              onChange(v, editing.current);
              editing.current = true;
            }
          }}
          onFocus={() => (editing.current = false)}
          aria-describedby={`${id}-unit`}
        />
        <span id={`${id}-unit`} className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          {unit}
        </span>
      </div>
    </div>
  );
}
