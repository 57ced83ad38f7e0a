import { Card, Title } from '@tremor/react';
import { DEFAULT_ASSUMPTIONS } from '../../../data-model/assumptions';
import { dateInputPattern, formatDate, isoDay } from '../../format';
import { useModel } from '../../use-model';
import type { PageProps } from '../../view/types';
import { middleDate, readPolicy, withPolicyParam, type PolicyKey } from './policy-params';

export const inputClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input';

const labelClass = 'flex flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content';

/**
 * The policy question: when did the policy change, and what if the window, fee or label rule
 * were different. Every input is a URL parameter (view.params). The change date has no default:
 * the data's first and last order dates (kpis) suggest the middle of the range.
 */
export function PolicyForm(props: PageProps) {
  const inputs = readPolicy(props.view.params);
  const range = useModel(props.runner, 'kpis', props.paramsFor(), props.dataVersion);
  const first = range.status === 'ok' ? isoDay(range.rows[0]?.first_order_date) : null;
  // Not past the data's as-of date: an order dated after the load day would put the middle decades ahead.
  const lastOrder = range.status === 'ok' ? isoDay(range.rows[0]?.last_order_date) : null;
  const asOf = range.status === 'ok' ? isoDay(range.rows[0]?.as_of) : null;
  const last = lastOrder && asOf && asOf < lastOrder ? asOf : lastOrder;
  const suggestion = middleDate(first, last);
  const windowDefault = props.view.assumptions.return_window_days ?? DEFAULT_ASSUMPTIONS.return_window_days;
  const set = (key: PolicyKey, raw: string, replace = true) => props.setView({ params: withPolicyParam(props.view.params, key, raw) }, { replace });

  return (
    <Card data-testid="policy-form">
      <Title>Policy change and what-if</Title>
      <div className="mt-4 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
        <div className="space-y-1">
          <label className={labelClass}>
            Policy changed on ({dateInputPattern()})
            <input
              type="date"
              className={inputClass}
              value={inputs.change_date ?? ''}
              min={first ?? undefined}
              max={last ?? undefined}
              onChange={(e) => set('change_date', e.target.value, false)}
              data-testid="policy-change-date"
            />
          </label>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="policy-date-hint">
            {inputs.change_date
              ? 'Orders before this day are compared with orders on or after it.'
              : 'Set the day your returns policy changed to compare orders before and after it.'}
            {!inputs.change_date && suggestion && (
              <>
                {' '}
                The data runs from {formatDate(first)} to {formatDate(last)}; the middle is{' '}
                <button
                  type="button"
                  className="text-tremor-brand underline dark:text-dark-tremor-brand"
                  onClick={() => set('change_date', suggestion, false)}
                  data-testid="policy-use-middle"
                >
                  {formatDate(suggestion)}
                </button>
                .
              </>
            )}
          </p>
        </div>
        <div className="space-y-1">
          <label className={labelClass}>
            What-if return window (days)
            <input
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              className={inputClass}
              value={inputs.window_days === null ? '' : (props.view.params.window_days ?? '')}
              placeholder={`${windowDefault} (assumption)`}
              onChange={(e) => set('window_days', e.target.value)}
              data-testid="policy-window-days"
            />
          </label>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">Empty = the return window assumption.</p>
        </div>
        <div className="space-y-1">
          <label className={labelClass}>
            What-if restocking fee (% of refund)
            <input
              type="number"
              min={0}
              max={100}
              step={0.5}
              inputMode="decimal"
              className={inputClass}
              value={inputs.restocking_fee_pct === null ? '' : (props.view.params.restocking_fee_pct ?? '')}
              placeholder="0"
              onChange={(e) => set('restocking_fee_pct', e.target.value)}
              data-testid="policy-fee"
            />
          </label>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">On refunded customer-fault returns only.</p>
        </div>
        <div className="space-y-1">
          <span className={labelClass}>What-if paid returns</span>
          <label className="flex items-center gap-2 py-1.5 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
            <input
              type="checkbox"
              className="h-4 w-4 rounded border-tremor-border accent-blue-600"
              checked={inputs.paid_returns}
              onChange={(e) => set('paid_returns', e.target.checked ? 'true' : '', false)}
              data-testid="policy-paid-returns"
            />
            Customers pay the return label
          </label>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">Customer-fault returns only.</p>
        </div>
      </div>
    </Card>
  );
}
