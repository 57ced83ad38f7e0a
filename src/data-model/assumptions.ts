/**
 * Business assumptions with their defaults. They live in the `assumptions` table (key, value)
 * so SQL models read them with getassumption-style lookups; the UI edits them and keeps the
 * edited ones in the URL.
 */
export interface AssumptionSpec {
  key: string;
  value: number;
  unit: string;
  description: string;
}

export const ASSUMPTIONS: AssumptionSpec[] = [
  { key: 'handling_cost_per_return', value: 4.5, unit: 'money', description: 'Receiving, sorting and restocking labour per return.' },
  { key: 'inspection_cost_per_return', value: 1.5, unit: 'money', description: 'Inspection labour per return that was inspected.' },
  { key: 'restocking_fee_pct', value: 0, unit: '%', description: 'Restocking fee charged on refunds today (0 = none).' },
  { key: 'return_window_days', value: 30, unit: 'days', description: 'Days after delivery (or order when no delivery date) a return is accepted.' },
  { key: 'recovery_rate_restock', value: 0.95, unit: 'share of unit cost', description: 'Value recovered when an item is restocked.' },
  { key: 'recovery_rate_refurbish', value: 0.6, unit: 'share of unit cost', description: 'Value recovered after refurbishing.' },
  { key: 'recovery_rate_liquidate', value: 0.25, unit: 'share of unit cost', description: 'Value recovered when liquidated.' },
  { key: 'recovery_rate_return_to_vendor', value: 0.9, unit: 'share of unit cost', description: 'Credit from the supplier.' },
  { key: 'recovery_rate_dispose', value: 0, unit: 'share of unit cost', description: 'Disposed items recover nothing.' },
  { key: 'sla_days_request_approve', value: 1, unit: 'days', description: 'Target from request to approval.' },
  { key: 'sla_days_approve_receive', value: 7, unit: 'days', description: 'Target from approval to receipt at the warehouse.' },
  { key: 'sla_days_receive_inspect', value: 2, unit: 'days', description: 'Target from receipt to inspection.' },
  { key: 'sla_days_inspect_refund', value: 2, unit: 'days', description: 'Target from inspection to refund.' },
  { key: 'sla_days_request_refund', value: 14, unit: 'days', description: 'Target from request to refund, end to end.' },
];

export const DEFAULT_ASSUMPTIONS: Record<string, number> = Object.fromEntries(
  ASSUMPTIONS.map((a) => [a.key, a.value]),
);
