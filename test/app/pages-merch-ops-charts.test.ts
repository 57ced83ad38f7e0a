import { describe, expect, it } from 'vitest';
import { formatDay, formatStars } from '../../src/app/components/charts/format-more';
import { intervalGeometry, niceMax, toPercentOfScale } from '../../src/app/components/charts/scale';
import { parseTopTerms } from '../../src/app/components/charts/top-terms';

describe('niceMax', () => {
  it('rounds the largest value up to 1, 2, 2.5 or 5 × a power of ten', () => {
    expect(niceMax([0.42, 0.1])).toBe(0.5);
    expect(niceMax([0.74])).toBe(1);
    expect(niceMax([0.21])).toBe(0.25);
    expect(niceMax([0.12])).toBe(0.2);
    expect(niceMax([7.4])).toBe(10);
    expect(niceMax([3])).toBe(5);
    expect(niceMax([1373])).toBe(2000);
  });
  it('keeps an exact nice value despite binary noise', () => {
    expect(niceMax([0.1 + 0.2])).toBe(0.5); // 0.30000000000000004 → 0.5, not 1
    expect(niceMax([0.5])).toBe(0.5);
    expect(niceMax([0.25])).toBe(0.25);
  });
  it('ignores missing values and gives 1 when nothing is positive', () => {
    expect(niceMax([null, undefined, 'x', NaN, 0.3])).toBe(0.5);
    expect(niceMax([])).toBe(1);
    expect(niceMax([0, 0])).toBe(1);
    expect(niceMax([null])).toBe(1);
  });
});

describe('toPercentOfScale', () => {
  it('places a value on a 0..max axis, clamped', () => {
    expect(toPercentOfScale(0.25, 0.5)).toBe(50);
    expect(toPercentOfScale(0.75, 0.5)).toBe(100);
    expect(toPercentOfScale(-1, 0.5)).toBe(0);
  });
  it('is null for non-numbers and a degenerate scale', () => {
    expect(toPercentOfScale(null, 1)).toBeNull();
    expect(toPercentOfScale('0.2', 1)).toBeNull();
    expect(toPercentOfScale(0.2, 0)).toBeNull();
  });
});

describe('intervalGeometry', () => {
  it('gives the interval span, the rate and the baseline in percent of the scale', () => {
    const g = intervalGeometry(0.4, 0.3, 0.5, 0.2, 1);
    expect(g.interval!.left).toBeCloseTo(30);
    expect(g.interval!.width).toBeCloseTo(20);
    expect(g.rate).toBeCloseTo(40);
    expect(g.baseline).toBeCloseTo(20);
  });
  it('draws no interval when an end is missing, and orders a reversed pair', () => {
    expect(intervalGeometry(0.4, null, 0.5, null, 1).interval).toBeNull();
    expect(intervalGeometry(0.4, null, 0.5, null, 1).baseline).toBeNull();
    const g = intervalGeometry(0.4, 0.5, 0.3, 0.2, 1);
    expect(g.interval!.left).toBeCloseTo(30);
    expect(g.interval!.width).toBeCloseTo(20);
  });
  it('clamps an interval running past the scale', () => {
    const g = intervalGeometry(0.9, 0.6, 1.4, 0.2, 1);
    expect(g.interval!.left).toBeCloseTo(60);
    expect(g.interval!.width).toBeCloseTo(40);
  });
});

describe('parseTopTerms', () => {
  it('splits the model text into terms with their counts', () => {
    expect(parseTopTerms('runs small (5), broke (2)')).toEqual([
      { term: 'runs small', count: 5 },
      { term: 'broke', count: 2 },
    ]);
    expect(parseTopTerms('cheap material (3), runs small (3), runs large (2)')).toHaveLength(3);
    expect(parseTopTerms('not as pictured (12)')).toEqual([{ term: 'not as pictured', count: 12 }]);
  });
  it('gives nothing for empty or missing text', () => {
    expect(parseTopTerms(null)).toEqual([]);
    expect(parseTopTerms('')).toEqual([]);
    expect(parseTopTerms('  ')).toEqual([]);
  });
  it('keeps unparseable text as one term without a count', () => {
    expect(parseTopTerms('something odd')).toEqual([{ term: 'something odd', count: null }]);
    expect(parseTopTerms('broke (2), weird')).toEqual([
      { term: 'broke', count: 2 },
      { term: 'weird', count: null },
    ]);
  });
});

describe('formatStars and formatDay', () => {
  it('formats a mean rating with one decimal', () => {
    expect(formatStars(2.1666, 'en-US')).toBe('2.2 ★');
    expect(formatStars(4, 'de-DE')).toBe('4,0 ★');
    expect(formatStars(null)).toBe('—');
  });
  it('formats a Date or an ISO day as a UTC calendar day', () => {
    expect(formatDay(new Date(Date.UTC(2025, 2, 12, 23, 30)), 'en-GB')).toBe('12 Mar 2025');
    expect(formatDay('2025-03-12T10:00:00', 'en-GB')).toBe('12 Mar 2025');
    expect(formatDay('yesterday')).toBe('—');
    expect(formatDay(null)).toBe('—');
  });
});
