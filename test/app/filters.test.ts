import { describe, expect, it } from 'vitest';
import { filtersToParams, filtersToSearch, parseFilters, sameFilters } from '../../src/app/filters';
import { LIST_SEPARATOR } from '../../src/runner/runner';

describe('filters in the URL', () => {
  it('reads dates and lists, ignoring invalid and unknown values', () => {
    expect(parseFilters('?date_from=2025-01-01&date_to=2025-13-40&channel=web&channel=app&channel=web&page=x')).toEqual({
      date_from: '2025-01-01',
      channel: ['web', 'app'],
    });
    expect(parseFilters('')).toEqual({});
    expect(parseFilters('?channel=&date_from=yesterday')).toEqual({});
  });

  it('omits defaults and keeps parameters that are not filters', () => {
    expect(filtersToSearch({})).toBe('');
    expect(filtersToSearch({ date_from: undefined, channel: [] }, '?page=skus')).toBe('?page=skus');
    expect(filtersToSearch({ channel: ['web', 'app'], date_to: '2025-03-31' }, '?page=skus&channel=old')).toBe(
      '?page=skus&date_to=2025-03-31&channel=web&channel=app',
    );
  });

  it('round-trips through the URL', () => {
    const f = { date_from: '2024-02-01', date_to: '2024-02-29', channel: ['marketplace'], sku: ['A&B', 'C=D'] };
    expect(parseFilters(filtersToSearch(f))).toEqual(f);
    expect(sameFilters(f, parseFilters(filtersToSearch(f)))).toBe(true);
    expect(sameFilters(f, { ...f, channel: ['web'] })).toBe(false);
  });

  it('gives runner parameters only for set filters', () => {
    expect(filtersToParams({ date_from: '2025-01-01', channel: [], region: ['north'] })).toEqual({
      date_from: '2025-01-01',
      region: ['north'],
    });
    // The runner joins lists with this separator; the app must not pre-join them.
    expect(LIST_SEPARATOR).toBe('\u001f');
  });
});
