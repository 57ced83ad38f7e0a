import { afterEach, describe, expect, it } from 'vitest';
import { addFiles, clearBatch, getImportBatch } from '../../src/app/loading/import-store';
import { WORKBOOK_MAX_MB } from '../../src/loader/excel';
import { day, workbookBytes } from '../helpers/workbook';

/** A workbook dropped on the Data page becomes one batch entry per sheet, routed like any file. */

async function settled() {
  for (let i = 0; i < 200 && (getImportBatch().length === 0 || getImportBatch().some((e) => e.status === 'preparing')); i++) await new Promise((r) => setTimeout(r, 10));
  return getImportBatch();
}

describe('a dropped workbook', () => {
  afterEach(() => clearBatch());

  it('becomes its sheets: a canonical sheet whose header fits loads directly, the others go to the mapping step', async () => {
    const book = workbookBytes({
      order_lines: [['order_id', 'line_id', 'order_date', 'sku', 'quantity', 'unit_price'], ['A', 1, day(2024, 1, 2), 'S', 1, 9.5]],
      Orders: [['Row ID', 'Order ID', 'Order Date', 'Product ID', 'Sales', 'Quantity'], [1, 'CA-1', day(2024, 1, 5), 'P-1', 20, 2]],
      Returns: [['Returned', 'Order ID'], ['Yes', 'CA-1']],
      returns: [['Order ID', 'Returned'], ['CA-1', 'Yes']],
    });
    addFiles([new File([book], 'shop.xlsx'), new File(['x\n1\n'], 'other.csv')]);
    const entries = await settled();
    expect(entries.map((e) => [e.name, e.route.kind, e.status])).toEqual([
      ['other.csv', 'mapping', 'ready'],
      ['shop.xlsx › order_lines', 'canonical', 'ready'],
      ['shop.xlsx › Orders', 'mapping', 'ready'],
      ['shop.xlsx › Returns', 'mapping', 'ready'],
      ['shop.xlsx › returns', 'mapping', 'ready'],
    ]);
    const orders = entries.find((e) => e.name === 'shop.xlsx › Orders')!;
    expect(orders.draft!.sniff.header).toEqual(['Row ID', 'Order ID', 'Order Date', 'Product ID', 'Sales', 'Quantity']);
    expect(orders.draft!.sniff.rows[0]).toEqual(['1', 'CA-1', '2024-01-05', 'P-1', '20', '2']);
    expect(entries.find((e) => e.name === 'shop.xlsx › Returns')!.draft!.presets[0]!.id).toBe('returned_orders_list');
  });

  it('over the size limit is one entry with an error saying to export CSV, nothing else added', async () => {
    addFiles([new File([new Uint8Array((WORKBOOK_MAX_MB << 20) + 1)], 'huge.xlsx')]);
    const entries = await settled();
    expect(entries.map((e) => [e.name, e.status])).toEqual([['huge.xlsx', 'error']]);
    expect(entries[0]!.error).toMatch(/^the workbook is too big to read here \(16\.0 MB, the limit is 16 MB\); save its sheets as CSV .* and load those instead\. Nothing from it will be loaded\.$/);
  });
});
