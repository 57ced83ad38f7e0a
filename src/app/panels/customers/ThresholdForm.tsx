import { Card, Title } from '@tremor/react';
import type { PageProps } from '../../view/types';
import { inputClass } from '../policy/PolicyForm';
import { effectiveThreshold, withThreshold, type ThresholdSpec } from './customer-params';

const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';

/**
 * The thresholds a page's models take, as page parameters (view.params, so in the URL). Empty
 * means the model's default, shown as the placeholder; the value in effect is always visible.
 */
export function ThresholdForm({
  page,
  specs,
  title,
  testId,
}: {
  page: PageProps;
  specs: readonly ThresholdSpec[];
  title: string;
  testId: string;
}) {
  const params = page.view.params;
  return (
    <Card data-testid={testId}>
      <Title>{title}</Title>
      <div className="mt-4 grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        {specs.map((s) => (
          <div key={s.key} className="space-y-1">
            <label className={labelClass}>
              {s.label}
              <input
                type="number"
                min={s.min}
                max={s.max}
                step={s.step}
                inputMode={s.integer ? 'numeric' : 'decimal'}
                className={inputClass}
                value={params[s.key] ?? ''}
                placeholder={`${s.defaultValue} (default)`}
                onChange={(e) => page.setView({ params: withThreshold(params, s, e.target.value) }, { replace: true })}
                data-testid={`threshold-${s.key}`}
              />
            </label>
            <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
              {s.hint} In effect: <span className="font-medium tabular-nums">{effectiveThreshold(params, s)}</span>.
            </p>
          </div>
        ))}
      </div>
    </Card>
  );
}
