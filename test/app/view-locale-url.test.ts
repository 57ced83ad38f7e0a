import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, serializeView } from '../../src/app/view/view-url';

// The display locale is stored with the view (loc=…), like the currency: a saved view or a
// shared link shows dates and figures the way they were chosen.
describe('view URL: the locale (loc)', () => {
  it('keeps a locale Intl knows, canonical, and writes it back', () => {
    expect(parseView('?loc=de-DE').locale).toBe('de-DE');
    expect(parseView('?loc=en-gb').locale).toBe('en-GB');
    expect(serializeView({ ...DEFAULT_VIEW, page: 'products', locale: 'de-DE' })).toBe('?page=products&loc=de-DE');
  });

  it('drops a value that is no locale, and omits the default (the browser\'s)', () => {
    expect(parseView('?loc=%3Cscript%3E').locale).toBeUndefined();
    expect(parseView('?loc=').locale).toBeUndefined();
    expect(serializeView({ ...DEFAULT_VIEW, locale: undefined })).toBe('');
    expect(serializeView(parseView('?loc=not-a-locale-at-all'))).toBe('');
  });
});
