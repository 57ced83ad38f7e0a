import { describe, expect, it } from 'vitest';
import { roundAxisTop } from '../../src/app/components/charts/scale';

// The chart library draws 5 ticks over a fixed 0..top axis (top / 4 apart): the tops below are
// worked by hand so every tick is a round value.
describe('roundAxisTop (axis ticks at 6.5 / 13.0 / 19.5%)', () => {
  it('ends a rate axis so its quarter is a round step', () => {
    // 26%: quarters of 6.5% were the bug; 6% × 4 = 24% is too short, 8% × 4 = 32%: 0, 8, 16, 24, 32%
    expect(roundAxisTop([0.26, 0.1])).toBeCloseTo(0.32, 12);
    // 24% exactly: 6% steps, 0, 6, 12, 18, 24%
    expect(roundAxisTop([0.24])).toBeCloseTo(0.24, 12);
    // 2.13%: 0.6% steps (0.5% × 4 = 2% is too short)
    expect(roundAxisTop([0.0213])).toBeCloseTo(0.024, 12);
  });

  it('gives counts whole steps and days round ones', () => {
    expect(roundAxisTop([3, 1])).toBe(4); // 0, 1, 2, 3, 4 (not 0.8 steps)
    expect(roundAxisTop([14.2, 6])).toBe(16); // days: 0, 4, 8, 12, 16
    expect(roundAxisTop([1373])).toBe(1600); // 0, 400, 800, 1200, 1600
    expect(roundAxisTop([40])).toBe(40); // 0, 10, 20, 30, 40
  });

  it("leaves the axis to the library when there is nothing positive or a value is negative", () => {
    expect(roundAxisTop([])).toBeUndefined();
    expect(roundAxisTop([0, null])).toBeUndefined();
    expect(roundAxisTop([5, -1])).toBeUndefined();
  });

  it('every step it picks is one the library keeps: 1, 2, 3, 4, 5, 6 or 8 × a power of ten', () => {
    for (let max = 0.001; max < 5000; max *= 1.37) {
      const top = roundAxisTop([max])!;
      expect(top).toBeGreaterThanOrEqual(max * (1 - 1e-12));
      const step = top / 4;
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
      expect([1, 2, 3, 4, 5, 6, 8]).toContain(mantissa);
      expect(top / max).toBeLessThan(2); // never more than twice the largest bar
    }
  });
});
