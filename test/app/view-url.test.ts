import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS } from '../../src/data-model/assumptions';
import { DEFAULT_VIEW, canonicalView, parseView, patchView, sameView, serializeView } from '../../src/app/view/view-url';
import type { ViewState } from '../../src/app/view/types';

const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

// Canonical states: what a user can reach. parse(serialize(x)) must give each back exactly.
const STATES: ViewState[] = [
  DEFAULT_VIEW,
  view({ page: 'carriers' }),
  view({ page: 'sql', params: { model: 'kpis' } }),
  view({ filters: { date_from: '2024-02-01', date_to: '2024-02-29' } }),
  view({ filters: { date_to: '2025-12-31' } }),
  view({ datePreset: 'last_30' }),
  view({ datePreset: 'qtd', filters: { channel: ['web', 'app'] } }),
  view({ filters: { channel: ['marketplace'], region: ['DE', 'AT'], category: ['Home & Garden'], supplier: ['S=1'], carrier: ['DHL'] } }),
  view({ filters: { sku: ['A&B', 'C=D', 'E?F#G'], reason: ['size_too_small'] } }),
  view({ selection: { dim: 'sku', value: 'APP-0022' } }),
  view({ selection: { dim: 'supplier', value: 'a:b:c' } }),
  view({ selection: { dim: 'reason', value: '100% wool & "more" / ü €' } }),
  view({ params: { grain: 'week', change_date: '2025-01-01', sku_dim: 'category' } }),
  view({ params: { text: 'spaces and + plus & amp = eq # hash %25' } }),
  view({ assumptions: { handling_cost_per_return: 6, return_window_days: 45 } }),
  view({ assumptions: { recovery_rate_liquidate: 0.1, restocking_fee_pct: 12.5, sla_days_request_refund: 0.5 } }),
  view({ drill: { kind: 'returns', where: {}, title: 'Returns behind the refund total' } }),
  view({ drill: { kind: 'returns', where: { reason: 'defective', sku: 'X&Y' }, title: 'Defective: 12 returns' } }),
  view({ drill: { kind: 'leakage', where: { rule: 'refund_above_price' }, title: '' } }),
  view({ drill: { kind: 'lines', where: {}, title: 'a=b&c' } }),
  view({ drill: { kind: 'returns', where: { accepted_only: 'true' }, title: 'Refunds', sort: { column: 'refund_amount', desc: true }, page: 2 } }),
  view({ drill: { kind: 'lines', where: {}, title: '', sort: { column: 'order_date', desc: false }, pageSize: 500 } }),
  view({ drill: { kind: 'leakage', where: {}, title: 't', page: 41, pageSize: 100 } }),
  {
    page: 'policy',
    filters: { date_from: '2024-01-01', channel: ['web'], carrier: ['UPS', 'DPD'] },
    datePreset: null,
    selection: { dim: 'carrier', value: 'UPS' },
    params: { change_date: '2024-06-01', window_days: '14' },
    assumptions: { handling_cost_per_return: 0, inspection_cost_per_return: 2.75 },
    drill: { kind: 'returns', where: { carrier: 'UPS' }, title: 'UPS returns ✓' },
  },
];

describe('the view in the URL', () => {
  it('the default view is a bare URL', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('');
    expect(parseView('')).toEqual(DEFAULT_VIEW);
    expect(parseView('?')).toEqual(DEFAULT_VIEW);
  });

  it.each(STATES.map((s, i) => [i, s] as const))('round-trips state %i exactly', (_i, state) => {
    expect(canonicalView(state)).toEqual(state); // the fixtures are canonical
    const url = serializeView(state);
    expect(parseView(url)).toEqual(state);
    // And through a real URL (what the address bar and links do to the string).
    const href = new URL(`http://localhost/app/${url}`);
    expect(parseView(href.search)).toEqual(state);
    expect(serializeView(parseView(url))).toBe(url);
  });

  it('writes each part under its documented name, defaults omitted', () => {
    expect(serializeView(view({ page: 'carriers', datePreset: 'last_90', selection: { dim: 'sku', value: 'A-1' } }))).toBe(
      '?page=carriers&preset=last_90&sel=sku%3AA-1',
    );
    expect(serializeView(view({ params: { grain: 'week' }, assumptions: { handling_cost_per_return: 6 } }))).toBe(
      '?p.grain=week&a.handling_cost_per_return=6',
    );
    expect(serializeView(view({ drill: { kind: 'returns', where: { reason: 'defective' }, title: 'title' } }))).toBe(
      '?drill=returns&dw.reason=defective&dt=title',
    );
    expect(
      serializeView(view({ drill: { kind: 'returns', where: {}, title: 't', sort: { column: 'refund_amount', desc: true }, page: 2, pageSize: 100 } })),
    ).toBe('?drill=returns&dt=t&ds=-refund_amount&dp=3&dz=100');
    expect(serializeView(view({ drill: { kind: 'lines', where: {}, title: '', sort: { column: 'sku', desc: false } } }))).toBe('?drill=lines&ds=sku');
    // The first page and the default page size are the drill's defaults: not written.
    expect(serializeView(view({ drill: { kind: 'lines', where: {}, title: '', page: 0, pageSize: 50 } }))).toBe('?drill=lines');
    // An assumption at its default is not a change.
    expect(serializeView(view({ assumptions: { handling_cost_per_return: 4.5 } }))).toBe('');
  });

  it('serializes equal views to equal URLs (canonical order)', () => {
    const a = parseView('?dw.z=1&drill=returns&dw.a=2&p.b=1&p.a=2&sel=sku:X&channel=web&page=cost&a.return_window_days=20&a.handling_cost_per_return=5');
    const b = parseView('?a.handling_cost_per_return=5&page=cost&channel=web&p.a=2&a.return_window_days=20&p.b=1&sel=sku:X&drill=returns&dw.a=2&dw.z=1');
    expect(serializeView(a)).toBe(serializeView(b));
    expect(serializeView(a)).toBe(
      '?page=cost&channel=web&sel=sku%3AX&p.a=2&p.b=1&a.handling_cost_per_return=5&a.return_window_days=20&drill=returns&dw.a=2&dw.z=1',
    );
    expect(sameView(a, b)).toBe(true);
  });

  it('ignores invalid values instead of failing', () => {
    const v = parseView(
      '?page=nope&preset=last_7&date_from=2025-02-30&date_to=yesterday&channel=&sel=color:red&a.unknown=3&a.handling_cost_per_return=abc' +
        '&a.return_window_days=-5&a.recovery_rate_restock=1.5&a.restocking_fee_pct=Infinity&drill=everything&dw.reason=x&dt=t&p.=x&p.bad%20name=1&p.ok=',
    );
    expect(v).toEqual(DEFAULT_VIEW);
    expect(parseView('?sel=sku')).toEqual(DEFAULT_VIEW); // no colon
    expect(parseView('?sel=sku:')).toEqual(DEFAULT_VIEW); // empty value
    expect(parseView('?sel=:x')).toEqual(DEFAULT_VIEW);
    expect(parseView('?%E0%A4%A=1&page=%')).toEqual(DEFAULT_VIEW); // malformed escapes
    expect(parseView('?p.__proto__=x&p.constructor=y').params).toEqual({ constructor: 'y' });
  });

  // Regression: `2025-02-31` in a URL date reached DuckDB as a conversion error (the checks used
  // Date.parse, which rolls it over to 3 March). URL values are now checked like the runner
  // checks them (runner/param-check.ts) and an invalid one is dropped like any invalid part:
  // the page opens without it (the model's default, or no date filter).
  it.each(['2025-02-31', '2025-13-01', '2025-02-29', '2025-04-31', '2025-00-10', '0000-01-01', '2025-1-01'])(
    'drops %s wherever the URL holds a date: filters, page parameters, drill filters',
    (bad) => {
      expect(parseView(`?date_from=${bad}&date_to=${bad}`)).toEqual(DEFAULT_VIEW);
      expect(parseView(`?page=policy&p.change_date=${bad}&p.window_days=14`)).toEqual(view({ page: 'policy', params: { window_days: '14' } }));
      expect(parseView(`?drill=returns&dw.date_from=${bad}&dw.reason=defective&dt=t`)).toEqual(
        view({ drill: { kind: 'returns', where: { reason: 'defective' }, title: 't' } }),
      );
    },
  );

  it('keeps real calendar days, leap days included', () => {
    expect(parseView('?date_from=2024-02-29&date_to=2025-12-31').filters).toEqual({ date_from: '2024-02-29', date_to: '2025-12-31' });
    expect(parseView('?p.change_date=2000-02-29').params).toEqual({ change_date: '2000-02-29' });
    expect(parseView('?drill=lines&dw.date_to=2024-12-31').drill?.where).toEqual({ date_to: '2024-12-31' });
  });

  it('drops values a model header does not allow (enums, numbers, true/false), keeps the page\'s own parameters', () => {
    expect(parseView('?p.grain=year&p.window_days=abc&p.paid_returns=yes&p.segment=nobody').params).toEqual({});
    expect(parseView('?p.grain=week&p.window_days=14&p.paid_returns=true&p.segment=serial%20returner').params).toEqual({
      grain: 'week',
      paid_returns: 'true',
      segment: 'serial returner',
      window_days: '14',
    });
    // A name two models declare with different enums (leakage rules, abuse rules): either's values.
    expect(parseView('?p.rule=bracketing').params).toEqual({ rule: 'bracketing' });
    expect(parseView('?drill=leakage&dw.rule=refund_above_price').drill?.where).toEqual({ rule: 'refund_above_price' });
    expect(parseView('?drill=leakage&dw.rule=made_up').drill?.where).toEqual({});
    // Names no model declares belong to the page (its own readers check them).
    expect(parseView('?p.sku_dim=category&p.cust_page=3').params).toEqual({ cust_page: '3', sku_dim: 'category' });
  });

  it('drops an invalid drill order, page or page size, and keeps the drill', () => {
    const drill = { kind: 'returns', where: {}, title: '' } as const;
    expect(parseView('?drill=returns&ds=bad%20name&dp=0&dz=77')).toEqual(view({ drill }));
    expect(parseView('?drill=returns&ds=-&dp=-2&dz=abc')).toEqual(view({ drill }));
    expect(parseView('?drill=returns&dp=2.5&dz=50')).toEqual(view({ drill }));
    expect(parseView('?drill=returns&dp=1')).toEqual(view({ drill }));
    // Without a drill they mean nothing.
    expect(parseView('?ds=sku&dp=3&dz=100')).toEqual(DEFAULT_VIEW);
  });

  it('new filters, dates or selection send an open drill back to its first page, keeping its order', () => {
    const drill = { kind: 'returns', where: {}, title: 't', sort: { column: 'sku', desc: false }, page: 4, pageSize: 100 } as const;
    const open = view({ filters: { channel: ['web'] }, drill });
    const firstPage = { kind: 'returns', where: {}, title: 't', sort: { column: 'sku', desc: false }, pageSize: 100 };
    expect(patchView(open, { filters: { channel: ['app'] } }).drill).toEqual(firstPage);
    expect(patchView(open, { datePreset: 'last_30' }).drill).toEqual(firstPage);
    expect(patchView(open, { selection: { dim: 'sku', value: 'A' } }).drill).toEqual(firstPage);
    // The same filters again, another page of the app, or a change of the drill itself: the page stays.
    expect(patchView(open, { filters: { channel: ['web'] } }).drill).toEqual(drill);
    expect(patchView(open, { assumptions: { handling_cost_per_return: 6 } }).drill).toEqual(drill);
    expect(patchView(open, { filters: {}, drill: { ...drill, page: 2 } }).drill).toEqual({ ...drill, page: 2 });
    expect(patchView(view({}), { filters: { channel: ['app'] } })).toEqual(view({ filters: { channel: ['app'] } }));
  });

  it('keeps valid parts next to invalid ones', () => {
    expect(parseView('?page=cost&preset=bad&channel=web&channel=web&channel=app&a.return_window_days=abc&a.handling_cost_per_return=7')).toEqual(
      view({ page: 'cost', filters: { channel: ['web', 'app'] }, assumptions: { handling_cost_per_return: 7 } }),
    );
  });

  it('a preset replaces custom dates', () => {
    expect(parseView('?preset=ytd&date_from=2024-01-01&date_to=2024-03-01')).toEqual(view({ datePreset: 'ytd' }));
    expect(serializeView(view({ datePreset: 'ytd', filters: { date_from: '2024-01-01', channel: ['web'] } }))).toBe('?preset=ytd&channel=web');
  });

  it('the first of repeated single values wins', () => {
    expect(parseView('?page=cost&page=data&p.grain=week&p.grain=month&a.return_window_days=10&a.return_window_days=20').page).toBe('cost');
    expect(parseView('?p.grain=week&p.grain=month').params).toEqual({ grain: 'week' });
    expect(parseView('?a.return_window_days=10&a.return_window_days=20').assumptions).toEqual({ return_window_days: 10 });
  });

  it('accepts every known assumption and writes numbers that read back identically', () => {
    for (const a of ASSUMPTIONS) {
      const value = a.unit === 'share of unit cost' ? 0.123456789 : a.unit === '%' ? 33.3 : 7.25;
      const v = view({ assumptions: { [a.key]: value } });
      expect(parseView(serializeView(v)).assumptions).toEqual({ [a.key]: value });
    }
    expect(parseView('?a.handling_cost_per_return=1e1').assumptions).toEqual({ handling_cost_per_return: 10 });
  });
});

describe('round trip of generated views', () => {
  // A small seeded generator (mulberry32): the same 500 views on every run.
  let seed = 20250101;
  const rand = () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ODD = ['a', 'Z', '0', ' ', '&', '=', '?', '#', '%', '+', ':', '/', '.', ',', ';', '"', "'", '<', '>', 'ü', '€', '中', '😀', '\t', '~', '*', '%20'];
  const text = () => Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(ODD)).join('');
  const name = () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(['a', 'b', 'z', '_', '1', 'X'])).join('');
  const day = () => `20${pick(['23', '24', '25'])}-${pick(['01', '02', '06', '12'])}-${pick(['01', '15', '28'])}`;
  const maybe = (p: number) => rand() < p;
  const uniq = (xs: string[]) => [...new Set(xs)];

  function randomView(): ViewState {
    const preset = maybe(0.3) ? pick(['last_30', 'last_90', 'qtd', 'ytd'] as const) : null;
    const filters: ViewState['filters'] = {};
    if (!preset && maybe(0.4)) filters.date_from = day();
    if (!preset && maybe(0.4)) filters.date_to = day();
    for (const f of ['channel', 'region', 'category', 'supplier', 'carrier', 'sku', 'reason'] as const) {
      if (maybe(0.25)) filters[f] = uniq(Array.from({ length: 1 + Math.floor(rand() * 3) }, text));
    }
    const params: Record<string, string> = {};
    if (maybe(0.4)) for (let i = 0; i < 3; i++) params[name()] = text();
    const assumptions: Record<string, number> = {};
    for (const a of ASSUMPTIONS) if (maybe(0.15)) assumptions[a.key] = a.unit === 'share of unit cost' ? Math.round(rand() * 1000) / 1000 : Math.round(rand() * 5000) / 100;
    const where: Record<string, string> = {};
    if (maybe(0.5)) where[name()] = text();
    return canonicalView({
      page: pick(['overview', 'products', 'reasons', 'suppliers', 'carriers', 'turnaround', 'cost', 'leakage', 'policy', 'data', 'sql'] as const),
      filters,
      datePreset: preset,
      selection: maybe(0.4) ? { dim: pick(['sku', 'category', 'supplier', 'carrier', 'region', 'channel', 'reason'] as const), value: text() } : null,
      params,
      assumptions,
      drill: maybe(0.3)
        ? {
            kind: pick(['returns', 'lines', 'leakage'] as const),
            where,
            title: maybe(0.7) ? text() : '',
            ...(maybe(0.4) ? { sort: { column: name(), desc: maybe(0.5) } } : {}),
            ...(maybe(0.4) ? { page: Math.floor(rand() * 30) } : {}),
            ...(maybe(0.4) ? { pageSize: pick([50, 100, 500]) } : {}),
          }
        : null,
    });
  }

  it('parse(serialize(x)) == x and serialize is stable, for 500 views', () => {
    for (let i = 0; i < 500; i++) {
      const v = randomView();
      const url = serializeView(v);
      expect(parseView(url)).toEqual(v);
      expect(parseView(new URL(`http://h/${url}`).search)).toEqual(v);
      expect(serializeView(parseView(url))).toBe(url);
    }
  });
});
