import { describe, expect, it } from 'vitest';
import { pageBounds, pageCount, readPageIndex, readShownRows, totalRows, withPageIndex, withShownRows } from '../../src/app/view/paging';

describe('paging in view.params', () => {
  it('reads a zero-based page index; anything else is the first page', () => {
    expect(readPageIndex('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'two']) expect(readPageIndex(bad)).toBe(0);
    expect(withPageIndex({ keep: 'y', p: '4' }, 'p', 2)).toEqual({ keep: 'y', p: '2' });
    expect(withPageIndex({ keep: 'y', p: '4' }, 'p', 0)).toEqual({ keep: 'y' });
  });

  it('counts pages from total_rows and numbers the rows of a page', () => {
    expect(totalRows([{ total_rows: 1234 }, { total_rows: 1234 }])).toBe(1234);
    expect(totalRows([])).toBeNull();
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(null, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
    expect(pageBounds(1, 50, 50)).toEqual({ first: 51, last: 100 });
    expect(pageBounds(2, 50, 1)).toEqual({ first: 101, last: 101 }); // a last page of one row
    expect(pageBounds(0, 50, 0)).toEqual({ first: 0, last: 0 });
  });

  it('"show N more" grows by whole steps, one step left out of the URL', () => {
    expect(readShownRows(undefined, 25)).toBe(25);
    expect(readShownRows('50', 25)).toBe(50);
    expect(readShownRows('51', 25)).toBe(75);
    for (const bad of ['3', '-50', 'lots', '1e400']) expect(readShownRows(bad, 25)).toBe(25);
    expect(withShownRows({ keep: 'y' }, 'rows', 75, 25)).toEqual({ keep: 'y', rows: '75' });
    expect(withShownRows({ rows: '75' }, 'rows', 25, 25)).toEqual({});
  });
});
