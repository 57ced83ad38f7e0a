/** 'size_too_small' → 'Size too small': display names for canonical codes. */
export function humanize(code: unknown): string {
  if (typeof code !== 'string' || code === '') return '(unknown)';
  if (code.startsWith('(')) return code; // '(unknown)' from the models stays as is
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A code's name from a table of hand-written names, else humanized (a new code still reads well). */
export function labelFrom(labels: Record<string, string>, code: unknown): string {
  return (typeof code === 'string' && Object.prototype.hasOwnProperty.call(labels, code) && labels[code]) || humanize(code);
}

const ASSUMPTION_LABELS: Record<string, string> = {
  handling_cost_per_return: 'Handling per return',
  inspection_cost_per_return: 'Inspection per inspected return',
  restocking_fee_pct: 'Restocking fee charged today',
  return_window_days: 'Return window',
  recovery_rate_restock: 'Recovered when restocked',
  recovery_rate_refurbish: 'Recovered when refurbished',
  recovery_rate_liquidate: 'Recovered when liquidated',
  recovery_rate_return_to_vendor: 'Credited when returned to vendor',
  recovery_rate_dispose: 'Recovered when disposed',
};

/** The name of a business assumption (src/data-model/assumptions.ts) for people, wherever it is shown. */
export function assumptionLabel(key: string): string {
  const sla = /^sla_days_([a-z]+)_([a-z]+)$/.exec(key);
  if (sla) return `SLA: ${sla[1]} → ${sla[2]}`;
  return labelFrom(ASSUMPTION_LABELS, key);
}
