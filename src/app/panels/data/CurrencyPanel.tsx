import { useEffect, useState } from 'react';
import { normalizeCurrencySettings, type CurrencySettings } from '../../../data-model/currency';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { inputClass } from '../policy/PolicyForm';

const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';
const NO_FILTERS = {};
const lines = (n: number) => `${formatCount(n)} order ${n === 1 ? 'line' : 'lines'}`;

/**
 * The data's money settings: the reporting currency every money figure is in (by default the
 * most common currency of the order lines) and a rate for each other currency of the data.
 * Lines in a currency without a rate are left out of money figures (derive.sql). The settings
 * are kept like the assumptions (in the URL, applied to the runner by the shell); the counts
 * come from kpis over all the data.
 */
export function CurrencyPanel({ runner, view, setView, dataVersion }: PageProps) {
  const kpis = useModel(runner, 'kpis', NO_FILTERS, dataVersion);
  const settings = view.currency ?? {};
  const set = (next: CurrencySettings, replace: boolean) => setView({ currency: normalizeCurrencySettings(next) ?? undefined }, { replace });
  return (
    <ModelPanel title="Currency" subtitle="Money figures are in one currency; other currencies need a rate" state={kpis} testId="panel-currency">
      {(rows) => {
        const k = rows[0];
        const reporting = typeof k?.currency === 'string' ? k.currency : null;
        const excluded = typeof k?.money_currencies_excluded === 'string' ? k.money_currencies_excluded.split(', ') : [];
        const others = [...new Set([...excluded, ...Object.keys(settings.rates ?? {})])].filter((c) => c !== reporting).sort();
        const choices = [...new Set([...(reporting ? [reporting] : []), ...others])].sort();
        if (choices.length === 0) return <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">The data names no currency.</p>;
        return (
          <div className="space-y-4">
            <label className={`${labelClass} w-64`}>
              Reporting currency
              <select
                className={inputClass}
                value={settings.reporting ?? ''}
                onChange={(e) => set({ ...settings, reporting: e.target.value || null }, false)}
                data-testid="currency-reporting"
              >
                <option value="">Most common in the data{!settings.reporting && reporting ? ` (${reporting})` : ''}</option>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            {others.length > 0 && (
              <div className="flex flex-wrap gap-4">
                {others.map((c) => (
                  <RateInput
                    key={c}
                    code={c}
                    reporting={reporting ?? '?'}
                    value={settings.rates?.[c]}
                    onChange={(rate) => {
                      const { [c]: _, ...rest } = settings.rates ?? {};
                      set({ ...settings, rates: rate === null ? rest : { ...rest, [c]: rate } }, true);
                    }}
                  />
                ))}
              </div>
            )}
            <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="currency-summary">
              {typeof k?.money_lines_excluded === 'number' && k.money_lines_excluded > 0
                ? `${lines(k.money_lines_excluded)} in ${excluded.join(', ')} ${k.money_lines_excluded === 1 ? 'is' : 'are'} left out of money figures (still counted in orders, units and return rates): enter a rate or choose another reporting currency.`
                : `Every money figure is in ${reporting ?? 'one currency'}${typeof k?.money_lines_converted === 'number' && k.money_lines_converted > 0 ? `; ${lines(k.money_lines_converted)} converted at the rates given` : ''}.`}
            </p>
          </div>
        );
      }}
    </ModelPanel>
  );
}

/** One rate: what one unit of `code` is worth in the reporting currency. Keeps its text while typing. */
function RateInput({ code, reporting, value, onChange }: { code: string; reporting: string; value: number | undefined; onChange: (rate: number | null) => void }) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => setDraft((d) => (Number(d) === value || (d === '' && value === undefined) ? d : value === undefined ? '' : String(value))), [value]);
  const n = Number(draft);
  const invalid = draft.trim() !== '' && !(Number.isFinite(n) && n > 0);
  return (
    <label className={labelClass}>
      1 {code} = … {reporting}
      <input
        type="text"
        inputMode="decimal"
        className={`${inputClass} w-32 ${invalid ? 'border-red-500' : ''}`}
        value={draft}
        placeholder="no rate"
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = e.target.value.trim();
          const rate = Number(v);
          if (v === '') onChange(null);
          else if (Number.isFinite(rate) && rate > 0) onChange(rate);
        }}
        data-testid={`currency-rate-${code}`}
      />
      {invalid && <span className="text-red-600 dark:text-red-400">A number above 0</span>}
    </label>
  );
}
