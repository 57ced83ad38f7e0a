import { describe, expect, it } from 'vitest';
import { capacityProblem, estimateLoad, LOAD_BUDGET_BYTES } from '../src/loader/browser-capacity';
import { cleanError, OUT_OF_MEMORY_MESSAGE } from '../src/engine/browser-errors';

const MB = 1024 ** 2;

describe('browser capacity', () => {
  it('lets the 1M-line benchmark batch through (157 MB of CSV, measured to load)', () => {
    const files = [
      { name: 'order_lines.csv', size: 64.6 * MB },
      { name: 'shipments.csv', size: 51.8 * MB },
      { name: 'returns.csv', size: 34.5 * MB },
      { name: 'reviews.csv', size: 6.5 * MB },
      { name: 'products.csv', size: 0.16 * MB },
    ];
    expect(capacityProblem(files)).toBeNull();
    // 157 MB × 4 ≈ 0.61 GB at the peak (measured: 711 MB of wasm heap for 162 MB of CSV)
    expect(estimateLoad(files).peakBytes / 1024 ** 3).toBeCloseTo(0.61, 1);
  });

  it('lets the 5M-line batch through (measured: loaded on the Data page) and refuses 6M (over the budget; not tried)', () => {
    const fiveM = [
      { name: 'order_lines.csv', size: 323_162_007 },
      { name: 'shipments.csv', size: 283_050_965 },
      { name: 'returns.csv', size: 171_308_457 },
      { name: 'reviews.csv', size: 32_561_447 },
      { name: 'products.csv', size: 162_993 },
    ];
    expect(estimateLoad(fiveM).fits).toBe(true);
    expect(estimateLoad(fiveM.map((f) => ({ ...f, size: f.size * 1.2 }))).fits).toBe(false);
  });

  it('refuses the 10M-line batch with the limit and the way out named', () => {
    const files = [
      { name: 'order_lines.csv', size: 646 * MB },
      { name: 'returns.csv', size: 345 * MB },
      { name: 'shipments.csv', size: 518 * MB },
    ];
    const msg = capacityProblem(files, 'en-US')!;
    expect(msg).toContain('too large for this page');
    expect(msg).toContain('4 GB');
    expect(msg).toContain('--engine native');
    expect(msg).toContain('current data is unchanged');
    expect(msg).toMatch(/about 5\.6M order lines/);
  });

  it('counts Parquet as the CSV it holds (4.5× smaller)', () => {
    // 200 MB of Parquet ≈ 900 MB of CSV ≈ 3.5 GB at the peak: over the 3.25 GB budget
    expect(estimateLoad([{ name: 'order_lines.parquet', size: 200 * MB }]).fits).toBe(false);
    // The generator's 2M order lines as Parquet (70 MB; their CSV, 315 MB, loads): loaded on the Data page
    expect(estimateLoad([{ name: 'all-2m.parquet', size: 70 * MB }]).fits).toBe(true);
    expect(estimateLoad([{ name: 'x.parquet', size: LOAD_BUDGET_BYTES / 4 / 4.5 + 1 }]).fits).toBe(false);
    expect(estimateLoad([{ name: 'order_lines.csv', size: 100 * MB }]).fits).toBe(true);
    expect(estimateLoad([{ name: 'x.csv', size: LOAD_BUDGET_BYTES / 4 }]).fits).toBe(true);
    expect(estimateLoad([{ name: 'x.csv', size: LOAD_BUDGET_BYTES / 4 + 1 }]).fits).toBe(false);
  });

  it('counts the data already loaded twice: it stays while the batch loads and is copied aside at the swap', () => {
    const batch = [{ name: 'order_lines.csv', size: 200 * MB }]; // 0.78 GB at the peak alone
    expect(estimateLoad(batch).fits).toBe(true);
    expect(estimateLoad(batch, 0.5 * 1024 ** 3).peakBytes / 1024 ** 3).toBeCloseTo((200 * 4) / 1024 + 1, 5);
    expect(estimateLoad(batch, 1.2 * 1024 ** 3).fits).toBe(true); // 0.78 + 2.4 < 3.25 GB
    expect(estimateLoad(batch, 1.3 * 1024 ** 3).fits).toBe(false); // 0.78 + 2.6 > 3.25 GB
  });

  it('turns the engine running out of memory into a message a user can act on', () => {
    expect(cleanError(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)')).message).toBe(OUT_OF_MEMORY_MESSAGE);
    expect(cleanError(new Error('RuntimeError: memory access out of bounds')).message).toBe(OUT_OF_MEMORY_MESSAGE);
    expect(cleanError(new Error('Binder Error: column x not found')).message).toBe('Binder Error: column x not found');
  });
});
