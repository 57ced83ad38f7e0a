import type { Row } from '../engine/types';
import type { ModelResult } from '../runner/runner';

/**
 * What a panel is given to render. `stale` marks a result kept on screen while the query for
 * new filters runs, so the page does not flash empty on every filter change.
 */
export type ModelState =
  | { status: 'loading' }
  | { status: 'ok'; rows: Row[]; stale: boolean }
  | { status: 'needs_columns'; missing: string[]; stale: boolean }
  | { status: 'error'; message: string; stale: boolean };

export function fromResult(result: ModelResult): ModelState {
  return result.status === 'ok'
    ? { status: 'ok', rows: result.rows, stale: false }
    : { status: 'needs_columns', missing: result.missing, stale: false };
}

export function fromError(e: unknown): ModelState {
  return { status: 'error', message: e instanceof Error ? e.message : String(e), stale: false };
}

export function markStale(state: ModelState): ModelState {
  return state.status === 'loading' ? state : { ...state, stale: true };
}
