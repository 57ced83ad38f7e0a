import { describe, expect, it } from 'vitest';
import { carriesSettings, settingsOf, withKeptSettings } from '../../src/app/storage/kept-settings';
import { parseView } from '../../src/app/view/view-url';

/**
 * The settings kept with a data set and the URL (src/app/storage/kept-settings.ts): a link with
 * settings of its own keeps them; a link without any gets those kept with its data set.
 */
const kept = { assumptions: { handling_cost_per_return: 6 }, currency: { reporting: 'USD', rates: { EUR: 1.1 } } };

describe('settings kept with a data set', () => {
  it('fill a link that carries none, keeping its page, filters and data set', () => {
    const next = withKeptSettings('?page=cost&channel=web&data=Shop%20Q3~abc123', kept);
    expect(next).not.toBeNull();
    const view = parseView(next!);
    expect(view.page).toBe('cost');
    expect(view.filters.channel).toEqual(['web']);
    expect(view.dataSet).toEqual({ name: 'Shop Q3', fingerprint: 'abc123' });
    expect(settingsOf(view)).toEqual(kept);
  });

  it('give way to a link with settings of its own: an assumption, a currency or a rate', () => {
    for (const search of ['?a.handling_cost_per_return=9', '?cur=GBP', '?rate.USD=0.9&page=cost']) {
      expect(carriesSettings(search), search).toBe(true);
      expect(withKeptSettings(search, kept), search).toBeNull();
    }
  });

  it('change nothing when none are kept or they are the defaults', () => {
    expect(withKeptSettings('?page=cost', null)).toBeNull();
    expect(withKeptSettings('?page=cost', { assumptions: {} })).toBeNull();
    // A default value is no setting: the URL does not carry it, and the link stays as it was.
    expect(withKeptSettings('?page=cost', { assumptions: { handling_cost_per_return: 4.5 } })).toBeNull();
    expect(carriesSettings('?page=cost&data=Demo%20data~demo')).toBe(false);
  });

  it('are what the view carries, without a currency when it sets none', () => {
    expect(settingsOf(parseView('?a.return_window_days=45'))).toEqual({ assumptions: { return_window_days: 45 } });
    expect(settingsOf(parseView('?cur=usd'))).toEqual({ assumptions: {}, currency: { reporting: 'USD' } });
  });
});
