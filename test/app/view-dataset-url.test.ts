import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseDataSetRef, parseView, serializeView } from '../../src/app/view/view-url';

/** The data set a view was made on, in its URL (data=name~fingerprint; see src/app/storage/use-linked-data-set.ts). */
describe('the data set in the URL', () => {
  it('round-trips a name with spaces and a tilde, split at the last tilde', () => {
    const view = { ...DEFAULT_VIEW, page: 'cost' as const, dataSet: { name: 'Shop ~ Q3', fingerprint: 'a1b2c3' } };
    const search = serializeView(view);
    expect(search).toBe('?page=cost&data=Shop+%7E+Q3%7Ea1b2c3');
    expect(parseView(search).dataSet).toEqual({ name: 'Shop ~ Q3', fingerprint: 'a1b2c3' });
    expect(parseDataSetRef('Amazon DE 2025~5d8ee1')).toEqual({ name: 'Amazon DE 2025', fingerprint: '5d8ee1' });
  });

  it("names the demo as 'demo'", () => {
    expect(parseView('?data=Demo%20data~demo').dataSet).toEqual({ name: 'Demo data', fingerprint: 'demo' });
  });

  it('drops a reference without a valid fingerprint, like any invalid part', () => {
    for (const bad of ['?data=Shop', '?data=Shop~', '?data=Shop~XYZ123', '?data=Shop~a1b2c3d4']) {
      expect(parseView(bad).dataSet).toBeUndefined();
      expect(serializeView(parseView(bad))).toBe('');
    }
  });

  it('leaves a view without a data set as it was (the drill sort keeps ds=)', () => {
    const search = '?drill=returns&ds=-refund_amount';
    expect(parseView(search).dataSet).toBeUndefined();
    expect(serializeView(parseView(search))).toBe(search);
  });
});
