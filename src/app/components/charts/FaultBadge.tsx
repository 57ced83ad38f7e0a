import { Badge } from '@tremor/react';
import { humanize } from '../../labels';

// Who is at fault for a reason (reason_taxonomy.fault), each with its own colour everywhere.
const FAULT_COLORS: Record<string, string> = {
  supplier: 'violet',
  merchant: 'cyan',
  carrier: 'amber',
  customer: 'gray',
  unknown: 'slate',
};

export function faultColor(fault: unknown): string {
  return (typeof fault === 'string' && FAULT_COLORS[fault]) || 'slate';
}

export function FaultBadge({ fault }: { fault: unknown }) {
  return (
    <Badge size="xs" color={faultColor(fault)} title="Who is at fault for this reason (reason taxonomy)">
      {humanize(fault)}
    </Badge>
  );
}
