import { detectDateFormat, describeDateFormat } from './dates';
import type { Sniff } from './decode';
import { detectNumberFormat, profileColumns, suggestedNullWords } from './profile';
import { normalizeName, type Question } from './suggest';
import { MAPPING_VERSION, type DateTransform, type ExclusionRule, type MappingSpec, type NumberTransform, type Quote, type RowTest } from './spec';

/**
 * Presets: mappings for exports whose shape is known, recognised from the header. Each
 * preset reports a confidence (share of its known columns found, weighted by how distinctive
 * they are); the user can override the choice. A preset builds an ordinary MappingSpec
 * (with `preset` set), so what it does is visible and editable, and can be saved as JSON.
 */

export type PresetId = 'amazon_fba_returns' | 'invoice_credit_notes';

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
  build: (s: Sniff, matched: Record<string, string>) => PresetBuild;
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

const PRESETS: PresetDef[] = [FBA, INVOICE];

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
export function buildPreset(id: PresetId, s: Sniff): PresetBuild {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((x) => x.id).join(', ')})`);
  const { matched, missing } = matchRoles(s.header, p.roles);
  if (missing.length > 0) {
    throw new Error(`${p.label}: the file has no column for ${missing.join(', ')} (looked for ${missing.map((k) => p.roles[k]!.names.map((n) => `"${n}"`).join(' or ')).join('; ')})`);
  }
  return p.build(s, matched);
}
