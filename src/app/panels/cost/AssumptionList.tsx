import { Badge } from '@tremor/react';
import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS } from '../../../data-model/assumptions';
import { formatAssumption } from '../../format';
import { assumptionLabel } from '../../labels';

/**
 * The assumptions a money figure rests on, shown beside it: the view's edited values (in the
 * URL) over the defaults of src/data-model/assumptions.ts. Editing happens in the assumptions
 * panel; an edited value is marked.
 */
export function AssumptionList({
  keys,
  edited,
  currency,
  title = 'Assumptions used',
  testId,
}: {
  keys: readonly string[];
  edited: Record<string, number>;
  currency: string | null;
  title?: string;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <h4 className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{title}</h4>
      <dl className="mt-2 space-y-2">
        {keys.map((key) => {
          const spec = ASSUMPTIONS.find((a) => a.key === key);
          const changed = typeof edited[key] === 'number' && edited[key] !== DEFAULT_ASSUMPTIONS[key];
          const value = changed ? edited[key] : DEFAULT_ASSUMPTIONS[key];
          return (
            <div key={key} className="text-tremor-label" title={spec?.description}>
              <dt className="text-tremor-content dark:text-dark-tremor-content">{assumptionLabel(key)}</dt>
              <dd className="flex items-center gap-2 font-medium tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">
                {formatAssumption(value, spec?.unit, currency)}
                {changed && (
                  <Badge size="xs" color="amber" title={`Default: ${formatAssumption(DEFAULT_ASSUMPTIONS[key], spec?.unit, currency)}`}>
                    edited
                  </Badge>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

export const COST_ASSUMPTION_KEYS = ['handling_cost_per_return', 'inspection_cost_per_return'] as const;
export const RECOVERY_ASSUMPTION_KEYS = [
  'recovery_rate_restock',
  'recovery_rate_refurbish',
  'recovery_rate_liquidate',
  'recovery_rate_return_to_vendor',
  'recovery_rate_dispose',
] as const;
