import { describe, expect, it } from 'vitest';
import { checksumRows, sameResult } from '../src/bench/checksum';

// Browser and native DuckDB must agree on every model's answer, up to how doubles were summed.
describe('bench result checksums', () => {
  const same = async (a: number, b: number) => sameResult(await checksumRows([{ x: a }]), await checksumRows([{ x: b }])).same;

  it('takes what a cancelling subtraction leaves of a zero as zero (7e-10 on one thread, 2.4e-9 on two)', async () => {
    expect(await same(7.485141395591199e-10, 2.3901520762592554e-9)).toBe(true);
    expect(await same(0, -3e-8)).toBe(true);
  });

  it('tolerates the last bits of a sum, and nothing a page could show', async () => {
    expect(await same(47.00915625, 47.00915625000001)).toBe(true);
    expect(await same(0.001, 0.0011)).toBe(false);
    expect(await same(1e-5, 0)).toBe(false);
    expect(await same(1234.5, 1234.6)).toBe(false);
  });
});
