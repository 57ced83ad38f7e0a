import { describe, expect, it } from 'vitest';
import { rejectedParams, readRejected } from '../../src/app/panels/data/data-params';
import { readCostDim } from '../../src/app/panels/cost/cost-params';
import { CUSTOMER_THRESHOLDS, SIGNAL_THRESHOLDS, thresholdParams, topCustomerParams } from '../../src/app/panels/customers/customer-params';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answeredAhead, answeredByKeptFirstScreen, filteredPageWanted, presetsWanted } from '../../src/app/view/answered-ahead';
import { PAGES } from '../../src/app/view/types';
import { FIRST_SCREEN_BY_PAGE, PAGES_ANSWERED_AHEAD, PAGES_FILTERED_AHEAD, type ModelRequest } from '../../src/runner/first-screen';

/**
 * Which links the build's answers cover (src/app/view/answered-ahead.ts decides from the URL
 * whether the page starts DuckDB at once), and the per-page lists of src/runner/first-screen.ts
 * against the page code's own parameter helpers (test/e2e/first-screen.e2e.ts opens every page).
 */
describe('answeredAhead', () => {
  it("every page's default view, with or without a data set reference", () => {
    for (const p of PAGES) {
      expect(answeredAhead(`?page=${p}`), p).toBe(true);
      expect(answeredAhead(`?page=${p}&data=demo~demo`), p).toBe(true);
    }
    expect(answeredAhead(''), 'the bare URL is the Overview').toBe(true);
    expect(answeredAhead('?page=nosuchpage')).toBe(false);
  });

  it('the Overview filtered to one value of one indexed dimension', () => {
    for (const link of ['?channel=web', '?region=FR', '?category=shoes', '?supplier=Pacific+Footwear', '?page=overview&carrier=SwiftPost', '?data=demo~demo&channel=web']) {
      expect(answeredAhead(link), link).toBe(true);
    }
  });

  it('the Overview on one date preset (its answers come in a chunk of their own)', () => {
    for (const link of ['?preset=last_90', '?page=overview&preset=ytd', '?data=demo~demo&preset=last_year']) {
      expect(answeredAhead(link), link).toBe(true);
      expect(presetsWanted(link), link).toBe(true);
    }
    expect(presetsWanted('?channel=web'), 'no preset: the chunk is not fetched').toBe(false);
    expect(presetsWanted('?page=cost&preset=last_90')).toBe(false);
  });

  it('another page filtered to one value of one indexed dimension (a chunk per page)', () => {
    for (const page of PAGES_FILTERED_AHEAD) {
      for (const link of [`?page=${page}&channel=web`, `?page=${page}&carrier=SwiftPost&data=demo~demo`]) {
        expect(answeredAhead(link), link).toBe(true);
        expect(filteredPageWanted(link), link).toBe(page);
        expect(presetsWanted(link), link).toBe(false);
      }
    }
    expect(filteredPageWanted('?channel=web'), 'the Overview has its indexes in the first chunk').toBeNull();
    expect(filteredPageWanted('?page=cost'), 'a default view is in the first chunk').toBeNull();
    expect(filteredPageWanted('?page=cost&sku=APP-0001'), 'not an indexed dimension').toBeNull();
  });

  it('names a chunk for every page answered filtered (src/app/session/demo-answers.ts)', () => {
    const text = readFileSync(path.resolve(__dirname, '../../src/app/session/demo-answers.ts'), 'utf8');
    const named = [...text.matchAll(/import\('virtual:demo-filters-([a-z]+)'\)/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...PAGES_FILTERED_AHEAD].sort());
  });

  it('with data kept here, only the Overview default view is answered by its kept first screen', () => {
    for (const link of ['', '?page=overview', '?data=shop~a1b2c3']) expect(answeredByKeptFirstScreen(link), link).toBe(true);
    for (const link of ['?channel=web', '?preset=last_90', '?page=products', '?page=products&category=shoes', '?drill=returns']) {
      expect(answeredByKeptFirstScreen(link), link).toBe(false);
    }
  });

  it('anything else needs DuckDB', () => {
    for (const link of [
      '?channel=web&channel=app', // two values: no index holds them together
      '?channel=web&region=FR', // two dimensions
      '?channel=', // no value
      '?page=cost&channel=web&channel=app', // two values on another page
      '?page=data&channel=web', // the Data page takes no filters: not answered filtered
      '?page=products&category=shoes&sel=sku:APP-0001', // a filter and a selection
      '?sku=APP-0001', // not an indexed dimension
      '?reason=defective',
      '?sel=sku:APP-0001',
      '?date_from=2024-01-01',
      '?preset=last_90&channel=web', // a preset and a filter
      '?page=cost&preset=last_90', // only the Overview's presets are answered ahead
      '?preset=last_7', // not a preset
      '?preset=last_90&preset=ytd',
      '?drill=returns',
      '?page=cost&cost_dim=sku',
      '?page=overview&page=cost',
    ]) {
      expect(answeredAhead(link), link).toBe(false);
    }
  });
});

describe('FIRST_SCREEN_BY_PAGE', () => {
  const has = (page: string, [model, params]: ModelRequest) =>
    FIRST_SCREEN_BY_PAGE[page]!.some(([m, p]) => m === model && JSON.stringify(p) === JSON.stringify(params));

  it('lists every page, and every page is answered ahead', () => {
    expect(Object.keys(FIRST_SCREEN_BY_PAGE).sort()).toEqual([...PAGES].sort());
    expect([...PAGES_ANSWERED_AHEAD].sort()).toEqual([...PAGES].sort());
  });

  it("holds the parameters the pages' own helpers give for a URL with no page parameters", () => {
    expect(has('cost', ['cost_of_returns', { dim: readCostDim({}) }])).toBe(true);
    expect(has('customers', ['customer_returns', topCustomerParams({})])).toBe(true);
    for (const dim of ['rate', 'segment']) expect(has('customers', ['customer_return_distribution', { ...thresholdParams({}, CUSTOMER_THRESHOLDS), dim }])).toBe(true);
    expect(has('signals', ['abuse_signals', thresholdParams({}, SIGNAL_THRESHOLDS)])).toBe(true);
    expect(has('data', ['rejected_rows', rejectedParams(readRejected({}))])).toBe(true);
  });
});
