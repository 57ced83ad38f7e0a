import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answer, applySavedMapping, batchReadiness, canLoad, constantValue, dateFormatOptions, describeSource, draftFromBytes, draftFromCsvText, draftProblems,
  mappingFileName, numberFormatOf, openQuestions, optionLabel, previewCell, previewColumns, routeOf, setColumnSource, setDateFormat,
  lookedUpBy, setNumberFormat, sideFile, sourceChoiceOf, targetColumns, withChoice, withLookupRule, withRefundsRule, withSourceFormat, type BatchItem,
} from '../../src/app/loading/mapping-step';
import { CONTRACT } from '../../src/data-model/contract';
import { stringifyMapping } from '../../src/loader/import';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const enc = (s: string) => new TextEncoder().encode(s);
const spec = (table: keyof typeof CONTRACT, column: string) => CONTRACT[table].columns.find((c) => c.name === column)!;

describe('routing dropped files', () => {
  it('loads canonical names directly, maps other readable files, refuses the rest', () => {
    expect(routeOf('returns.csv')).toEqual({ kind: 'canonical', table: 'returns' });
    expect(routeOf('dir/ORDER_LINES.parquet')).toEqual({ kind: 'canonical', table: 'order_lines' });
    expect(routeOf('amazon_fba_returns.tsv')).toEqual({ kind: 'mapping' });
    expect(routeOf('reviews.json.txt')).toEqual({ kind: 'mapping' });
    expect(routeOf('export.numbers')).toMatchObject({ kind: 'unsupported', message: 'This type of file cannot be read. Use CSV, TSV, Parquet, JSON or an Excel workbook.' });
  });
});

describe('the mapping step for an Amazon FBA returns report', () => {
  const draft = draftFromBytes('amazon_fba_returns.tsv', fixture('amazon_fba_returns.tsv'));

  it('detects the preset with its confidence and asks the ambiguous date, never guessing', () => {
    expect(draft.choice).toEqual({ kind: 'preset', id: 'amazon_fba_returns' });
    expect(draft.presets[0]).toMatchObject({ id: 'amazon_fba_returns', confidence: 1, usable: true });
    expect(draft.origin).toBe('preset “Amazon FBA customer returns” (100% of its columns found)');
    expect(draft.mapping.source).toMatchObject({ delimiter: '\t', encoding: 'utf-8' });
    // 09-02-2024 … 12-02-2024: every day ≤ 12, so day-first and month-first both read all of them.
    const open = openQuestions(draft);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'date_format', source: 'return-date', options: ['%d-%m-%Y', '%m-%d-%Y'], suggested: '%d-%m-%Y', example: '09-02-2024' });
    expect(optionLabel(open[0]!, '%d-%m-%Y')).toBe('day-month-year — 09-02-2024 is 9 February 2024');
    expect(optionLabel(open[0]!, '%m-%d-%Y')).toBe('month-day-year — 09-02-2024 is 2 September 2024');
    // The suggestion is only preselected in the UI: the mapping has no format until answered.
    expect(canLoad(draft)).toBe(false);
    expect(draftProblems(draft)).toEqual([]);
  });

  it('loads once answered; the answer is the format of every column the question fills', () => {
    const q = openQuestions(draft)[0]!;
    const done = answer(draft, q, '%d-%m-%Y');
    expect(openQuestions(done)).toEqual([]);
    expect(canLoad(done)).toBe(true);
    expect(done.mapping.targets[0]!.columns.received_at).toEqual({ column: 'return-date', transform: { kind: 'date', format: '%d-%m-%Y' } });
    // The draft itself is not changed.
    expect(canLoad(draft)).toBe(false);
  });

  it('shows preset sources in the controls (combined columns) or in words, and lets a column be re-pointed', () => {
    const cols = targetColumns(draft, 0);
    expect(cols.slice(0, 2).map((c) => c.spec.name)).toEqual(['return_id', 'quantity']); // required first
    expect(sourceChoiceOf(draft.mapping.targets[0]!.columns.return_id)).toEqual({
      kind: 'concat', columns: ['order-id', 'sku', 'license-plate-number', 'return-date'], separator: '|', numberRepeats: false,
    });
    expect(describeSource(draft.mapping.targets[0]!.columns.return_id!)).toBe('“order-id” + “sku” + “license-plate-number” + “return-date” joined by “|”');
    expect(describeSource(draft.mapping.targets[0]!.columns.disposition!)).toBe('the first of “status” (codes translated), “detailed-disposition” (codes translated)');
    const d = setColumnSource(draft, 0, 'return_id', { kind: 'column', name: 'license-plate-number' });
    expect(d.mapping.targets[0]!.columns.return_id).toEqual({ column: 'license-plate-number' });
    expect(sourceChoiceOf(d.mapping.targets[0]!.columns.resolution)).toEqual({ kind: 'constant', value: 'refund' });
  });

  it('saves the mapping as JSON and reads it back for next month’s file; refuses bad or foreign mappings with clear errors', () => {
    const done = answer(draft, openQuestions(draft)[0]!, '%d-%m-%Y');
    expect(mappingFileName('exports/amazon_fba_returns.tsv')).toBe('amazon_fba_returns.mapping.json');
    const next = draftFromBytes('fba_march.tsv', fixture('amazon_fba_returns.tsv'));
    const saved = applySavedMapping(next, stringifyMapping(done.mapping), 'amazon_fba_returns.mapping.json');
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      expect(canLoad(saved.draft)).toBe(true);
      expect(saved.draft.origin).toBe('saved mapping “Amazon FBA customer returns” (amazon_fba_returns.mapping.json)');
      expect(saved.draft.choice).toEqual({ kind: 'preset', id: 'amazon_fba_returns' });
    }
    expect(applySavedMapping(next, '{ not json', 'm.json')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^m\.json: not valid JSON/)] });
    const broken = { ...done.mapping, version: 2, targets: [{ table: 'returns', columns: { quantity: { column: 'quantity' } } }] };
    expect(applySavedMapping(next, JSON.stringify(broken), 'm.json')).toEqual({
      ok: false,
      errors: ['m.json: version: must be 1 (got 2)', 'm.json: targets[0].columns: returns.return_id is required and not mapped'],
    });
    // A valid mapping for another file: names the columns this file lacks.
    const shop = draftFromBytes('shopify_orders_export.csv', fixture('shopify_orders_export.csv'));
    const foreign = applySavedMapping(shop, stringifyMapping(done.mapping), 'amazon.mapping.json');
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) {
      expect(foreign.errors).toEqual(['amazon.mapping.json reads files separated by tab, but shopify_orders_export.csv is separated by comma ,: it is a mapping for another kind of file.']);
    }
    // Same delimiter, other columns: the missing ones are named, with the file's columns (the first 12).
    const asCsv = { ...done.mapping, source: { ...done.mapping.source, delimiter: ',' as const, quote: '"' as const } };
    const other = applySavedMapping(shop, stringifyMapping(asCsv), 'amazon.mapping.json');
    expect(other.ok).toBe(false);
    if (!other.ok) {
      expect(other.errors[0]).toMatch(/^amazon\.mapping\.json reads columns “order-id”, “sku”, “license-plate-number”, “return-date”, “quantity”, .*, which shopify_orders_export\.csv does not have \(its columns: “Name”, “Email”, .*, “Taxes”, “Total” and 67 more\)\.$/);
    }
  });
});

describe('the mapping step for a Shopify orders export (custom mapping)', () => {
  const draft = draftFromBytes('shopify_orders_export.csv', fixture('shopify_orders_export.csv'));

  it('suggests a table and columns; the user switches the table and fills what is missing', () => {
    // Whatever presets detect (new ones appear through detectPresets), a custom mapping is a choice.
    expect(draft.tables.map((t) => t.table)).toContain('order_lines');
    const lines = withChoice(draft, { kind: 'custom', table: 'order_lines' });
    expect(lines.origin).toBe('suggested from the column names and values (order_lines)');
    const cols = lines.mapping.targets[0]!.columns;
    expect(cols.sku).toEqual({ column: 'Lineitem sku' });
    expect(cols.order_date).toEqual({ column: 'Created at', transform: { kind: 'date', format: 'iso' } });
    expect(cols.quantity).toMatchObject({ column: 'Lineitem quantity' });
    expect(draftProblems(lines)).toEqual(['Choose where order_lines.order_id comes from: it is required.']);
    expect(canLoad(lines)).toBe(false);
    const ok = setColumnSource(lines, 0, 'order_id', { kind: 'column', name: 'Name' });
    expect(canLoad(ok)).toBe(true);
    // line number, constant, nothing
    const numbered = setColumnSource(ok, 0, 'line_id', { kind: 'line' });
    expect(numbered.mapping.targets[0]!.columns.line_id).toEqual({ lineNumber: true });
    const web = setColumnSource(numbered, 0, 'channel', { kind: 'constant', value: 'web' });
    expect(web.mapping.targets[0]!.columns.channel).toEqual({ constant: 'web' });
    const none = setColumnSource(web, 0, 'region', { kind: 'none' });
    expect(none.mapping.targets[0]!.columns.region).toBeUndefined();
    expect(previewColumns(none.mapping, 'order_lines')).toEqual(['order_id', 'line_id', 'order_date', 'sku', 'quantity', 'unit_price', 'currency', 'channel']);
    // A constant that does not fit the column is reported, not loaded.
    const bad = setColumnSource(none, 0, 'quantity', { kind: 'constant', value: 'two' });
    expect(draftProblems(bad)).toEqual(['order_lines.quantity.constant: quantity is a number: the constant must be a number']);
  });

  it('asks when the user points a date column at ambiguous dates, and the chosen format answers it', () => {
    const text = 'Order,Date,Sku,Qty,Price\nA1,01/02/2024,X,1,"$1,234.50"\nA2,03/04/2024,Y,2,"$12.00"\n';
    let d = withChoice(draftFromBytes('sales.csv', enc(text)), { kind: 'custom', table: 'order_lines' });
    d = setColumnSource(d, 0, 'line_id', { kind: 'line' });
    d = setColumnSource(d, 0, 'order_date', { kind: 'column', name: 'Date' });
    const open = openQuestions(d);
    expect(open.map((q) => [q.kind, q.source, q.options])).toEqual([['date_format', 'Date', ['%d/%m/%Y', '%m/%d/%Y']]]);
    expect(canLoad(d)).toBe(false);
    expect(dateFormatOptions(d, 'Date', null).slice(0, 2).map((o) => o.format)).toEqual(['%d/%m/%Y', '%m/%d/%Y']);
    expect(dateFormatOptions(d, 'Date', null)[0]!.label).toBe('day/month/year (%d/%m/%Y) — reads 100% of the sample');
    const answered = setDateFormat(d, 0, 'order_date', '%m/%d/%Y');
    expect(openQuestions(answered)).toEqual([]);
    expect(canLoad(answered)).toBe(true);
    // Currency strings with thousands commas were recognised for the price; the file-level
    // notation shows currency on, as one column uses it.
    expect(answered.mapping.targets[0]!.columns.unit_price).toEqual({
      column: 'Price', transform: { kind: 'number', decimal: '.', thousands: ',', currency: true, sign: 'keep' },
    });
    expect(answered.mapping.targets[0]!.columns.quantity).toMatchObject({ transform: { currency: false } });
    expect(numberFormatOf(answered.mapping)).toEqual({ decimal: '.', thousands: ',', currency: true });
  });

  it('one number notation for the file: decimal comma, thousands dot, currency; answers number questions', () => {
    // "1,234" reads as 1234 (thousands comma) or 1.234 (decimal comma): asked.
    const text = 'Order;Line;Date;Sku;Qty;Price\nA1;1;2024-01-02;X;1;1,234\nA2;1;2024-01-03;Y;2;5,000\n';
    const d = withChoice(draftFromBytes('eu.csv', enc(text)), { kind: 'custom', table: 'order_lines' });
    expect(d.mapping.source.delimiter).toBe(';');
    const open = openQuestions(d);
    expect(open.map((q) => [q.kind, q.source])).toEqual([['number_format', 'Price']]);
    expect(optionLabel(open[0]!, open[0]!.options[0]!)).toBe('decimal “.”, thousands “,”');
    const eu = setNumberFormat(d, { decimal: ',', thousands: '.', currency: true });
    expect(openQuestions(eu)).toEqual([]);
    expect(numberFormatOf(eu.mapping)).toEqual({ decimal: ',', thousands: '.', currency: true });
    expect(eu.mapping.targets[0]!.columns.quantity).toMatchObject({ transform: { decimal: ',', thousands: '.', currency: true, sign: 'keep' } });
    expect(canLoad(eu)).toBe(true);
    // A number column chosen afterwards reads with the file's notation.
    const later = setColumnSource(eu, 0, 'unit_price', { kind: 'column', name: 'Qty' });
    expect(later.mapping.targets[0]!.columns.unit_price).toMatchObject({ transform: { decimal: ',', thousands: '.' } });
  });

  it('re-reads the file with another delimiter or encoding, keeping the mapping when the header reads the same', () => {
    const text = 'Order;Line;Date;Sku;Qty;Price\nA1;1;2024-01-02;Crème;1;2\n';
    const d = withChoice(draftFromBytes('eu.csv', enc(text)), { kind: 'custom', table: 'order_lines' });
    const commas = withSourceFormat(d, { delimiter: ',' });
    expect(commas.sniff.header).toEqual(['Order;Line;Date;Sku;Qty;Price']);
    expect(commas.mapping.source.delimiter).toBe(',');
    expect(draftProblems(commas).length).toBeGreaterThan(0);
    const back = withSourceFormat(commas, { delimiter: ';' });
    expect(back.sniff.header).toEqual(['Order', 'Line', 'Date', 'Sku', 'Qty', 'Price']);
    // cp1252 bytes: "Crème" is 0xE8, invalid UTF-8; detected as windows-1252, can be switched to Latin-1.
    const bytes = Uint8Array.from([...text].map((ch) => (ch === 'è' ? 0xe8 : ch.charCodeAt(0))));
    const win = withChoice(draftFromBytes('eu.csv', bytes), { kind: 'custom', table: 'order_lines' });
    expect(win.mapping.source.encoding).toBe('windows-1252');
    expect(win.sniff.rows[0]![3]).toBe('Crème');
    const latin = withSourceFormat(win, { encoding: 'latin-1' });
    expect(latin.mapping.source.encoding).toBe('latin-1');
    expect(latin.mapping.targets).toEqual(win.mapping.targets); // same header: mapping kept
    const utf = withSourceFormat(win, { encoding: 'utf-8' });
    expect(utf.sniff.rows[0]![3]).toBe('Cr\uFFFDme');
  });

  it('maps converted Parquet / JSON text the same way', () => {
    const first = draftFromCsvText('reviews_dump.json', 'review_id,sku,stars,text\nV1,A,5,great\n', 'json');
    expect(first.converted).toBe('json');
    expect(first.tables[0]!.table).toBe('reviews');
    const d = withChoice(first, { kind: 'custom', table: 'reviews' });
    expect(d.mapping.targets[0]!.columns.rating).toMatchObject({ column: 'stars' });
    expect(canLoad(d)).toBe(true);
  });
});

describe('a Shopify orders export next to a Shopify returns file', () => {
  const item = (name: string) => {
    const draft = draftFromBytes(name, fixture(`presets/shopify/${name}`));
    return { name, route: routeOf(name), status: 'ready' as const, draft };
  };
  const tables = (d: { draft: ReturnType<typeof draftFromBytes> | null }) => d.draft!.mapping.targets.map((t) => t.table);

  it('does not turn the refunds into returns while the returns file is in the batch (as import-check --returns-file)', () => {
    const orders = item('orders_export.csv');
    const returns = item('shopify_returns.csv');
    expect(tables(orders)).toEqual(['order_lines', 'products', 'returns']);
    const both = withRefundsRule([orders, returns]);
    expect(tables(both[0]!)).toEqual(['order_lines', 'products']);
    expect(both[0]!.draft!.notes).toContain('Refunded orders are not turned into returns: the line-level returns come from another file.');
    expect(both[1]).toBe(returns);
    // The returns file removed: refunds are returns again.
    expect(tables(withRefundsRule([both[0]!])[0]!)).toEqual(['order_lines', 'products', 'returns']);
  });

  it('leaves a mapping the user changed as it is', () => {
    const orders = item('orders_export.csv');
    const edited = { ...orders, draft: { ...orders.draft, mapping: { ...orders.draft.mapping, name: 'my Shopify mapping' } } };
    expect(withRefundsRule([edited, item('shopify_returns.csv')])[0]).toBe(edited);
  });
});

describe('small helpers', () => {
  it('types constants by their column and shows stored values', () => {
    expect(constantValue(' 3 ', spec('order_lines', 'quantity'))).toBe(3);
    expect(constantValue('web', spec('order_lines', 'channel'))).toBe('web');
    expect(constantValue('yes', spec('returns', 'pickup_failed'))).toBe(true);
    expect(constantValue('x', spec('order_lines', 'unit_price'))).toBe('x');
    expect(previewCell(new Date('2024-02-09T00:00:00Z'))).toBe('2024-02-09');
    expect(previewCell(new Date('2024-02-09T10:15:00Z'))).toBe('2024-02-09 10:15:00');
    expect(previewCell(null)).toBe('—');
    expect(previewCell(12.5)).toBe('12.5');
  });
});

describe('lookup-only files: AdventureWorks sales, returns and products dropped with their lookup lists', () => {
  const AW = '/work/shared/data/adventureworks';
  const MAPPINGS = path.resolve(__dirname, '../../data/mappings');
  const item = (name: string, mapping?: string): BatchItem => {
    let draft = draftFromBytes(name, new Uint8Array(readFileSync(path.join(AW, name))));
    if (mapping) {
      const r = applySavedMapping(draft, readFileSync(path.join(MAPPINGS, mapping), 'utf8'), mapping);
      if (!r.ok) throw new Error(r.errors.join('; '));
      draft = r.draft;
    }
    return { name, route: routeOf(name), status: 'ready', draft };
  };
  const lookupOnly = (items: BatchItem[]) => Object.fromEntries(items.map((i) => [i.name, i.lookupOnly ?? false]));
  const LISTS = ['AdventureWorks_Product_Categories.csv', 'AdventureWorks_Product_Subcategories.csv', 'AdventureWorks_Territories.csv'];

  it('suggests "lookup only" for a file a loaded mapping looks values up in, not for one whose own mapping loads it', () => {
    const sales = item('AdventureWorks_Sales_2015.csv', 'adventureworks_sales.json');
    const lists = LISTS.map((n) => item(n));
    // The products file before its mapping is chosen: only looked up (by the sales mapping). The
    // category lists, looked up by nobody yet, are side files (no table would get their columns):
    // not loaded either, as the CLI leaves them unused.
    const before = withLookupRule([sales, item('AdventureWorks_Products.csv'), ...lists]);
    expect(lookupOnly(before)).toEqual({
      'AdventureWorks_Sales_2015.csv': false, 'AdventureWorks_Products.csv': true,
      'AdventureWorks_Product_Categories.csv': true, 'AdventureWorks_Product_Subcategories.csv': true, 'AdventureWorks_Territories.csv': true,
    });
    expect(lookedUpBy(before, before[4]!)).toEqual(['AdventureWorks_Sales_2015.csv']);
    // With the products mapping: products load (its mapping names it), its categories and subcategories become lookups.
    const items = withLookupRule([sales, item('AdventureWorks_Products.csv', 'adventureworks_products.json'), item('AdventureWorks_Returns.csv', 'adventureworks_returns.json'), ...lists]);
    expect(lookupOnly(items)).toEqual({
      'AdventureWorks_Sales_2015.csv': false, 'AdventureWorks_Products.csv': false, 'AdventureWorks_Returns.csv': false,
      'AdventureWorks_Product_Categories.csv': true, 'AdventureWorks_Product_Subcategories.csv': true, 'AdventureWorks_Territories.csv': true,
    });
    expect(lookedUpBy(items, items[5]!)).toEqual(['AdventureWorks_Sales_2015.csv', 'AdventureWorks_Returns.csv']);
    // The user's choice wins both ways.
    const chosen = withLookupRule(items.map((i) => (i.name === 'AdventureWorks_Territories.csv' ? { ...i, lookupChoice: false } : i.name === 'AdventureWorks_Returns.csv' ? { ...i, lookupChoice: true } : i)));
    expect(chosen.find((i) => i.name === 'AdventureWorks_Territories.csv')!.lookupOnly).toBe(false);
    expect(chosen.find((i) => i.name === 'AdventureWorks_Returns.csv')!.lookupOnly).toBe(true);
    // A file that cannot be read is never lookup only.
    expect(withLookupRule([sales, { ...lists[2]!, status: 'error' }])[1]!.lookupOnly ?? false).toBe(false);
  });

  it('ticks a side file "not loaded" by the CLI\'s rule (a managers sheet), never an export waiting for its mapping', () => {
    const people = { name: 'People.csv', route: routeOf('People.csv'), status: 'ready' as const, draft: draftFromBytes('People.csv', enc('Regional Manager,Region\nAnna,West\nChuck,East\n')) };
    const orders = { name: 'Orders.csv', route: routeOf('Orders.csv'), status: 'ready' as const, draft: draftFromBytes('Orders.csv', enc('order,sku,qty,price,date\nA1,K1,2,9.50,2024-01-05\n')) };
    const named = { name: 'returns.csv', route: routeOf('returns.csv', ['Person', 'Region']), status: 'ready' as const, draft: draftFromBytes('returns.csv', enc('Person,Region\nAnna,West\n')) };
    expect([sideFile(people), sideFile(orders), sideFile(named)]).toEqual([true, false, false]);
    const items = withLookupRule([people, orders, named]);
    expect(lookupOnly(items)).toEqual({ 'People.csv': true, 'Orders.csv': false, 'returns.csv': false });
    // Unticked by the user, it is a custom mapping again and "Load all" waits for it.
    const unticked = withLookupRule<BatchItem>([{ ...people, lookupChoice: false }]);
    expect(unticked[0]!.lookupOnly ?? false).toBe(false);
    expect(batchReadiness(unticked).ready).toBe(false);
  });

  it('"Load all" does not wait for the mapping of a lookup-only file', () => {
    const items = [
      item('AdventureWorks_Sales_2015.csv', 'adventureworks_sales.json'), item('AdventureWorks_Products.csv', 'adventureworks_products.json'),
      item('AdventureWorks_Returns.csv', 'adventureworks_returns.json'), ...LISTS.map((n) => item(n)),
    ];
    // The committed mappings read columns of their lookup files ("products.ProductSKU"): not asked of the file itself.
    expect(items.slice(0, 3).map((i) => [draftProblems(i.draft!), canLoad(i.draft!)])).toEqual([[[], true], [[], true], [[], true]]);
    // Loaded as tables, the lists' suggested mappings lack required columns: the batch waits.
    const asTables = batchReadiness(items);
    expect(asTables.ready).toBe(false);
    expect(asTables.waiting.some((w) => w.startsWith('AdventureWorks_Territories.csv: '))).toBe(true);
    expect(batchReadiness(withLookupRule(items))).toEqual({ ready: true, waiting: [] });
  });
});
