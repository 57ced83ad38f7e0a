import { describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/runner/model-header';
import { readQuerySources } from '../../src/runner/query-files-node';
import { drillParams } from '../../src/app/drill/drill-model';
import { csvNoteLine } from '../../src/export/csv';
import {
  CUSTOMER_PAGE_SIZE,
  CUSTOMER_THRESHOLDS,
  PERSONAL_DATA_NOTE,
  SIGNAL_THRESHOLDS,
  customerPageCount,
  effectiveThreshold,
  readCustomerOrder,
  readCustomerPage,
  readSegment,
  readSignalRows,
  readSignalRule,
  readThreshold,
  signalNeeds,
  thresholdParams,
  thresholdWhere,
  topCustomerParams,
  withCustomerOrder,
  withCustomerPage,
  withSegment,
  withSignalRows,
  withSignalRule,
  withThreshold,
} from '../../src/app/panels/customers/customer-params';
import { canonicalView, parseView, serializeView } from '../../src/app/view/view-url';
import { DEFAULT_VIEW } from '../../src/app/view/view-url';

const sources = readQuerySources();
const header = (model: string) => parseHeader(model, sources[model]!);
const spec = (key: string) => [...CUSTOMER_THRESHOLDS, ...SIGNAL_THRESHOLDS].find((s) => s.key === key)!;

describe('customer and signal thresholds in the URL', () => {
  it('have the models’ own defaults and names', () => {
    for (const [model, specs] of [
      ['customer_returns', CUSTOMER_THRESHOLDS],
      ['customer_return_distribution', CUSTOMER_THRESHOLDS],
      ['abuse_signal_summary', SIGNAL_THRESHOLDS],
      ['abuse_signals', SIGNAL_THRESHOLDS],
      ['abuse_cases', SIGNAL_THRESHOLDS],
    ] as const) {
      const params = header(model).params;
      for (const s of specs) expect(Number(params.find((p) => p.name === s.key)?.defaultValue), `${model}.${s.key}`).toBe(s.defaultValue);
    }
  });

  it('ignore invalid values and leave defaults out', () => {
    const rate = spec('serial_rate_low');
    expect(readThreshold({ serial_rate_low: '0.6' }, rate)).toBe(0.6);
    expect(readThreshold({ serial_rate_low: '2' }, rate)).toBeNull();
    expect(readThreshold({ serial_rate_low: 'x' }, rate)).toBeNull();
    expect(readThreshold({ min_orders: '2.5' }, spec('min_orders'))).toBeNull();
    expect(withThreshold({ a: '1' }, rate, '0.5')).toEqual({ a: '1' });
    expect(withThreshold({ a: '1' }, rate, ' 0.7 ')).toEqual({ a: '1', serial_rate_low: '0.7' });
    expect(withThreshold({ serial_rate_low: '0.7', cust_page: '2' }, rate, '')).toEqual({});
    expect(effectiveThreshold({}, rate)).toBe(0.5);
    expect(thresholdParams({ serial_rate_low: '0.7', min_orders: '5', x: '1' }, CUSTOMER_THRESHOLDS)).toEqual({ serial_rate_low: 0.7 });
    expect(thresholdWhere({ wardrobe_min_returns: '4' }, SIGNAL_THRESHOLDS)).toEqual({ wardrobe_min_returns: '4' });
  });

  it('pass through to the abuse drill with the rule or signal', () => {
    const where = { signal: 'bracketing|O1|G1', ...thresholdWhere({ bracketing_min_variants: '3' }, SIGNAL_THRESHOLDS) };
    expect(drillParams(header('abuse_cases'), { channel: ['web'], dim: 'x' }, where)).toEqual({
      params: { channel: ['web'], signal: 'bracketing|O1|G1', bracketing_min_variants: '3' },
      ignored: [],
    });
  });
});

describe('top customers: order, segment, paging', () => {
  it('become customer_returns parameters', () => {
    expect(topCustomerParams({})).toEqual({ sort: 'refund_amount', desc: true, limit: CUSTOMER_PAGE_SIZE, offset: 0 });
    expect(topCustomerParams({ cust_order: 'net_revenue', cust_page: '2', segment: 'serial returner', min_orders: '3' })).toEqual({
      min_orders: 3,
      segment: 'serial returner',
      sort: 'net_revenue',
      desc: false,
      limit: 25,
      offset: 50,
    });
    const accepted = new Set(header('customer_returns').params.map((p) => p.name));
    for (const k of Object.keys(topCustomerParams({ cust_order: 'rate_low', segment: 'regular', serial_rate_low: '0.4' }))) expect(accepted.has(k), k).toBe(true);
  });

  it('read invalid values as defaults and reset the page on changes', () => {
    expect(readCustomerOrder({ cust_order: 'nope' })).toBe('refund_amount');
    expect(readCustomerPage({ cust_page: '-1' })).toBe(0);
    expect(readSegment({ segment: 'vip' })).toBeNull();
    expect(withCustomerOrder({ cust_page: '3' }, 'rate_low')).toEqual({ cust_order: 'rate_low' });
    expect(withCustomerOrder({ cust_order: 'rate_low' }, 'refund_amount')).toEqual({});
    expect(withSegment({ cust_page: '1' }, 'regular')).toEqual({ segment: 'regular' });
    expect(withSegment({ segment: 'regular' }, 'regular')).toEqual({});
    expect(withCustomerPage({ cust_page: '1' }, 0)).toEqual({});
    expect(customerPageCount(51)).toBe(3);
    expect(customerPageCount(null)).toBe(1);
  });
});

describe('signals page parameters', () => {
  it('toggle the rule and grow the list', () => {
    expect(withSignalRule({ sig_rows: '100' }, 'wardrobing')).toEqual({ rule: 'wardrobing' });
    expect(withSignalRule({ rule: 'wardrobing' }, 'wardrobing')).toEqual({});
    expect(withSignalRule({}, 'shared_address_payment')).toEqual({});
    expect(readSignalRule({ rule: 'bogus' })).toBeNull();
    expect(readSignalRows({ sig_rows: '70' })).toBe(100);
    expect(withSignalRows({}, 50)).toEqual({});
    expect(signalNeeds('ok')).toBeNull();
    expect(signalNeeds('needs address column')).toBe('address column');
  });
});

describe('the personal data note', () => {
  it('survives the URL with an abuse drill and leads the CSV export', () => {
    const view = { ...DEFAULT_VIEW, page: 'signals' as const, drill: { kind: 'abuse' as const, where: { rule: 'bracketing' }, title: 'x', note: PERSONAL_DATA_NOTE } };
    const back = parseView(serializeView(view));
    expect(back.drill).toEqual(canonicalView(view).drill);
    expect(back.drill?.note).toBe(PERSONAL_DATA_NOTE);
    expect(csvNoteLine(PERSONAL_DATA_NOTE)).toBe(`"${PERSONAL_DATA_NOTE}"\n`);
    expect(csvNoteLine('say "hi"\nthere')).toBe('"say ""hi"" there"\n');
    expect(csvNoteLine(undefined)).toBeNull();
  });
});
