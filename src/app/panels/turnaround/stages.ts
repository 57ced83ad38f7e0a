/** Display names of stage_times.stage, in process order (the model also gives stage_order). */
const STAGES: Record<string, { label: string; short: string }> = {
  request_to_approve: { label: 'Request → approval', short: 'Approve' },
  approve_to_receive: { label: 'Approval → received at warehouse', short: 'Receive' },
  receive_to_inspect: { label: 'Received → inspected', short: 'Inspect' },
  inspect_to_refund: { label: 'Inspected → refunded', short: 'Refund' },
  request_to_refund: { label: 'Request → refund (end to end)', short: 'End to end' },
};

export function stageLabel(stage: unknown): string {
  return (typeof stage === 'string' && STAGES[stage]?.label) || String(stage ?? '—');
}

export function stageShort(stage: unknown): string {
  return (typeof stage === 'string' && STAGES[stage]?.short) || String(stage ?? '—');
}

