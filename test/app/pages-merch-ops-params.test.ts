import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, readRateDim, readRowCount, withRateDim, withRowCount } from '../../src/app/panels/products/products-params';
import { stageLabel, stageShort } from '../../src/app/panels/turnaround/stages';

describe('products page params', () => {
  it('reads the ranking dimension, defaulting to sku', () => {
    expect(readRateDim({})).toBe('sku');
    expect(readRateDim({ rate_dim: 'supplier' })).toBe('supplier');
    expect(readRateDim({ rate_dim: 'carrier' })).toBe('sku'); // not offered on this page
    expect(readRateDim({ rate_dim: 'nonsense' })).toBe('sku');
  });
  it('omits the default dimension from the params and resets the row count', () => {
    expect(withRateDim({ other: 'x', rate_rows: '50' }, 'sku')).toEqual({ other: 'x' });
    expect(withRateDim({ rate_dim: 'region' }, 'channel')).toEqual({ rate_dim: 'channel' });
  });
  it('reads the number of rows shown in whole pages', () => {
    expect(readRowCount({})).toBe(PAGE_SIZE);
    expect(readRowCount({ rate_rows: '50' })).toBe(50);
    expect(readRowCount({ rate_rows: '51' })).toBe(75);
    expect(readRowCount({ rate_rows: '3' })).toBe(PAGE_SIZE);
    expect(readRowCount({ rate_rows: '-50' })).toBe(PAGE_SIZE);
    expect(readRowCount({ rate_rows: 'lots' })).toBe(PAGE_SIZE);
  });
  it('omits the default row count', () => {
    expect(withRowCount({ rate_dim: 'category' }, 50)).toEqual({ rate_dim: 'category', rate_rows: '50' });
    expect(withRowCount({ rate_rows: '50' }, PAGE_SIZE)).toEqual({});
  });
});

describe('stage labels', () => {
  it('names the five stages of stage_times', () => {
    expect(stageLabel('request_to_approve')).toBe('Request → approval');
    expect(stageShort('request_to_refund')).toBe('End to end');
  });
  it('shows an unknown stage in words, no raw code (issue 16)', () => {
    expect(stageLabel('custom_stage')).toBe('Custom stage');
    expect(stageShort(null)).toBe('—');
  });
});
