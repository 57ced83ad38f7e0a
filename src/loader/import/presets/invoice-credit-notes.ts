import { detectDateFormat, describeDateFormat } from '../dates';
import { detectNumberFormat, profileColumns, suggestedNullWords } from '../profile';
import type { Question } from '../suggest';
import { MAPPING_VERSION, type DateTransform, type ExclusionRule, type MappingSpec, type NumberTransform, type RowTest } from '../spec';
import { column, role, type PresetDef } from './define';

// Invoice-style sales with credit notes (UCI Online Retail)

/** Stock codes that are not products (UCI Online Retail), grouped by what they are. */
export const NON_PRODUCT_CODES: { codes: string[]; reason: string }[] = [
  { codes: ['POST', 'DOT', 'C2'], reason: 'postage or carriage line, not a product' },
  { codes: ['M'], reason: 'manual adjustment line, not a product' },
  { codes: ['D'], reason: 'discount line, not a product' },
  { codes: ['BANK CHARGES', 'AMAZONFEE', 'CRUK', 'B'], reason: 'bank charge, fee or bad-debt adjustment, not a product' },
  { codes: ['S'], reason: 'samples line, not a product' },
];

export const INVOICE: PresetDef = {
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
