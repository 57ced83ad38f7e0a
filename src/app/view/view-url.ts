import { ASSUMPTIONS, DEFAULT_ASSUMPTIONS, type AssumptionSpec } from '../../data-model/assumptions';
import { normalizeCurrencySettings } from '../../data-model/currency';
import { FILTER_PARAMS } from '../../runner/model-header';
import { supportedLocale } from '../format';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../drill/drill-model';
import type { Filters } from '../filters';
import { isCompareChoice, isDatePreset, isIsoDay } from './date-presets';
import { PAGES, SELECT_DIMS, type DataSetRef, type DrillTarget, type PageId, type SelectDim, type ViewPatch, type ViewState } from './types';
import { acceptedUrlValue } from './url-values';

/**
 * The whole view in the URL's query string, and back. The URL is the one source of the view:
 * copying it reproduces the view exactly, Back/Forward walk through views, a saved view is
 * its query string. Defaults are omitted (the default view is a bare URL) and anything
 * invalid is ignored, never fatal: a hand-edited or outdated link still opens. Values bound
 * to models are checked as the runner checks them (runner/param-check.ts): a date that is not
 * a calendar day (2025-02-31, 2025-13-01) or a value no model's header allows is dropped like
 * any other invalid part, and the view shows what it would without it.
 *
 *   page=carriers                         the page (omitted: overview)
 *   preset=last_30                        a relative date range (then no date_from/date_to)
 *   date_from=2025-01-01 date_to=…        a custom order-date range
 *   channel=web&channel=app …             list filters, one parameter per value
 *   sel=sku:ABC-1                         the cross-filter selection (dimension:value)
 *   p.grain=week                          page parameters of models
 *   a.handling_cost_per_return=6          edited assumptions (numbers, known keys only)
 *   cur=EUR&rate.USD=0.92                 the reporting currency and rates (data settings, like assumptions)
 *   drill=returns&dw.reason=defective&dt=Defective%20returns
 *                                         the open drill-down: kind, its filters, its title
 *   do=sku&dn=…                           the drill's panel dimension, and its note (personal data)
 *   ds=-refund_amount&dp=3&dz=100         the drill table's order (leading '-': descending), its
 *                                         page (1-based) and rows per page; omitted at the defaults
 *   basis=refund                          money figures dated by the refund (cash), not the order (cohort)
 *   cmp=prev | cmp=yoy                    compare with the previous period / the same period last year
 *   pack=finance                          the printable finance pack (Overview, Cost, Leakage, Policy)
 *   data=Shop%20Q3~a1b2c3                 the kept data set the view was made on: its name, '~', and
 *                                         a fingerprint of its content (which identifies it); omitted
 *                                         on the demo data
 *   loc=de-DE                             the locale of dates and figures (omitted: the browser's)
 *
 * Parameters are written in that order, page params and drill filters sorted by name, so
 * equal views give equal URLs.
 */

export const DEFAULT_VIEW: ViewState = {
  page: 'overview',
  filters: {},
  datePreset: null,
  selection: null,
  params: {},
  assumptions: {},
  drill: null,
};

const DATE_FILTERS = ['date_from', 'date_to'] as const;
const LIST_FILTERS = FILTER_PARAMS.filter((f) => f !== 'date_from' && f !== 'date_to');
const DRILL_KINDS: readonly DrillTarget['kind'][] = ['returns', 'lines', 'leakage', 'abuse'];
/** Names of page parameters, drill filters and drill sort columns: model parameter / column names. */
const NAME = /^[A-Za-z0-9_]+$/;

export function isPageId(v: unknown): v is PageId {
  return typeof v === 'string' && (PAGES as readonly string[]).includes(v);
}

export function isSelectDim(v: unknown): v is SelectDim {
  return typeof v === 'string' && (SELECT_DIMS as readonly string[]).includes(v);
}

/** The range an assumption may take, by its unit (a negative cost or a 150 % share is a typo). */
export function assumptionBounds(spec: AssumptionSpec): { min: number; max: number } {
  switch (spec.unit) {
    case '%':
      return { min: 0, max: 100 };
    case 'share of unit cost':
      return { min: 0, max: 1 };
    case 'days':
      return { min: 0, max: 3650 };
    default:
      return { min: 0, max: 1e9 };
  }
}

const SPECS = new Map(ASSUMPTIONS.map((a) => [a.key, a]));

/** A valid value for a known assumption, or null (unknown key, not a number, out of range). */
export function validAssumption(key: string, value: unknown): number | null {
  const spec = SPECS.get(key);
  if (!spec) return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return null;
  const { min, max } = assumptionBounds(spec);
  return n >= min && n <= max ? n : null;
}

/**
 * Only the assumptions that differ from their default, with valid values, in the order of
 * ASSUMPTIONS (so equal edits compare equal).
 */
export function normalizeAssumptions(values: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of ASSUMPTIONS) {
    if (!Object.prototype.hasOwnProperty.call(values, a.key)) continue;
    const v = validAssumption(a.key, values[a.key]);
    if (v !== null && v !== DEFAULT_ASSUMPTIONS[a.key]) out[a.key] = v;
  }
  return out;
}

function normalizeFilters(filters: Filters, withDates: boolean): Filters {
  const out: Record<string, string | string[]> = {};
  if (withDates) {
    for (const f of DATE_FILTERS) {
      const v = filters[f];
      if (isIsoDay(v)) out[f] = v;
    }
  }
  for (const f of LIST_FILTERS) {
    const values = [...new Set((filters[f] ?? []).filter((v) => typeof v === 'string' && v !== ''))];
    if (values.length > 0) out[f] = values;
  }
  return out as Filters;
}

/** Page parameters or drill filters: valid names with values a model would take, sorted by name. */
function sortedRecord(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort()) {
    const v = rec[k];
    if (NAME.test(k) && k !== '__proto__' && typeof v === 'string' && v !== '' && acceptedUrlValue(k, v)) out[k] = v;
  }
  return out;
}

/**
 * The canonical form of a view: what parsing its URL gives. A date preset replaces the
 * custom dates; empty lists, empty values, unknown names and default assumptions are dropped.
 */
export function canonicalView(view: ViewState): ViewState {
  const datePreset = isDatePreset(view.datePreset) ? view.datePreset : null;
  const sel = view.selection;
  const drill = view.drill;
  return {
    page: isPageId(view.page) ? view.page : 'overview',
    filters: normalizeFilters(view.filters ?? {}, datePreset === null),
    datePreset,
    selection: sel && isSelectDim(sel.dim) && typeof sel.value === 'string' && sel.value !== '' ? { dim: sel.dim, value: sel.value } : null,
    params: sortedRecord(view.params ?? {}),
    assumptions: normalizeAssumptions(view.assumptions ?? {}),
    ...currencyOf(view),
    drill:
      drill && DRILL_KINDS.includes(drill.kind)
        ? {
            kind: drill.kind,
            where: sortedRecord(drill.where ?? {}),
            title: typeof drill.title === 'string' ? drill.title : '',
            ...(drill.ownDim && isSelectDim(drill.ownDim) ? { ownDim: drill.ownDim } : {}),
            ...(typeof drill.note === 'string' && drill.note !== '' ? { note: drill.note } : {}),
            ...drillTable(drill),
          }
        : null,
    ...financeOf(view),
    ...dataSetOf(view.dataSet),
    ...(supportedLocale(view.locale) ? { locale: supportedLocale(view.locale)! } : {}),
  };
}

/** The date basis, comparison and pack, only when set to a valid non-default value. */
function financeOf(view: ViewState): Pick<ViewState, 'basis' | 'compare' | 'pack'> {
  return {
    ...(view.basis === 'refund' ? { basis: 'refund' as const } : {}),
    ...(isCompareChoice(view.compare) ? { compare: view.compare } : {}),
    ...(view.pack === 'finance' ? { pack: 'finance' as const } : {}),
  };
}

/** Six hex digits of the content (stored-data.ts), or 'demo' for the bundled demo data. */
const FINGERPRINT = /^([0-9a-f]{6}|demo)$/;

/** The data set reference, only when there is a valid one (so views without one compare equal). */
function dataSetOf(ref: DataSetRef | undefined): Pick<ViewState, 'dataSet'> {
  return ref && typeof ref.name === 'string' && typeof ref.fingerprint === 'string' && FINGERPRINT.test(ref.fingerprint)
    ? { dataSet: { name: ref.name, fingerprint: ref.fingerprint } }
    : {};
}

/** `name~fingerprint` (the last '~' splits: a name may hold one) as a reference, or undefined. */
export function parseDataSetRef(text: string | null): DataSetRef | undefined {
  const cut = text?.lastIndexOf('~') ?? -1;
  return text && cut >= 0 ? { name: text.slice(0, cut), fingerprint: text.slice(cut + 1) } : undefined;
}

/** The currency settings, only when some are set (so views without them compare equal). */
function currencyOf(view: ViewState): Pick<ViewState, 'currency'> {
  const currency = normalizeCurrencySettings(view.currency);
  return currency ? { currency } : {};
}

/** The drill table's order, page and page size, when valid and not the default. */
function drillTable(drill: DrillTarget): Pick<DrillTarget, 'sort' | 'page' | 'pageSize'> {
  const { sort, page, pageSize } = drill;
  return {
    ...(sort && typeof sort.column === 'string' && NAME.test(sort.column) ? { sort: { column: sort.column, desc: sort.desc === true } } : {}),
    ...(typeof page === 'number' && Number.isInteger(page) && page > 0 ? { page } : {}),
    ...(pageSize !== DEFAULT_PAGE_SIZE && (PAGE_SIZES as readonly unknown[]).includes(pageSize) ? { pageSize } : {}),
  };
}

/**
 * The view after a change. New filters, dates or selection change the rows behind an open
 * drill, so its table goes back to the first page (unless the change sets the drill itself).
 */
export function patchView(current: ViewState, patch: ViewPatch): ViewState {
  const next = { ...current, ...patch };
  const rowsChanged = ['filters', 'datePreset', 'selection', 'basis'].some(
    (k) => k in patch && JSON.stringify(patch[k as keyof ViewPatch]) !== JSON.stringify(current[k as keyof ViewState]),
  );
  if (!next.drill || !rowsChanged || 'drill' in patch) return next;
  const { page: _page, ...drill } = next.drill;
  return { ...next, drill };
}

/** Reads the view from a query string ('?a=b' or 'a=b'); whatever is invalid is left out. */
export function parseView(search: string): ViewState {
  const q = new URLSearchParams(search);
  const filters: Record<string, string | string[]> = {};
  for (const f of DATE_FILTERS) {
    const v = q.get(f);
    if (v !== null) filters[f] = v;
  }
  for (const f of LIST_FILTERS) filters[f] = q.getAll(f);

  let selection: ViewState['selection'] = null;
  const sel = q.get('sel');
  if (sel !== null) {
    const colon = sel.indexOf(':');
    const dim = colon > 0 ? sel.slice(0, colon) : '';
    if (isSelectDim(dim)) selection = { dim, value: sel.slice(colon + 1) };
  }

  // The first value of a repeated name wins (Maps: a name like "constructor" is just a name).
  const params = new Map<string, string>();
  const assumptions = new Map<string, string>();
  const where = new Map<string, string>();
  const rates = new Map<string, string>();
  for (const [k, v] of q) {
    const [map, name] = k.startsWith('p.') ? [params, k.slice(2)] : k.startsWith('a.') ? [assumptions, k.slice(2)] : k.startsWith('dw.') ? [where, k.slice(3)] : k.startsWith('rate.') ? [rates, k.slice(5)] : [null, ''];
    if (map && !map.has(name)) map.set(name, v);
  }

  const kind = q.get('drill');
  const sort = q.get('ds');
  const drill: DrillTarget | null =
    kind !== null && (DRILL_KINDS as readonly string[]).includes(kind)
      ? {
          kind: kind as DrillTarget['kind'],
          where: Object.fromEntries(where),
          title: q.get('dt') ?? '',
          ownDim: (q.get('do') ?? undefined) as SelectDim | undefined,
          note: q.get('dn') ?? undefined,
          ...(sort ? { sort: { column: sort.replace(/^-/, ''), desc: sort.startsWith('-') } } : {}),
          page: Number(q.get('dp') ?? 1) - 1,
          pageSize: Number(q.get('dz') ?? DEFAULT_PAGE_SIZE),
        }
      : null;

  return canonicalView({
    page: (q.get('page') ?? 'overview') as PageId,
    filters: filters as Filters,
    datePreset: q.get('preset'),
    selection,
    params: Object.fromEntries(params),
    assumptions: Object.fromEntries(assumptions) as unknown as Record<string, number>,
    currency: { reporting: q.get('cur') ?? undefined, rates: Object.fromEntries(rates) as unknown as Record<string, number> },
    drill,
    basis: (q.get('basis') ?? undefined) as ViewState['basis'],
    compare: (q.get('cmp') ?? undefined) as ViewState['compare'],
    pack: (q.get('pack') ?? undefined) as ViewState['pack'],
    dataSet: parseDataSetRef(q.get('data')),
    locale: q.get('loc') ?? undefined,
  });
}

/** The view as a query string: '' for the default view, else '?…' (canonical order). */
export function serializeView(view: ViewState): string {
  const v = canonicalView(view);
  const q = new URLSearchParams();
  if (v.page !== 'overview') q.set('page', v.page);
  if (v.datePreset) q.set('preset', v.datePreset);
  for (const f of DATE_FILTERS) {
    const d = v.filters[f];
    if (d) q.set(f, d);
  }
  for (const f of LIST_FILTERS) for (const value of v.filters[f] ?? []) q.append(f, value);
  if (v.selection) q.set('sel', `${v.selection.dim}:${v.selection.value}`);
  for (const [k, value] of Object.entries(v.params)) q.set(`p.${k}`, value);
  for (const [k, value] of Object.entries(v.assumptions)) q.set(`a.${k}`, String(value));
  if (v.currency?.reporting) q.set('cur', v.currency.reporting);
  for (const [k, value] of Object.entries(v.currency?.rates ?? {})) q.set(`rate.${k}`, String(value));
  if (v.drill) {
    q.set('drill', v.drill.kind);
    for (const [k, value] of Object.entries(v.drill.where)) q.set(`dw.${k}`, value);
    if (v.drill.title !== '') q.set('dt', v.drill.title);
    if (v.drill.ownDim) q.set('do', v.drill.ownDim);
    if (v.drill.note) q.set('dn', v.drill.note);
    if (v.drill.sort) q.set('ds', `${v.drill.sort.desc ? '-' : ''}${v.drill.sort.column}`);
    if (v.drill.page) q.set('dp', String(v.drill.page + 1));
    if (v.drill.pageSize) q.set('dz', String(v.drill.pageSize));
  }
  if (v.basis) q.set('basis', v.basis);
  if (v.compare) q.set('cmp', v.compare);
  if (v.pack) q.set('pack', v.pack);
  if (v.dataSet) q.set('data', `${v.dataSet.name}~${v.dataSet.fingerprint}`);
  if (v.locale) q.set('loc', v.locale);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** Two views are the same view when their URLs are. */
export function sameView(a: ViewState, b: ViewState): boolean {
  return serializeView(a) === serializeView(b);
}
