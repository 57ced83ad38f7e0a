import { describe, expect, it } from 'vitest';
import { SAVED_VIEWS_KEY, addSavedView, parseSavedViews, readSavedViews, removeSavedView, writeSavedViews } from '../../src/app/view/saved-views';

const NOW = new Date('2025-01-02T03:04:05Z');

describe('saved views', () => {
  it('saves the canonical URL under a name, newest first, replacing the same name', () => {
    let list = addSavedView([], '  Web  returns ', '?channel=web&page=overview', NOW);
    expect(list).toEqual([{ name: 'Web returns', search: '?channel=web', savedAt: NOW.toISOString() }]);
    list = addSavedView(list, 'Carriers', '?page=carriers', NOW);
    list = addSavedView(list, 'web RETURNS', '?channel=app', NOW);
    expect(list.map((v) => [v.name, v.search])).toEqual([
      ['web RETURNS', '?channel=app'],
      ['Carriers', '?page=carriers'],
    ]);
    expect(addSavedView(list, '   ', '?x', NOW)).toBe(list);
    expect(removeSavedView(list, 'Carriers').map((v) => v.name)).toEqual(['web RETURNS']);
  });

  it('reads back what it stored and skips damaged entries', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const list = addSavedView([], 'A', '?preset=last_30&sel=sku:X', NOW);
    expect(writeSavedViews(list, storage)).toBe(true);
    expect(store.has(SAVED_VIEWS_KEY)).toBe(true);
    expect(readSavedViews(storage)).toEqual(list);

    expect(parseSavedViews('not json')).toEqual([]);
    expect(parseSavedViews('{"a":1}')).toEqual([]);
    expect(parseSavedViews(JSON.stringify([null, 1, { name: 2 }, { name: 'ok', search: '?page=bogus&channel=web' }, { name: 'OK', search: '' }]))).toEqual([
      { name: 'ok', search: '?channel=web', savedAt: '' },
    ]);
  });

  it('survives a browser that refuses storage', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(readSavedViews(broken)).toEqual([]);
    expect(writeSavedViews([], broken)).toBe(false);
  });
});
