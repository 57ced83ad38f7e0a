import { detectDateFormat, describeDateFormat } from '../dates';
import type { Question } from '../suggest';
import { MAPPING_VERSION, type DateTransform, type MappingSpec, type Quote } from '../spec';
import { column, role, type PresetDef } from './define';

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

export const FBA: PresetDef = {
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
