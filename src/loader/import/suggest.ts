import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../../data-model/contract';
import { describeDateFormat } from './dates';
import type { Sniff } from './decode';
import { profileColumns, suggestedNullWords, type ColumnProfile } from './profile';
import {
  DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS, MAPPING_VERSION,
  type DecimalSeparator, type MappingSpec, type ThousandsSeparator, type Transform, type ValueSource,
} from './spec';

/**
 * Mapping suggestions for a file nobody described yet: each canonical column gets the source
 * column whose header is a known name for it (synonyms below) AND whose sampled values fit
 * its type; a required column no header names can be found by its values alone when exactly
 * one unclaimed column fits (e.g. the only date column). What the values leave open (a
 * day/month order, a decimal comma) becomes a question: nothing ambiguous is guessed.
 */

/** Known header names per canonical column (compared after normalising: see normalizeName). */
export const SYNONYMS: Record<string, string[]> = {
  order_id: ['order id', 'order', 'order number', 'order no', 'order nr', 'order ref', 'order reference', 'amazon order id', 'invoice', 'invoice no', 'invoice number', 'invoice id', 'sales order number', 'transaction id', 'purchase order'],
  line_id: ['line id', 'line', 'line number', 'line no', 'order line', 'order line id', 'order item id', 'lineitem id', 'line item id', 'item id', 'sales order line number', 'order line number'],
  order_date: ['order date', 'date', 'created at', 'created', 'invoice date', 'purchase date', 'order purchase timestamp', 'ordered at', 'order created at', 'transaction date', 'sale date'],
  sku: ['sku', 'seller sku', 'merchant sku', 'lineitem sku', 'stock code', 'stockcode', 'product code', 'item code', 'article', 'article number', 'article no', 'product key', 'productkey', 'product id', 'product sku', 'variant sku'],
  quantity: ['quantity', 'qty', 'units', 'unit count', 'lineitem quantity', 'order quantity', 'quantity ordered', 'quantity returned', 'return quantity', 'returned quantity', 'qty returned', 'count'],
  unit_price: ['unit price', 'price', 'lineitem price', 'item price', 'sale price', 'selling price', 'price per unit', 'unitprice'],
  currency: ['currency', 'currency code', 'curr'],
  channel: ['channel', 'sales channel', 'source', 'source name', 'marketplace', 'platform'],
  customer_id: ['customer id', 'customer', 'customer key', 'customer number', 'customer no', 'buyer id', 'client id', 'customer unique id'],
  region: ['region', 'country', 'territory', 'territory key', 'shipping country', 'ship country', 'billing country', 'ship to country', 'country code', 'state', 'shipping region', 'market'],
  product_name: ['product name', 'product', 'name', 'title', 'description', 'item name', 'lineitem name', 'product title'],
  category: ['category', 'product category', 'category name', 'product type', 'department'],
  supplier: ['supplier', 'vendor', 'brand', 'manufacturer', 'supplier name', 'seller id', 'seller'],
  unit_cost: ['unit cost', 'cost', 'product cost', 'cost price', 'landed cost', 'cogs'],
  product_group: ['product group', 'parent sku', 'parent', 'style', 'model', 'product model', 'group'],
  size: ['size', 'variant size', 'product size'],
  color: ['color', 'colour', 'variant color', 'product color'],
  return_id: ['return id', 'return', 'return number', 'return no', 'rma', 'rma number', 'rma id', 'license plate number', 'lpn', 'return request id'],
  reason_raw: ['reason', 'return reason', 'reason code', 'return reason code', 'reason for return', 'returnreason'],
  customer_comment: ['customer comments', 'customer comment', 'comment', 'comments', 'customer note', 'note', 'notes', 'return comment'],
  requested_at: ['requested at', 'return request date', 'request date', 'return date', 'return requested', 'return created at', 'date requested', 'returndate'],
  approved_at: ['approved at', 'approval date', 'authorized at', 'authorised at', 'rma date'],
  received_at: ['received at', 'received date', 'return received', 'date received', 'received'],
  inspected_at: ['inspected at', 'inspection date', 'inspected'],
  refunded_at: ['refunded at', 'refund date', 'refund issued', 'date refunded', 'credited at'],
  refund_amount: ['refund amount', 'refunded amount', 'refund', 'amount refunded', 'refund total', 'credit amount'],
  resolution: ['resolution', 'return type', 'outcome', 'refund type'],
  condition: ['condition', 'item condition', 'detailed disposition', 'inspection result', 'grade'],
  disposition: ['disposition', 'restock decision', 'item disposition'],
  recovery_value: ['recovery value', 'recovered value', 'resale value', 'recovery'],
  return_carrier: ['return carrier', 'carrier', 'return shipping carrier'],
  label_cost: ['label cost', 'return label cost', 'shipping label cost', 'return shipping cost', 'return postage'],
  pickup_attempts: ['pickup attempts', 'pickup attempt count', 'attempts'],
  pickup_failed: ['pickup failed', 'failed pickup'],
  carrier: ['carrier', 'shipping carrier', 'shipping method', 'courier', 'shipping company'],
  shipped_at: ['shipped at', 'ship date', 'shipped date', 'fulfilled at', 'dispatch date', 'order delivered carrier date', 'shipped'],
  promised_at: ['promised at', 'promised date', 'estimated delivery date', 'order estimated delivery date', 'delivery promise', 'expected delivery'],
  delivered_at: ['delivered at', 'delivery date', 'delivered date', 'order delivered customer date', 'delivered'],
  status: ['status', 'shipment status', 'delivery status', 'order status'],
  review_id: ['review id', 'review', 'id'],
  rating: ['rating', 'stars', 'star rating', 'score', 'review score'],
  created_at: ['created at', 'review date', 'date', 'review creation date', 'posted at', 'submitted at'],
  title: ['title', 'review title', 'summary', 'headline', 'review comment title'],
  body: ['body', 'review', 'review text', 'text', 'review body', 'content', 'review comment message', 'comment'],
};

/** 'OrderNumber', 'order-number', 'ORDER_NUMBER' → 'order number'. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const tokens = (s: string) => s.split(' ').filter(Boolean);
/** Words too generic to match on alone ("Article No" is not a line number). */
const WEAK = new Set(['no', 'nr', 'num', 'number', 'id', 'code', 'key', 'date', 'at', 'name', 'the', 'of', 'amount', 'value', 'type', 'item', 'order', 'product']);

/** How well a header names a canonical column: 1 = a known name, 0.8 = contains one, less = shares words. */
export function nameScore(header: string, canonical: string, synonyms = SYNONYMS): number {
  const h = normalizeName(header);
  const names = [canonical.replace(/_/g, ' '), ...(synonyms[canonical] ?? [])];
  if (names.includes(h) || names.includes(h.replace(/ /g, ''))) return 1;
  const ht = tokens(h);
  let best = 0;
  for (const n of names) {
    const nt = tokens(n);
    if (nt.length > 1 && ` ${h} `.includes(` ${n} `)) best = Math.max(best, 0.8);
    const common = nt.filter((t) => !WEAK.has(t) && ht.includes(t)).length;
    if (common > 0) best = Math.max(best, (0.6 * common) / Math.max(nt.length, ht.length));
  }
  return best;
}

const ID_COLUMNS = new Set(['order_id', 'line_id', 'sku', 'return_id', 'review_id', 'customer_id']);

/** How well a column's sampled values fit a canonical column's type (0 = they cannot). */
export function valueFit(p: ColumnProfile, col: ColumnSpec): number {
  if (p.kind === 'empty') return 0.3;
  switch (col.type) {
    case 'DATE':
    case 'TIMESTAMP':
      return p.kind === 'date' ? 1 : 0;
    case 'INTEGER':
      return p.number?.whole ? 1 : p.kind === 'number' ? 0.2 : 0;
    case 'DOUBLE':
      return p.number ? 1 : 0;
    case 'BOOLEAN':
      return p.kind === 'boolean' ? 1 : 0;
    default:
      if (ID_COLUMNS.has(col.name)) return p.kind === 'date' || p.kind === 'number' ? 0.1 : 1;
      return p.kind === 'text' || p.kind === 'boolean' ? 1 : 0.5;
  }
}

export interface ColumnSuggestion {
  /** Canonical column. */
  column: string;
  required: boolean;
  /** Suggested source column, or null when nothing fits. */
  source: string | null;
  /** 0..1 */
  score: number;
  why: string;
  /** Other candidates, best first. */
  alternatives: { source: string; score: number }[];
}

export type Question =
  | {
      kind: 'date_format';
      /** The mapping columns the answer fills (target index + canonical column). */
      fills: { target: number; column: string }[];
      source: string;
      /** The formats that read every sampled value (e.g. %d/%m/%Y and %m/%d/%Y). */
      options: string[];
      /** Preselect this one in the UI (documented by a preset), or null. */
      suggested: string | null;
      example: string;
      text: string;
    }
  | {
      kind: 'number_format';
      fills: { target: number; column: string }[];
      source: string;
      options: { decimal: DecimalSeparator; thousands: ThousandsSeparator }[];
      suggested: null;
      example: string;
      text: string;
    };

export interface MappingSuggestion {
  table: CanonicalTable;
  mapping: MappingSpec;
  columns: ColumnSuggestion[];
  /** To answer before the mapping can load (validateMapping refuses it until then). */
  questions: Question[];
  /** Required columns nothing was found for. */
  missingRequired: string[];
  profiles: ColumnProfile[];
}

/** Transform for a source column going to a canonical column, from its profile. */
export function transformFor(p: ColumnProfile, col: ColumnSpec): Transform | undefined {
  if (col.type === 'DATE' || col.type === 'TIMESTAMP') {
    const d = p.date;
    const format = d?.format ?? (d?.ambiguous ? null : d?.best?.format ?? 'iso');
    return { kind: 'date', format };
  }
  if (col.type === 'INTEGER' || col.type === 'DOUBLE') {
    const n = p.number;
    return { kind: 'number', decimal: n?.decimal ?? '.', thousands: n?.thousands ?? '', currency: n?.currency ?? false, sign: 'keep' };
  }
  if (col.type === 'BOOLEAN') return { kind: 'boolean', trueWords: DEFAULT_TRUE_WORDS, falseWords: DEFAULT_FALSE_WORDS };
  return undefined;
}

/** Suggests how a sniffed file fills one canonical table. */
export function suggestMapping(sniff: Sniff, table: CanonicalTable, name = `${table} from file`): MappingSuggestion {
  const profiles = profileColumns(sniff);
  const spec = CONTRACT[table];
  const pairs: { col: ColumnSpec; p: ColumnProfile; score: number; name: number; fit: number }[] = [];
  for (const col of spec.columns) {
    for (const p of profiles) {
      const n = nameScore(p.name, col.name);
      const fit = valueFit(p, col);
      if (n >= 0.3 && fit > 0) pairs.push({ col, p, score: 0.75 * n + 0.25 * fit, name: n, fit });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.p.index - b.p.index);
  const chosen = new Map<string, (typeof pairs)[number]>();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (pair.score < 0.45 || chosen.has(pair.col.name) || used.has(pair.p.index)) continue;
    chosen.set(pair.col.name, pair);
    used.add(pair.p.index);
  }
  // By values alone: a required date column with exactly one unclaimed date column left.
  for (const col of spec.columns) {
    if (!col.required || chosen.has(col.name) || (col.type !== 'DATE' && col.type !== 'TIMESTAMP')) continue;
    const left = profiles.filter((p) => !used.has(p.index) && p.kind === 'date');
    if (left.length === 1) {
      chosen.set(col.name, { col, p: left[0]!, score: 0.4, name: 0, fit: 1 });
      used.add(left[0]!.index);
    }
  }
  const columns: ColumnSuggestion[] = spec.columns.map((col) => {
    const c = chosen.get(col.name);
    const alternatives = pairs
      .filter((x) => x.col.name === col.name && x.p.name !== c?.p.name)
      .slice(0, 3)
      .map((x) => ({ source: x.p.name, score: round(x.score) }));
    if (!c) return { column: col.name, required: col.required, source: null, score: 0, why: 'no column of the file looks like it', alternatives };
    const why = c.name === 0
      ? `the only column left whose values are ${c.p.kind === 'date' ? 'dates' : c.p.kind}`
      : `header "${c.p.name}" ${c.name === 1 ? 'is a known name for' : 'resembles'} ${col.name}; values ${describeKind(c.p)}`;
    return { column: col.name, required: col.required, source: c.p.name, score: round(c.score), why, alternatives };
  });

  const mappingColumns: Record<string, ValueSource> = {};
  const questions: Question[] = [];
  for (const col of spec.columns) {
    const c = chosen.get(col.name);
    if (!c) continue;
    const transform = transformFor(c.p, col);
    mappingColumns[col.name] = transform ? { column: c.p.name, transform } : { column: c.p.name };
    const q = questionFor(c.p, col, 0);
    if (q) questions.push(q);
  }
  const mapping: MappingSpec = {
    version: MAPPING_VERSION,
    name,
    source: {
      encoding: sniff.encoding.encoding,
      delimiter: sniff.delimiter.delimiter,
      quote: sniff.quote,
      skipLines: 0,
      header: true,
      nullValues: suggestedNullWords(profiles),
    },
    targets: [{ table, columns: mappingColumns }],
  };
  // Returns and reviews exports often have no id of their own: one is made of the row's key
  // columns (numbered when a row repeats them), so the same file loaded twice is recognised.
  const idColumn = table === 'returns' ? 'return_id' : table === 'reviews' ? 'review_id' : null;
  if (idColumn && !chosen.has(idColumn)) {
    const parts = ['order_id', 'line_id', 'sku', 'requested_at', 'received_at', 'refunded_at', 'created_at', 'region']
      .map((c) => chosen.get(c)?.p.name)
      .filter((x): x is string => Boolean(x));
    if (parts.length > 0) {
      mappingColumns[idColumn] = { concat: parts, separator: '|', numberRepeats: { within: [] } };
      const i = columns.findIndex((c) => c.column === idColumn);
      columns[i] = { ...columns[i]!, source: null, score: 0.5, why: `no id column: made of ${parts.map((x) => `"${x}"`).join(' + ')} (repeats numbered)` };
      chosen.set(idColumn, { col: spec.columns.find((c) => c.name === idColumn)!, p: chosen.get('sku')?.p ?? profiles[0]!, score: 0.5, name: 0, fit: 1 });
    }
  }
  const missingRequired = spec.columns.filter((c) => c.required && !chosen.has(c.name)).map((c) => c.name);
  return { table, mapping, columns, questions, missingRequired, profiles };
}

/** The question a column's values leave open, if any. */
export function questionFor(p: ColumnProfile, col: ColumnSpec, target: number, suggested: string | null = null): Question | null {
  if ((col.type === 'DATE' || col.type === 'TIMESTAMP') && p.date?.ambiguous) {
    return {
      kind: 'date_format', fills: [{ target, column: col.name }], source: p.name, options: p.date.fits, suggested,
      example: p.date.example ?? '',
      text: `"${p.name}" holds dates like ${p.date.example} that read as ${p.date.fits.map(describeDateFormat).join(' or as ')}: which is it?`,
    };
  }
  if ((col.type === 'INTEGER' || col.type === 'DOUBLE') && p.number?.ambiguous) {
    const opts = [{ decimal: p.number.decimal, thousands: p.number.thousands }, ...p.number.alternatives];
    return {
      kind: 'number_format', fills: [{ target, column: col.name }], source: p.name, options: opts, suggested: null,
      example: p.number.example ?? '',
      text: `"${p.name}" holds numbers like ${p.number.example}: is "${p.number.decimal}" the decimal separator${p.number.thousands ? ` and "${p.number.thousands}" the thousands separator` : ''}?`,
    };
  }
  return null;
}

/**
 * Applies the user's answer: a date format, or a decimal/thousands pair. Returns a new
 * mapping (the input is not changed).
 */
export function answerQuestion(
  mapping: MappingSpec,
  q: Question,
  answer: string | { decimal: DecimalSeparator; thousands: ThousandsSeparator },
): MappingSpec {
  const m: MappingSpec = JSON.parse(JSON.stringify(mapping));
  for (const fill of q.fills) {
    const src = m.targets[fill.target]?.columns[fill.column];
    if (!src || !('column' in src)) throw new Error(`the mapping has no source column for ${fill.column}`);
    if (q.kind === 'date_format') {
      if (typeof answer !== 'string') throw new Error('a date question takes a format');
      const offset = src.transform?.kind === 'date' ? src.transform.offset : undefined;
      src.transform = offset ? { kind: 'date', format: answer, offset } : { kind: 'date', format: answer };
    } else {
      if (typeof answer === 'string') throw new Error('a number question takes {decimal, thousands}');
      const prev = src.transform?.kind === 'number' ? src.transform : null;
      src.transform = { kind: 'number', decimal: answer.decimal, thousands: answer.thousands, currency: prev?.currency ?? false, sign: prev?.sign ?? 'keep' };
    }
  }
  return m;
}

/** Words in a file name that say which table it is ("AdventureWorks_Returns.csv" → returns). */
const TABLE_WORDS: Record<CanonicalTable, RegExp> = {
  order_lines: /order|sale|invoice|transaction/,
  products: /product|catalog|item master|sku list/,
  shipments: /shipment|shipping|deliver|fulfil/,
  returns: /return|refund|rma/,
  reviews: /review|rating/,
};

/**
 * Which canonical tables the file could fill, best first (share of required columns found;
 * a table named in the file name gets a bonus of 0.2).
 */
export function suggestTables(sniff: Sniff, fileName = ''): { table: CanonicalTable; score: number; missingRequired: string[] }[] {
  const base = normalizeName(fileName.replace(/\.[^.]+$/, ''));
  return (Object.keys(CONTRACT) as CanonicalTable[])
    .map((table) => {
      const s = suggestMapping(sniff, table);
      const req = CONTRACT[table].columns.filter((c) => c.required);
      const found = s.columns.filter((c) => c.source !== null || s.mapping.targets[0]!.columns[c.column] !== undefined);
      const named = base !== '' && TABLE_WORDS[table].test(base) ? 0.2 : 0;
      const score = (0.7 * (req.length - s.missingRequired.length)) / req.length + (0.3 * found.length) / CONTRACT[table].columns.length + named;
      return { table, score: round(score), missingRequired: s.missingRequired };
    })
    .sort((a, b) => b.score - a.score);
}

function describeKind(p: ColumnProfile): string {
  switch (p.kind) {
    case 'date':
      return p.date?.format ? `are dates (${describeDateFormat(p.date.format)})` : 'are dates';
    case 'integer':
      return 'are whole numbers';
    case 'number':
      return 'are numbers';
    case 'boolean':
      return 'are yes/no values';
    case 'empty':
      return 'are all empty in the sample';
    default:
      return p.distinct === p.sampled ? 'are distinct texts' : 'are texts';
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
