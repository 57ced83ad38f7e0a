import { median } from './stats';
import type { SideResult, SizeResult } from './types';

/** Cells of results.md, shared by its sections. */

export const fmt = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
};
export const med = (xs: readonly number[] | undefined): number | null => (xs && xs.length ? median(xs) : null);
export const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b <= 0 ? '—' : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);
export const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en-US'));

export function nativeBy(s: SizeResult, oneThread: boolean): SideResult | undefined {
  return s.native.find((n) => (n.side === 'native 1T') === oneThread);
}
