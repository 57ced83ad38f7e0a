import { CANDIDATE_DATE_FORMATS, detectDateFormat, describeDateFormat } from './dates';
import type { Sniff } from './decode';
import { detectNumberFormat, profileColumns, suggestedNullWords } from './profile';
import { normalizeName, type Question } from './suggest';
import {
  DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS, MAPPING_VERSION,
  type DateTransform, type ExclusionRule, type MappingSpec, type NumberTransform, type Quote, type RowTest, type TargetSpec, type ValueSource,
} from './spec';

/**
 * Presets: mappings for exports whose shape is known, recognised from the header. Each
 * preset reports a confidence (share of its known columns found, weighted by how distinctive
 * they are); the user can override the choice. A preset builds an ordinary MappingSpec
 * (with `preset` set), so what it does is visible and editable, and can be saved as JSON.
 */

export type PresetId =
  | 'amazon_fba_returns'
  | 'amazon_seller_returns'
  | 'shopify_orders'
  | 'shopify_returns'
  | 'invoice_credit_notes'
  | 'returned_orders_list'
  | 'reviews';

/** Choices a preset leaves to the user. */
export interface PresetOptions {
  /**
   * shopify_orders: turn refunded orders into returns (default true). Set false when a
   * line-level returns file (e.g. Shopify returns) is loaded too, so refunds are not counted twice.
   */
  refundsAsReturns?: boolean;
}

export interface PresetInfo {
  id: PresetId;
  label: string;
  description: string;
}

export interface PresetMatch extends PresetInfo {
  /** 0..1 */
  confidence: number;
  /** Known columns found, by their role (e.g. order_id ← "amazon-order-id"). */
  matched: Record<string, string>;
  /** Roles the preset needs that the file lacks: the preset cannot be used while any is missing. */
  missing: string[];
  usable: boolean;
}

export interface PresetBuild {
  mapping: MappingSpec;
  /** To answer before loading (an ambiguous date order ...). */
  questions: Question[];
  notes: string[];
}

interface Role {
  names: string[];
  weight: number;
  required: boolean;
}

interface PresetDef extends PresetInfo {
  roles: Record<string, Role>;
  /** Extra confidence from the sampled values (0..1 multiplier of the header score). */
  valueBonus?: (s: Sniff, matched: Record<string, string>) => number;
  build: (s: Sniff, matched: Record<string, string>, options: PresetOptions) => PresetBuild;
}

const role = (names: string[], weight: number, required = false): Role => ({ names: names.map(normalizeName), weight, required });

function matchRoles(header: string[], roles: Record<string, Role>): { matched: Record<string, string>; score: number; missing: string[] } {
  const matched: Record<string, string> = {};
  let got = 0;
  let total = 0;
  for (const [key, r] of Object.entries(roles)) {
    total += r.weight;
    const hit = header.find((h) => r.names.includes(normalizeName(h)));
    if (hit !== undefined) {
      matched[key] = hit;
      got += r.weight;
    }
  }
  const missing = Object.entries(roles).filter(([k, r]) => r.required && !matched[k]).map(([k]) => k);
  return { matched, score: total === 0 ? 0 : got / total, missing };
}

const column = (s: Sniff, name: string): string[] => {
  const i = s.header.indexOf(name);
  return i < 0 ? [] : s.rows.map((r) => r[i] ?? '');
};

// ---------------------------------------------------------------------------------------
// Amazon FBA customer returns

/** detailed-disposition → canonical condition. Other codes are kept as exported. */
export const FBA_CONDITION: Record<string, string> = {
  SELLABLE: 'as_new',
  DAMAGED: 'damaged',
  CUSTOMER_DAMAGED: 'damaged',
  CARRIER_DAMAGED: 'damaged',
  DISTRIBUTOR_DAMAGED: 'damaged',
  DEFECTIVE: 'defective',
  EXPIRED: 'expired',
};
/** detailed-disposition → disposition: only sellable units go back to stock. */
export const FBA_DISPOSITION: Record<string, string> = {
  SELLABLE: 'restock',
  DAMAGED: 'dispose',
  CUSTOMER_DAMAGED: 'dispose',
  CARRIER_DAMAGED: 'dispose',
  DISTRIBUTOR_DAMAGED: 'dispose',
  DEFECTIVE: 'dispose',
  EXPIRED: 'dispose',
};
/** status → disposition where the status says what happened to the unit (wins over the condition). */
export const FBA_STATUS_DISPOSITION: Record<string, string> = {
  'Unit returned to inventory': 'restock',
  IMMEDIATE_DONATION: 'dispose',
  Donated: 'dispose',
  Disposed: 'dispose',
  Liquidated: 'liquidate',
};
/** Date forms documented for the report (ISO with offset in downloads; DD-MM-YYYY, DD-MON-YYYY online). */
const FBA_DATE_FORMATS = ['iso', '%d-%m-%Y', '%d-%b-%Y', '%m-%d-%Y'];

const FBA: PresetDef = {
  id: 'amazon_fba_returns',
  label: 'Amazon FBA customer returns',
  description:
    'The "FBA customer returns" report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA): one row per returned unit batch, ' +
    'keyed by order id + SKU; it has no order lines of its own.',
  roles: {
    return_date: role(['return-date', 'return date'], 1, true),
    order_id: role(['order-id', 'amazon-order-id'], 1, true),
    sku: role(['sku', 'seller-sku'], 0.5, true),
    asin: role(['asin'], 1.5),
    fnsku: role(['fnsku'], 2),
    product_name: role(['product-name'], 0.5),
    quantity: role(['quantity'], 0.5, true),
    fulfillment_center: role(['fulfillment-center-id', 'fulfilment-centre-id', 'fulfillment-centre-id'], 2),
    detailed_disposition: role(['detailed-disposition'], 2),
    reason: role(['reason'], 0.5),
    status: role(['status'], 0.5),
    license_plate: role(['license-plate-number'], 2),
    customer_comments: role(['customer-comments'], 1),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const dates = column(s, m.return_date!);
    const guess = detectDateFormat(dates, FBA_DATE_FORMATS);
    let format: string | null = guess.format;
    if (guess.ambiguous) {
      // Amazon documents DD-MM-YYYY: preselect it, but ask (the sample cannot tell).
      format = null;
      questions.push({
        kind: 'date_format', fills: [{ target: 0, column: 'received_at' }], source: m.return_date!, options: guess.fits,
        suggested: guess.fits.includes('%d-%m-%Y') ? '%d-%m-%Y' : null, example: guess.example ?? '',
        text: `"${m.return_date}" holds dates like ${guess.example} that read as ${guess.fits.map(describeDateFormat).join(' or as ')}; Amazon documents day-month-year. Which is it?`,
      });
    } else if (!format) {
      format = guess.best?.format ?? 'iso';
      notes.push(
        guess.sampled === 0
          ? 'No return dates in the sample: ISO 8601 assumed.'
          : `Only ${Math.round((guess.best?.share ?? 0) * 100)}% of the sampled return dates read as ${describeDateFormat(format)}: the others will be rejected.`,
      );
    }
    const date: DateTransform = { kind: 'date', format };
    const keyParts = [m.order_id!, m.sku!, ...(m.license_plate ? [m.license_plate] : []), m.return_date!];
    const columns: MappingSpec['targets'][number]['columns'] = {
      return_id: { concat: keyParts, separator: '|' },
      order_id: { column: m.order_id! },
      sku: { column: m.sku! },
      quantity: { column: m.quantity! },
      received_at: { column: m.return_date!, transform: date },
      resolution: { constant: 'refund' },
    };
    if (m.reason) columns.reason_raw = { column: m.reason };
    if (m.customer_comments) columns.customer_comment = { column: m.customer_comments };
    if (m.detailed_disposition) {
      columns.condition = { column: m.detailed_disposition, transform: { kind: 'map', values: FBA_CONDITION, otherwise: 'keep' } };
    }
    const dispositionSources = [
      ...(m.status ? [{ column: m.status, transform: { kind: 'map' as const, values: FBA_STATUS_DISPOSITION, otherwise: 'null' as const } }] : []),
      ...(m.detailed_disposition ? [{ column: m.detailed_disposition, transform: { kind: 'map' as const, values: FBA_DISPOSITION, otherwise: 'null' as const } }] : []),
    ];
    if (dispositionSources.length > 0) columns.disposition = { firstOf: dispositionSources };
    notes.push(
      'return-date is when the fulfilment centre processed the unit, so it fills received_at (not requested_at).',
      `Each row gets return_id = ${keyParts.join(' | ')}; the same row loaded twice (overlapping reports) is rejected as a duplicate.`,
      'Reason codes go to reason_raw and are mapped to the canonical reasons through reason_map (codes it does not know are listed).',
      'detailed-disposition gives the condition (SELLABLE → as_new, *DAMAGED → damaged, DEFECTIVE, EXPIRED) and, unless the status says what happened to the unit, the disposition (SELLABLE → restock, anything else → dispose).',
      'Refunds are not in this report: every row is a refunded return (resolution = refund) with no amount; recovery is estimated from the disposition.',
    );
    if (!m.license_plate) notes.push('No license-plate-number column: two identical rows for the same order, SKU and date would be read as one duplicate.');
    const mapping: MappingSpec = {
      version: MAPPING_VERSION,
      name: FBA.label,
      preset: FBA.id,
      source: {
        encoding: s.encoding.encoding,
        delimiter: s.delimiter.delimiter,
        // Amazon flat files are tab-separated and never quoted: a quote in a comment is text.
        quote: (s.delimiter.delimiter === '\t' ? '' : '"') as Quote,
        skipLines: 0,
        header: true,
        nullValues: [],
      },
      targets: [{ table: 'returns', columns }],
      notes,
    };
    return { mapping, questions, notes };
  },
};

// ---------------------------------------------------------------------------------------
// Invoice-style sales with credit notes (UCI Online Retail)

/** Stock codes that are not products (UCI Online Retail), grouped by what they are. */
export const NON_PRODUCT_CODES: { codes: string[]; reason: string }[] = [
  { codes: ['POST', 'DOT', 'C2'], reason: 'postage or carriage line, not a product' },
  { codes: ['M'], reason: 'manual adjustment line, not a product' },
  { codes: ['D'], reason: 'discount line, not a product' },
  { codes: ['BANK CHARGES', 'AMAZONFEE', 'CRUK', 'B'], reason: 'bank charge, fee or bad-debt adjustment, not a product' },
  { codes: ['S'], reason: 'samples line, not a product' },
];

const INVOICE: PresetDef = {
  id: 'invoice_credit_notes',
  label: 'Invoice lines with credit notes',
  description:
    'Invoice-style sales (one row per invoice line, like UCI Online Retail): credit notes (invoice numbers starting with C) ' +
    'and negative quantities are returns; stock write-offs, zero-price adjustments and non-product codes are excluded with counts.',
  roles: {
    invoice: role(['InvoiceNo', 'Invoice', 'Invoice No', 'Invoice Number'], 2, true),
    stock_code: role(['StockCode', 'Stock Code'], 2, true),
    description: role(['Description'], 0.5),
    quantity: role(['Quantity', 'Qty'], 1, true),
    date: role(['InvoiceDate', 'Invoice Date'], 1.5, true),
    price: role(['UnitPrice', 'Price', 'Unit Price'], 1, true),
    customer: role(['CustomerID', 'Customer ID'], 1),
    country: role(['Country'], 0.5),
  },
  valueBonus(s, m) {
    // Credit notes or negative quantities in the sample make the shape certain.
    const credit = column(s, m.invoice ?? '').some((v) => /^c/i.test(v.trim()));
    const negative = column(s, m.quantity ?? '').some((v) => v.trim().startsWith('-'));
    return credit || negative ? 1 : 0.9;
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const profiles = profileColumns(s);
    const guess = detectDateFormat(column(s, m.date!));
    let format = guess.format;
    if (guess.ambiguous) {
      questions.push({
        kind: 'date_format', fills: [{ target: 0, column: 'order_date' }, { target: 1, column: 'refunded_at' }], source: m.date!, options: guess.fits, suggested: null,
        example: guess.example ?? '',
        text: `"${m.date}" holds dates like ${guess.example} that read as ${guess.fits.map(describeDateFormat).join(' or as ')}: which is it?`,
      });
    } else if (!format) {
      format = guess.best?.format ?? 'iso';
      if (guess.sampled > 0) notes.push(`Only ${Math.round((guess.best?.share ?? 0) * 100)}% of the sampled invoice dates read as ${describeDateFormat(format)}: the others will be rejected.`);
    }
    const price = detectNumberFormat(column(s, m.price!).filter((v) => !['NA', ''].includes(v.trim())));
    const num = (sign: NumberTransform['sign'], n = price): NumberTransform => ({
      kind: 'number', decimal: n?.decimal ?? '.', thousands: n?.thousands ?? '', currency: n?.currency ?? false, sign,
    });
    const qtyFormat = detectNumberFormat(column(s, m.quantity!).filter((v) => v.trim() !== ''));
    const date: DateTransform = { kind: 'date', format: guess.ambiguous ? null : format };
    const nonProduct: ExclusionRule[] = [
      ...NON_PRODUCT_CODES.map((g) => ({ when: { column: m.stock_code!, is: 'one_of' as const, values: g.codes }, reason: g.reason })),
      { when: { column: m.stock_code!, is: 'matches', value: '^gift_' }, reason: 'gift voucher, not a product' },
    ];
    const isCreditNote: RowTest = { column: m.invoice!, is: 'starts_with', value: 'C' };
    const negativeQty: RowTest = { column: m.quantity!, is: 'negative' };
    const lineId = { concat: [m.stock_code!], separator: '', numberRepeats: { within: [m.invoice!] } };
    const orderColumns: MappingSpec['targets'][number]['columns'] = {
      order_id: { column: m.invoice! },
      line_id: lineId,
      order_date: { column: m.date!, transform: date },
      sku: { column: m.stock_code! },
      quantity: { column: m.quantity!, transform: num('keep', qtyFormat) },
      unit_price: { column: m.price!, transform: num('keep') },
    };
    if (m.customer) orderColumns.customer_id = { column: m.customer };
    if (m.country) orderColumns.region = { column: m.country };
    const returnColumns: MappingSpec['targets'][number]['columns'] = {
      return_id: { concat: [m.invoice!, m.stock_code!], separator: '|', numberRepeats: { within: [m.invoice!] } },
      sku: { column: m.stock_code! },
      quantity: { column: m.quantity!, transform: num('negate', qtyFormat) },
      refunded_at: { column: m.date!, transform: date },
      refund_amount: { multiply: [{ column: m.quantity!, transform: num('negate', qtyFormat) }, { column: m.price!, transform: num('keep') }] },
      resolution: { constant: 'refund' },
    };
    if (m.country) returnColumns.region = { column: m.country };
    notes.push(
      'Sales: lines of invoices not starting with C with a quantity of 0 or more. line_id is the stock code, numbered #2, #3 ... when it repeats on an invoice.',
      'Returns: lines of credit notes (invoice starting with C) and other negative quantities, as positive quantities; refund = quantity × unit price, dated by the credit note. Credit notes do not say which invoice they reverse, so returns have no order_id (rates by product, region and period still work).',
      'Excluded, with counts: non-product codes (postage POST/DOT/C2, manual M, discount D, bank charges and fees, samples S, gift vouchers); sales at a zero price (stock adjustments or free items, not sales); negative quantities on invoices that are not credit notes (stock write-offs such as "damaged", "wet damaged", "check": not customer returns).',
      'Customer ids of "NA" are empty (the file writes NA for a missing value).',
    );
    const nullValues = [...new Set(['NA', ...suggestedNullWords(profiles)])];
    const mapping: MappingSpec = {
      version: MAPPING_VERSION,
      name: INVOICE.label,
      preset: INVOICE.id,
      source: { encoding: s.encoding.encoding, delimiter: s.delimiter.delimiter, quote: '"', skipLines: 0, header: true, nullValues },
      targets: [
        {
          table: 'order_lines',
          when: { all: [{ ...isCreditNote, not: true }, { ...negativeQty, not: true }] },
          columns: orderColumns,
          exclude: [...nonProduct, { when: { column: m.price!, is: 'zero' }, reason: 'zero unit price: stock adjustment or free item, not a sale' }],
        },
        {
          table: 'returns',
          columns: returnColumns,
          exclude: [
            ...nonProduct,
            {
              when: { all: [negativeQty, { ...isCreditNote, not: true }] },
              reason: 'stock write-off or adjustment (negative quantity on an invoice that is not a credit note), not a customer return',
            },
          ],
        },
      ],
      notes,
    };
    return { mapping, questions, notes };
  },
};


// ---------------------------------------------------------------------------------------
// Helpers shared by the presets below

/** The source format of a sniffed comma/semicolon/tab file with quotes. */
const sourceOf = (s: Sniff, nullValues: string[] = []): MappingSpec['source'] => ({
  encoding: s.encoding.encoding, delimiter: s.delimiter.delimiter, quote: '"', skipLines: 0, header: true, nullValues,
});

/**
 * One date format for several columns of the same export (their sampled values together):
 * the format, or null with a question when the sample reads as day-first and month-first.
 */
function dateFor(
  s: Sniff,
  columns: string[],
  fills: { target: number; column: string }[],
  notes: string[],
  questions: Question[],
  suggested: string | null = null,
  candidates: readonly string[] = CANDIDATE_DATE_FORMATS,
): DateTransform {
  const values = columns.flatMap((c) => column(s, c));
  const guess = detectDateFormat(values, candidates);
  if (guess.ambiguous) {
    questions.push({
      kind: 'date_format', fills, source: columns[0]!, options: guess.fits, suggested: suggested && guess.fits.includes(suggested) ? suggested : null,
      example: guess.example ?? '',
      text: `"${columns[0]}" holds dates like ${guess.example} that read as ${guess.fits.map(describeDateFormat).join(' or as ')}: which is it?`,
    });
    return { kind: 'date', format: null };
  }
  if (guess.format) return { kind: 'date', format: guess.format };
  const format = guess.best?.format ?? 'iso';
  if (guess.sampled === 0) notes.push(`No values in ${columns.map((c) => `"${c}"`).join(', ')} in the sample: ISO 8601 dates assumed.`);
  else notes.push(`Only ${Math.round((guess.best?.share ?? 0) * 100)}% of the sampled ${columns.map((c) => `"${c}"`).join(', ')} values read as ${describeDateFormat(format)}: the others will be rejected.`);
  return { kind: 'date', format };
}

/** The number notation of a column's sampled values (plain '.' decimals when the sample has none). */
function numberFor(s: Sniff, col: string | undefined, sign: NumberTransform['sign'] = 'keep'): NumberTransform {
  const n = col ? detectNumberFormat(column(s, col).filter((v) => v.trim() !== '')) : null;
  return { kind: 'number', decimal: n?.decimal ?? '.', thousands: n?.thousands ?? '', currency: n?.currency ?? false, sign };
}

const nonEmpty = (col: string): RowTest => ({ column: col, is: 'empty', not: true });

// ---------------------------------------------------------------------------------------
// Amazon seller-fulfilled (MFN) returns report

/** Resolution → canonical resolution (Amazon flat-file values). */
export const AMAZON_SELLER_RESOLUTION: Record<string, string> = {
  StandardRefund: 'refund',
  RefundAtFirstScan: 'refund',
  Refund: 'refund',
  ReplacementIssued: 'exchange',
  Replacement: 'exchange',
};
/** Return request status values that mean the request was refused. */
export const AMAZON_SELLER_REFUSED = ['Rejected', 'Declined', 'Denied'];
/** Return request status values that mean no return happened. */
export const AMAZON_SELLER_CANCELLED = ['Cancelled', 'Canceled'];

const AMAZON_SELLER: PresetDef = {
  id: 'amazon_seller_returns',
  label: 'Amazon seller-fulfilled returns',
  description:
    'The "Returns" report of seller-fulfilled (MFN) orders (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE): one row per returned item ' +
    'of a return request (RMA), with the return label, carrier, reason code, policy flag, resolution and refunded amount.',
  roles: {
    order_id: role(['Order ID'], 1, true),
    order_date: role(['Order date'], 0.5),
    request_date: role(['Return request date'], 2, true),
    status: role(['Return request status'], 2),
    rma: role(['Amazon RMA ID'], 2),
    merchant_rma: role(['Merchant RMA ID'], 1),
    label_type: role(['Label type'], 1),
    label_cost: role(['Label cost'], 1),
    currency: role(['Currency code'], 0.5),
    carrier: role(['Return carrier'], 1),
    tracking: role(['Tracking ID'], 0.5),
    label_payer: role(['Label to be paid by'], 1),
    a_to_z: role(['A-to-Z Claim'], 1),
    asin: role(['ASIN'], 0.5),
    sku: role(['Merchant SKU'], 1, true),
    item_name: role(['Item Name'], 0.5),
    quantity: role(['Return quantity'], 1, true),
    reason: role(['Return Reason'], 1),
    in_policy: role(['In policy'], 1),
    return_type: role(['Return type'], 0.5),
    resolution: role(['Resolution'], 1),
    delivery_date: role(['Return delivery date'], 1),
    refunded: role(['Refunded Amount'], 1),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const dateCols = [m.request_date!, ...(m.delivery_date ? [m.delivery_date] : [])];
    const fills = [{ target: 0, column: 'requested_at' }, ...(m.delivery_date ? [{ target: 0, column: 'received_at' }] : [])];
    // Amazon writes 10-Jul-2025 in the download; DD-MM-YYYY on some marketplaces: ask if unclear.
    const date = dateFor(s, dateCols, fills, notes, questions, '%d-%m-%Y');
    const keyParts = [...(m.rma ? [m.rma] : []), m.order_id!, m.sku!];
    const columns: TargetSpec['columns'] = {
      return_id: { concat: keyParts, separator: '|' },
      order_id: { column: m.order_id! },
      sku: { column: m.sku! },
      quantity: { column: m.quantity!, transform: numberFor(s, m.quantity) },
      requested_at: { column: m.request_date!, transform: date },
    };
    if (m.delivery_date) columns.received_at = { column: m.delivery_date, transform: date };
    if (m.reason) columns.reason_raw = { column: m.reason };
    if (m.refunded) columns.refund_amount = { column: m.refunded, transform: numberFor(s, m.refunded) };
    if (m.carrier) columns.return_carrier = { column: m.carrier };
    if (m.label_cost) {
      const cost: ValueSource = { column: m.label_cost, transform: numberFor(s, m.label_cost) };
      // The merchant pays the label unless the report says the customer does.
      columns.label_cost = m.label_payer
        ? { if: { column: m.label_payer, is: 'equals', value: 'Customer' }, then: { constant: 0 }, else: cost }
        : cost;
    }
    const resolution: ValueSource[] = [];
    if (m.status) {
      resolution.push({ column: m.status, transform: { kind: 'map', values: Object.fromEntries(AMAZON_SELLER_REFUSED.map((v) => [v, 'rejected'])), otherwise: 'null' } });
    }
    if (m.resolution) resolution.push({ column: m.resolution, transform: { kind: 'map', values: AMAZON_SELLER_RESOLUTION, otherwise: 'null' } });
    if (resolution.length > 0) columns.resolution = { firstOf: resolution };
    const exclude: ExclusionRule[] = m.status
      ? [{ when: { column: m.status, is: 'one_of', values: AMAZON_SELLER_CANCELLED }, reason: 'return request cancelled by the buyer: no return happened' }]
      : [];
    notes.push(
      `Each row is one returned item of a return request: return_id = ${keyParts.join(' | ')} (the same row in an overlapping report is rejected as a duplicate).`,
      'Return request date fills requested_at; Return delivery date (the parcel reached you) fills received_at.',
      'Resolution: StandardRefund and RefundAtFirstScan are refunds, ReplacementIssued an exchange; a request with status Rejected is a refused return (resolution rejected: counted as a request, not in rates). Cancelled requests are excluded.',
      'Label cost counts as a return cost only when the label is paid by the seller (Label to be paid by is not Customer).',
      'Return Reason codes (CR-*, AMZ-PG-*, NO_LONGER_NEEDED ...) go to reason_raw and are mapped through reason_map; codes it does not know are listed.',
      '"In policy", "A-to-Z Claim" and SafeT columns are not loaded (the canonical tables have no place for them).',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: AMAZON_SELLER.label, preset: AMAZON_SELLER.id,
      source: sourceOf(s),
      targets: [{ table: 'returns', columns, ...(exclude.length > 0 ? { exclude } : {}) }],
      notes,
    };
    // Amazon flat files are tab-separated and never quoted.
    if (s.delimiter.delimiter === '\t') mapping.source.quote = '';
    return { mapping, questions, notes };
  },
};

// ---------------------------------------------------------------------------------------
// Shopify orders export

/** Order-level columns that the export writes on an order's first row only. */
const SHOPIFY_ORDER_LEVEL = ['financial_status', 'fulfillment_status', 'currency', 'refunded', 'cancelled', 'ship_country', 'bill_country', 'source', 'email', 'created_at'];

const SHOPIFY_ORDERS: PresetDef = {
  id: 'shopify_orders',
  label: 'Shopify orders export',
  description:
    'The Shopify admin "Export orders" CSV: one row per line item; order-level fields (financial status, refunded amount, ' +
    'cancellation, countries) only on each order\'s first row. Refunds are order-level: fully refunded orders become returns of every line.',
  roles: {
    name: role(['Name', 'Order Name'], 1.5, true),
    created_at: role(['Created at', 'Processed at'], 1, true),
    financial_status: role(['Financial Status', 'Payment Status'], 2),
    fulfillment_status: role(['Fulfillment Status'], 1),
    quantity: role(['Lineitem quantity', 'Line item quantity', 'Line Item Qty'], 2, true),
    item_name: role(['Lineitem name', 'Line item name'], 2, true),
    price: role(['Lineitem price', 'Line item price'], 2, true),
    sku: role(['Lineitem sku', 'Line item sku'], 2),
    discount: role(['Lineitem discount', 'Line item discount'], 1),
    currency: role(['Currency'], 0.5),
    refunded: role(['Refunded Amount'], 1),
    cancelled: role(['Cancelled at', 'Canceled at'], 1),
    vendor: role(['Vendor'], 1),
    ship_country: role(['Shipping Country'], 0.5),
    bill_country: role(['Billing Country'], 0.5),
    source: role(['Source'], 0.5),
    email: role(['Email'], 0.5),
  },
  build(s, m, o) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const refundsAsReturns = (o.refundsAsReturns ?? true) && Boolean(m.financial_status);
    const date = dateFor(s, [m.created_at!], [{ target: 0, column: 'order_date' }], notes, questions);
    const name = m.name!;
    const skuOrName: ValueSource = m.sku ? { firstOf: [{ column: m.sku }, { column: m.item_name! }] } : { column: m.item_name! };
    const numbered = (col: string): ValueSource => ({ concat: [col], separator: '', numberRepeats: { within: [name] } });
    const lineId: ValueSource = m.sku ? { firstOf: [numbered(m.sku), numbered(m.item_name!)] } : numbered(m.item_name!);
    const qty = numberFor(s, m.quantity);
    const price: ValueSource = { column: m.price!, transform: numberFor(s, m.price) };
    // Lineitem discount is the discount on the whole line: spread over its units.
    const unitPrice: ValueSource = m.discount
      ? { minus: [price, { divide: [{ firstOf: [{ column: m.discount, transform: numberFor(s, m.discount) }, { constant: 0 }] }, { column: m.quantity!, transform: qty }] }] }
      : price;
    const fs = m.financial_status;
    const cancelled: ExclusionRule[] = m.cancelled ? [{ when: nonEmpty(m.cancelled), reason: 'order cancelled: not a sale' }] : [];
    const refundedUnfulfilled: RowTest | null = fs && m.fulfillment_status
      ? { all: [{ column: fs, is: 'equals', value: 'refunded' }, { column: m.fulfillment_status, is: 'equals', value: 'unfulfilled' }] }
      : null;
    const lineColumns: TargetSpec['columns'] = {
      order_id: { column: name },
      line_id: lineId,
      order_date: { column: m.created_at!, transform: date },
      sku: skuOrName,
      quantity: { column: m.quantity!, transform: qty },
      unit_price: unitPrice,
    };
    if (m.currency) lineColumns.currency = { column: m.currency };
    if (m.source) lineColumns.channel = { column: m.source };
    if (m.email) lineColumns.customer_id = { column: m.email, transform: { kind: 'text', case: 'lower' } };
    const region = [m.ship_country, m.bill_country].filter((x): x is string => Boolean(x)).map((c) => ({ column: c }));
    if (region.length > 0) lineColumns.region = { firstOf: region };
    const lineExclude: ExclusionRule[] = [
      ...cancelled,
      ...(fs ? [{ when: { column: fs, is: 'equals' as const, value: 'voided' }, reason: 'payment voided: not a sale' }] : []),
      ...(refundedUnfulfilled ? [{ when: refundedUnfulfilled, reason: 'refunded before it was fulfilled: a cancellation, not a sale' }] : []),
    ];
    const targets: TargetSpec[] = [
      { table: 'order_lines', columns: lineColumns, ...(lineExclude.length > 0 ? { exclude: lineExclude } : {}) },
      {
        table: 'products',
        columns: { sku: skuOrName, product_name: { column: m.item_name! }, ...(m.vendor ? { supplier: { column: m.vendor } } : {}) },
        duplicates: 'first',
      },
    ];
    if (refundsAsReturns && fs) {
      targets.push({
        table: 'returns',
        // Every line of a fully refunded order; only the first row of a partially refunded one (to count it once).
        when: {
          all: [
            { column: fs, is: 'one_of', values: ['refunded', 'partially_refunded'] },
            { any: [{ column: fs, is: 'equals', value: 'refunded' }, { column: name, is: 'first' }] },
          ],
        },
        columns: {
          return_id: m.sku
            ? { if: nonEmpty(m.sku), then: { concat: [name, m.sku], separator: '|', numberRepeats: { within: [name] } }, else: { concat: [name, m.item_name!], separator: '|', numberRepeats: { within: [name] } } }
            : { concat: [name, m.item_name!], separator: '|', numberRepeats: { within: [name] } },
          order_id: { column: name },
          line_id: lineId,
          sku: skuOrName,
          quantity: { column: m.quantity!, transform: qty },
          refund_amount: { multiply: [{ column: m.quantity!, transform: qty }, unitPrice] },
          resolution: { constant: 'refund' },
        },
        exclude: [
          ...(m.cancelled ? [{ when: nonEmpty(m.cancelled), reason: 'order cancelled: a cancellation, not a return' }] : []),
          ...(refundedUnfulfilled ? [{ when: refundedUnfulfilled, reason: 'refunded before it was fulfilled: a cancellation, not a return' }] : []),
          {
            when: { column: fs, is: 'equals', value: 'partially_refunded' },
            reason: 'order-level partial refund: the export does not say which lines were refunded, so it is kept out of unit return rates (one row per order)',
          },
        ],
      });
    }
    const fill = SHOPIFY_ORDER_LEVEL.map((k) => m[k]).filter((x): x is string => Boolean(x) && x !== name);
    notes.push(
      `Order-level cells (${fill.map((c) => `"${c}"`).join(', ')}) are written on an order's first row only: they are filled down within each "${name}".`,
      `Order lines: order_id = ${name}; line_id = the line's SKU (its name when it has no SKU), numbered #2, #3 ... when it repeats in the order; unit price = Lineitem price${m.discount ? ' − Lineitem discount / quantity' : ''}; dates keep the wall-clock time written (the offset is dropped).`,
      'Excluded from sales: cancelled orders, voided payments, and fully refunded orders that were never fulfilled (cancellations in effect).',
      'Products: one per SKU (its first line), with the line item name and the Vendor as supplier; later lines of the same SKU are counted as excluded.',
      refundsAsReturns
        ? 'Refunds are order-level in this export. A fully refunded (Financial Status "refunded"), fulfilled order counts as a return of every line (quantity and line value). A partially refunded order cannot be attributed to lines: it is excluded from returns once per order with that reason, so unit rates count only what is known.'
        : 'Refunded orders are not turned into returns: the line-level returns come from another file.',
    );
    if (!m.financial_status) notes.push('No Financial Status column: refunds cannot be read from this export.');
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: SHOPIFY_ORDERS.label, preset: SHOPIFY_ORDERS.id,
      source: sourceOf(s),
      fillDown: { groupBy: name, columns: fill },
      routing: 'each',
      targets,
      notes,
    };
    return { mapping, questions, notes };
  },
};

// ---------------------------------------------------------------------------------------
// Shopify returns (the Return objects of the Admin API, flattened to one row per returned line)

const SHOPIFY_RETURNS: PresetDef = {
  id: 'shopify_returns',
  label: 'Shopify returns',
  description:
    'Shopify returns flattened to one row per returned line item (an app export or the Admin API\'s Return / ReturnLineItem): ' +
    'order name, return name, SKU, returned quantity, return reason enum (SIZE_TOO_SMALL, DEFECTIVE ...) and return status.',
  roles: {
    order: role(['Order', 'Order name', 'Order number', 'Name'], 1, true),
    return_name: role(['Return', 'Return name', 'Return ID', 'Return number'], 2),
    sku: role(['SKU', 'Lineitem sku', 'Line item SKU', 'Variant SKU'], 1, true),
    quantity: role(['Returned quantity', 'Return quantity', 'Quantity returned', 'Quantity'], 1.5, true),
    reason: role(['Return reason', 'Reason'], 2, true),
    reason_note: role(['Return reason note', 'Reason note', 'Customer note'], 1),
    status: role(['Return status', 'Status'], 1),
    requested: role(['Requested at', 'Return requested at', 'Created at', 'Request date'], 1),
    refund: role(['Refunded amount', 'Refund amount', 'Refund total'], 0.5),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const keyParts = [m.return_name ?? m.order!, m.sku!];
    const columns: TargetSpec['columns'] = {
      return_id: { concat: m.return_name ? keyParts : [m.order!, m.sku!], separator: '|' },
      order_id: { column: m.order! },
      sku: { column: m.sku! },
      quantity: { column: m.quantity!, transform: numberFor(s, m.quantity) },
      reason_raw: { column: m.reason! },
    };
    if (m.reason_note) columns.customer_comment = { column: m.reason_note };
    if (m.requested) columns.requested_at = { column: m.requested, transform: dateFor(s, [m.requested], [{ target: 0, column: 'requested_at' }], notes, questions) };
    if (m.refund) columns.refund_amount = { column: m.refund, transform: numberFor(s, m.refund) };
    if (m.status) columns.resolution = { column: m.status, transform: { kind: 'map', values: { DECLINED: 'rejected' }, otherwise: 'null' } };
    notes.push(
      `return_id = ${keyParts.join(' | ')}; the order is found by order name + SKU (load the Shopify orders export with refunds not turned into returns, or they count twice).`,
      'The reason enum (SIZE_TOO_SMALL, UNWANTED, DEFECTIVE, STYLE, COLOR ...) goes to reason_raw and is mapped by reason_map; the reason note becomes the customer comment.',
      'Status DECLINED is a refused return (resolution rejected); CANCELED returns are excluded (nothing came back).',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: SHOPIFY_RETURNS.label, preset: SHOPIFY_RETURNS.id,
      source: sourceOf(s),
      targets: [{
        table: 'returns', columns,
        ...(m.status ? { exclude: [{ when: { column: m.status, is: 'one_of', values: ['CANCELED', 'CANCELLED'] }, reason: 'return canceled: nothing came back' }] } : {}),
      }],
      notes,
    };
    return { mapping, questions, notes };
  },
};

// ---------------------------------------------------------------------------------------
// A list of returned orders (order id + flag), next to line-level orders

/** Flag words meaning "this order was returned". */
export const RETURNED_WORDS = [...DEFAULT_TRUE_WORDS, 'returned', 'x'];

const RETURNED_ORDERS: PresetDef = {
  id: 'returned_orders_list',
  label: 'List of returned orders',
  description:
    'One row per returned ORDER (an order id and a "Returned" flag, like the Returns sheet of the Superstore sample), next to ' +
    'a line-level orders file: every line of a flagged order counts as returned. Load it after the order lines.',
  roles: {
    order_id: role(['Order ID', 'Order', 'Order Number', 'Order No', 'Order Name', 'Order Reference'], 1, true),
    returned: role(['Returned', 'Is Returned', 'Return', 'Return Flag', 'Returned Flag'], 1),
  },
  valueBonus(s, m) {
    // A short file: a list, not an order export that happens to have a flag.
    const flags = m.returned ? column(s, m.returned).map((v) => v.trim().toLowerCase()).filter((v) => v !== '') : [];
    const flagLike = flags.every((v) => RETURNED_WORDS.includes(v) || DEFAULT_FALSE_WORDS.includes(v));
    return (s.header.length <= 4 ? 1 : 0.5) * (flagLike ? 1 : 0.6);
  },
  build(s, m) {
    const notes: string[] = [];
    const exclude: ExclusionRule[] = m.returned
      ? [{ when: { column: m.returned, is: 'one_of', values: RETURNED_WORDS, not: true }, reason: 'not flagged as returned' }]
      : [];
    notes.push(
      `Every order line (already loaded) of an order listed here${m.returned ? ` with "${m.returned}" = Yes` : ''} becomes a return of its whole quantity: return_id = order id | line id.`,
      'An order that has no loaded order lines is rejected (load the orders first).',
      ...(m.returned ? [`Rows whose "${m.returned}" is not a yes word (${RETURNED_WORDS.join(', ')}) are excluded.`] : ['There is no flag column: every listed order counts as returned.']),
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: RETURNED_ORDERS.label, preset: RETURNED_ORDERS.id,
      source: sourceOf(s),
      targets: [{
        table: 'returns',
        expandToOrderLines: true,
        columns: { return_id: { column: m.order_id! }, order_id: { column: m.order_id! } },
        ...(exclude.length > 0 ? { exclude } : {}),
      }],
      notes,
    };
    return { mapping, questions: [], notes };
  },
};

// ---------------------------------------------------------------------------------------
// Reviews exports (Judge.me, Yotpo, marketplace review dumps)

const REVIEWS: PresetDef = {
  id: 'reviews',
  label: 'Product reviews',
  description:
    'A reviews export (Judge.me, Yotpo, Shopify Product Reviews, marketplace review datasets): a star rating, a text, ' +
    'the product reviewed and a date.',
  roles: {
    review_id: role(['Review ID', 'Id'], 0.5),
    sku: role(['product_id', 'Product ID', 'ProductId', 'SKU', 'Product SKU', 'ASIN', 'product_handle', 'Product Handle'], 1, true),
    rating: role(['rating', 'Review Score', 'Score', 'Stars', 'Star Rating', 'overall', 'review_score'], 2, true),
    title: role(['title', 'Review Title', 'Summary', 'Headline'], 1),
    body: role(['body', 'Review Content', 'Review Text', 'reviewText', 'Text', 'Review', 'Content', 'Comment'], 2),
    date: role(['review_date', 'Review Date', 'Date', 'Created at', 'Submitted at', 'review_creation_date', 'reviewTime', 'Time', 'unixReviewTime'], 1),
    order_id: role(['Order ID', 'order_id'], 0.5),
    author: role(['reviewer_name', 'Display Name', 'ProfileName', 'Author', 'Reviewer', 'reviewer_email', 'Email'], 0.5),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const columns: TargetSpec['columns'] = {
      sku: { column: m.sku! },
      rating: { column: m.rating!, transform: numberFor(s, m.rating) },
    };
    if (m.title) columns.title = { column: m.title };
    if (m.body) columns.body = { column: m.body };
    if (m.order_id) columns.order_id = { column: m.order_id };
    if (m.date) {
      const values = column(s, m.date).filter((v) => v.trim() !== '');
      if (values.length > 0 && values.every((v) => /^\d{9,10}$/.test(v.trim()))) {
        notes.push(`"${m.date}" holds Unix timestamps: not read (created_at stays empty).`);
      } else {
        columns.created_at = { column: m.date, transform: dateFor(s, [m.date], [{ target: 0, column: 'created_at' }], notes, questions) };
      }
    }
    const idParts = [m.sku!, ...(columns.created_at ? [m.date!] : []), ...(m.author ? [m.author] : []), ...(m.title ? [m.title] : [])];
    columns.review_id = m.review_id ? { column: m.review_id } : { concat: idParts, separator: '|' };
    notes.push(
      m.review_id
        ? `review_id = "${m.review_id}".`
        : `The export has no review id: review_id = ${idParts.join(' | ')}; a row repeating all of these is rejected as a duplicate, and the same file loaded twice is recognised.`,
      `Reviews are keyed by "${m.sku}": when that is the review app's product id or handle rather than your SKU, reviews will not find their products (map it through a product file lookup).`,
      'Ratings outside 1-5 are rejected.',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: REVIEWS.label, preset: REVIEWS.id,
      source: sourceOf(s),
      targets: [{ table: 'reviews', columns }],
      notes,
    };
    return { mapping, questions, notes };
  },
};

const PRESETS: PresetDef[] = [FBA, AMAZON_SELLER, SHOPIFY_ORDERS, SHOPIFY_RETURNS, INVOICE, RETURNED_ORDERS, REVIEWS];

export const PRESET_LIST: PresetInfo[] = PRESETS.map(({ id, label, description }) => ({ id, label, description }));

/** Presets that fit the file's header, best first (confidence > 0). */
export function detectPresets(s: Sniff): PresetMatch[] {
  return PRESETS.map((p) => {
    const { matched, score, missing } = matchRoles(s.header, p.roles);
    const bonus = p.valueBonus && missing.length === 0 ? p.valueBonus(s, matched) : 1;
    const confidence = Math.round(score * bonus * (missing.length > 0 ? 0.5 : 1) * 100) / 100;
    return { id: p.id, label: p.label, description: p.description, confidence, matched, missing, usable: missing.length === 0 };
  })
    .filter((m) => m.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence);
}

/** The best preset when it is usable and confident enough (≥ 0.6), else null. */
export function detectPreset(s: Sniff, minConfidence = 0.6): PresetMatch | null {
  const best = detectPresets(s)[0];
  return best && best.usable && best.confidence >= minConfidence ? best : null;
}

/** Builds the preset's mapping for this file (the user may pick a preset detection did not). */
export function buildPreset(id: PresetId, s: Sniff, options: PresetOptions = {}): PresetBuild {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((x) => x.id).join(', ')})`);
  const { matched, missing } = matchRoles(s.header, p.roles);
  if (missing.length > 0) {
    throw new Error(`${p.label}: the file has no column for ${missing.join(', ')} (looked for ${missing.map((k) => p.roles[k]!.names.map((n) => `"${n}"`).join(' or ')).join('; ')})`);
  }
  return p.build(s, matched, options);
}
