import { describe, expect, it } from 'vitest';
import {
  decodeBytes, detectDelimiter, detectEncoding, headerNames, readRecords, sniff, sniffText,
} from '../../src/loader/import/decode';
import { detectDateFormat, parseDate, formatParsed } from '../../src/loader/import/dates';
import { detectNumberFormat, profileColumns } from '../../src/loader/import/profile';
import { answerQuestion, nameScore, normalizeName, suggestMapping, suggestTables } from '../../src/loader/import/suggest';
import { validateMapping } from '../../src/loader/import/spec/validate';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** windows-1252 bytes of a text made of ASCII + the few characters used here. */
function cp1252(s: string): Uint8Array {
  const table: Record<string, number> = { '€': 0x80, '’': 0x92, 'é': 0xe9, 'è': 0xe8, 'ö': 0xf6, 'ß': 0xdf, '£': 0xa3 };
  return Uint8Array.from([...s].map((ch) => table[ch] ?? ch.charCodeAt(0)));
}

describe('decoding', () => {
  it('detects and decodes windows-1252 (€ and ’ are 0x80 and 0x92)', () => {
    const bytes = cp1252('Größe;Preis\nCafé crème;€ 12,50\nl’été;£3\n');
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'windows-1252', bom: null });
    expect(decodeBytes(bytes, 'windows-1252')).toBe('Größe;Preis\nCafé crème;€ 12,50\nl’été;£3\n');
    // Latin-1 proper maps 0x80 and 0x92 to control characters, the rest the same.
    expect(decodeBytes(bytes, 'latin-1')).toBe('Größe;Preis\nCafé crème;\u0080 12,50\nl\u0092été;£3\n');
    // Read as UTF-8 the bytes are invalid: replacement characters show the wrong choice.
    expect(decodeBytes(bytes, 'utf-8')).toContain('\uFFFD');
  });

  it('strips a UTF-8 BOM, which wins over the chosen encoding', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('ürün,fiyat\nçay,1\n')]);
    expect(detectEncoding(bytes)).toMatchObject({ encoding: 'utf-8', bom: 'utf-8' });
    expect(decodeBytes(bytes, 'windows-1252')).toBe('ürün,fiyat\nçay,1\n');
    expect(sniff(bytes).header).toEqual(['ürün', 'fiyat']);
  });

  it('reads UTF-16 files by their BOM (Excel "Unicode text")', () => {
    const body = 'a\tb\n1\t€\n';
    const le = new Uint8Array(2 + body.length * 2);
    le.set([0xff, 0xfe]);
    [...body].forEach((ch, i) => {
      le[2 + 2 * i] = ch.charCodeAt(0) & 0xff;
      le[3 + 2 * i] = ch.charCodeAt(0) >> 8;
    });
    expect(detectEncoding(le).bom).toBe('utf-16le');
    expect(decodeBytes(le, 'utf-8')).toBe(body);
  });

  it('plain ASCII and valid UTF-8 are UTF-8', () => {
    expect(detectEncoding(utf8('a,b\n1,2\n')).encoding).toBe('utf-8');
    expect(detectEncoding(utf8('a,b\nçay,2\n'))).toMatchObject({ encoding: 'utf-8', why: 'the bytes are valid UTF-8' });
  });
});

describe('records and delimiters', () => {
  it('reads quoted delimiters, doubled quotes, quoted line breaks, CRLF and blank lines', () => {
    const text = 'id,note,n\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n\r\n3,"two\r\nlines",4\r\n4,,5';
    const recs = readRecords(text, ',', '"');
    expect(recs.map((r) => r.cells)).toEqual([
      ['id', 'note', 'n'],
      ['1', 'a, b', '2'],
      ['2', 'say "hi"', '3'],
      ['3', 'two\r\nlines', '4'],
      ['4', '', '5'],
    ]);
    // Physical start lines: the blank line 4 is skipped, the quoted break makes record 5 two lines long.
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5, 7]);
  });

  it('finds semicolons in a decimal-comma file, tabs, pipes', () => {
    // Split on commas the semicolon file gives 1 cell in the header and 2 in the rows: inconsistent.
    const semi = 'id;price;qty\n1;12,50;2\n2;3,99;1\n3;1.234,00;7\n';
    expect(detectDelimiter(semi)).toMatchObject({ delimiter: ';', confidence: 1 });
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n').delimiter).toBe('|');
    // Quoted commas do not count as delimiters.
    expect(detectDelimiter('name;amount\n"Smith, J";"$1,234.50"\n"Doe, A";"$2.00"\n').delimiter).toBe(';');
    // One column: comma by default, tab for a .tsv name.
    expect(detectDelimiter('only\n1\n2\n').delimiter).toBe(',');
    expect(detectDelimiter('only\n1\n2\n', '"', 'x.tsv').delimiter).toBe('\t');
  });

  it('names header cells uniquely', () => {
    expect(headerNames(['id', ' Name ', '', 'name', 'ID'])).toEqual(['id', 'Name', 'column3', 'name (2)', 'ID (2)']);
  });
});

describe('dates', () => {
  it('parses the supported formats like DuckDB strptime (checked against DuckDB in apply.test)', () => {
    expect(formatParsed(parseDate('1-Jan-2016', '%d-%b-%Y')!)).toBe('2016-01-01 00:00:00');
    expect(formatParsed(parseDate('10/2/2017 10:56', '%m/%d/%Y %H:%M')!)).toBe('2017-10-02 10:56:00');
    expect(formatParsed(parseDate('12/31/2024 11:05 PM', '%m/%d/%Y %I:%M %p')!)).toBe('2024-12-31 23:05:00');
    expect(formatParsed(parseDate('2025-06-05T15:31:40+02:00', 'iso')!)).toBe('2025-06-05 15:31:40');
    expect(formatParsed(parseDate('2025-06-05T15:31:40+02:00', 'iso')!, 'utc')).toBe('2025-06-05 13:31:40');
    expect(parseDate('31/04/2024', '%d/%m/%Y')).toBeNull(); // April has 30 days
    expect(parseDate('5-jan-16', '%d-%b-%Y')).toBeNull(); // year 16
    expect(parseDate('05-Sept-2024', '%d-%b-%Y')).toBeNull();
  });

  it('reports 01/02/2024-style samples as ambiguous instead of guessing', () => {
    const g = detectDateFormat(['01/02/2024', '03/04/2024', '12/11/2023']);
    expect(g).toMatchObject({ format: null, ambiguous: true, fits: ['%d/%m/%Y', '%m/%d/%Y'], example: '01/02/2024' });
    // One day above 12 settles it, either way round.
    expect(detectDateFormat(['01/02/2024', '13/02/2024'])).toMatchObject({ format: '%d/%m/%Y', ambiguous: false });
    expect(detectDateFormat(['01/02/2024', '02/13/2024'])).toMatchObject({ format: '%m/%d/%Y', ambiguous: false });
    // Two-digit years are as ambiguous (the synthetic file's dd-mm-yy).
    expect(detectDateFormat(['05-01-24', '11-12-23'])).toMatchObject({ ambiguous: true, fits: ['%d-%m-%y', '%m-%d-%y'] });
  });

  it('recognises the export date forms of the shared data', () => {
    expect(detectDateFormat(['2025-06-05T15:31:40+00:00', '2025-06-07T01:02:03+00:00'])).toMatchObject({ format: 'iso', hasOffset: true });
    expect(detectDateFormat(['1-Jan-2016', '23-Feb-2017']).format).toBe('%d-%b-%Y');
    expect(detectDateFormat(['10/2/2017 10:56', '10/20/2017 9:05']).format).toBe('%m/%d/%Y %H:%M');
    expect(detectDateFormat(['2011-03-10 16:16:00']).format).toBe('iso');
    expect(detectDateFormat(['2026-04-05 21:06:21 +0400']).format).toBe('iso');
    // Nothing reads all: the best with its share.
    expect(detectDateFormat(['2024-01-05', '2024-01-06', 'soon'])).toMatchObject({ format: null, ambiguous: false, best: { format: 'iso' } });
  });
});

describe('numbers', () => {
  it('finds separators and currency strings, and says when they are ambiguous', () => {
    expect(detectNumberFormat(['$1,234.50', '$12.00', '(3.10)'])).toMatchObject({
      decimal: '.', thousands: ',', currency: true, ambiguous: false, negatives: true, whole: false,
    });
    expect(detectNumberFormat(['1.234,50', '12,5'])).toMatchObject({ decimal: ',', thousands: '.', ambiguous: false });
    expect(detectNumberFormat(['12,50 €', '1 234,00 €'])).toMatchObject({ decimal: ',', thousands: ' ', currency: true, ambiguous: false });
    // 1,234 is 1234 or 1.234: ask.
    expect(detectNumberFormat(['1,234', '2,500'])).toMatchObject({ ambiguous: true, example: '1,234' });
    // Whole numbers read the same in every notation: nothing to ask.
    expect(detectNumberFormat(['12', '-7'])).toMatchObject({ ambiguous: false, whole: true, negatives: true });
    expect(detectNumberFormat(['12', 'abc'])).toBeNull();
  });
});

describe('suggestions', () => {
  const shop = sniffText(
    [
      'OrderNumber;Placed;Article No;Qty;Unit Price;Ship Country;Customer;Comment',
      '1001;13/02/2024;A-1;2;"1.234,50";DE;C1;first',
      '1001;13/02/2024;B-2;1;9,99;DE;C1;',
      '1002;14/02/2024;A-1;NA;12,00;FR;NA;late',
    ].join('\n'),
    'orders.csv',
  );

  it('normalises and scores header names', () => {
    expect(normalizeName('OrderNumber')).toBe('order number');
    expect(normalizeName('amazon-order-id')).toBe('amazon order id');
    expect(normalizeName('CustomerID')).toBe('customer id');
    expect(nameScore('InvoiceNo', 'order_id')).toBe(1);
    expect(nameScore('amazon-order-id', 'order_id')).toBe(1);
    expect(nameScore('Order ID (internal)', 'order_id')).toBe(0.8);
    expect(nameScore('Colour', 'sku')).toBe(0);
  });

  it('maps by header names and by values, with the separators the values need', () => {
    const s = suggestMapping(shop, 'order_lines', 'shop');
    expect(s.missingRequired).toEqual(['line_id']);
    expect(s.mapping.source).toEqual({ encoding: 'utf-8', delimiter: ';', quote: '"', skipLines: 0, header: true, nullValues: ['NA'] });
    expect(s.mapping.targets[0]!.columns).toEqual({
      order_id: { column: 'OrderNumber' },
      // "Placed" is no known name: found as the only date column.
      order_date: { column: 'Placed', transform: { kind: 'date', format: '%d/%m/%Y' } },
      sku: { column: 'Article No' },
      quantity: { column: 'Qty', transform: { kind: 'number', decimal: '.', thousands: ',', currency: false, sign: 'keep' } },
      unit_price: { column: 'Unit Price', transform: { kind: 'number', decimal: ',', thousands: '.', currency: false, sign: 'keep' } },
      customer_id: { column: 'Customer' },
      region: { column: 'Ship Country' },
    });
    expect(s.columns.find((c) => c.column === 'order_date')!.why).toBe('the only column left whose values are dates');
    expect(s.questions).toEqual([]);
  });

  it('asks about ambiguous dates; the answer completes the mapping', () => {
    const file = sniffText('order_id,line_id,order_date,sku,quantity,unit_price\nO1,1,01/02/2024,A,1,5\nO2,1,03/04/2024,A,1,5\n');
    const s = suggestMapping(file, 'order_lines');
    expect(s.missingRequired).toEqual([]);
    expect(s.questions).toHaveLength(1);
    const q = s.questions[0]!;
    expect(q).toMatchObject({ kind: 'date_format', fills: [{ target: 0, column: 'order_date' }], options: ['%d/%m/%Y', '%m/%d/%Y'] });
    expect(q.text).toBe('"order_date" holds dates like 01/02/2024 that read as day/month/year or as month/day/year: which is it?');
    expect(validateMapping(s.mapping).ok).toBe(false);
    const answered = answerQuestion(s.mapping, q, '%m/%d/%Y');
    expect(validateMapping(answered).ok).toBe(true);
    expect(answered.targets[0]!.columns.order_date).toEqual({ column: 'order_date', transform: { kind: 'date', format: '%m/%d/%Y' } });
  });

  it('asks about ambiguous thousands/decimal separators', () => {
    const file = sniffText('sku;unit_cost\nA;1,250\nB;2,500\n');
    const s = suggestMapping(file, 'products');
    expect(s.questions.map((q) => [q.kind, q.fills, q.example])).toEqual([['number_format', [{ target: 0, column: 'unit_cost' }], '1,250']]);
    const m = answerQuestion(s.mapping, s.questions[0]!, { decimal: ',', thousands: '' });
    expect(m.targets[0]!.columns.unit_cost).toEqual({ column: 'unit_cost', transform: { kind: 'number', decimal: ',', thousands: '', currency: false, sign: 'keep' } });
  });

  it('profiles columns and ranks the tables a file can fill', () => {
    const kinds = profileColumns(shop).map((p) => [p.name, p.kind]);
    expect(kinds).toEqual([
      ['OrderNumber', 'integer'], ['Placed', 'date'], ['Article No', 'text'], ['Qty', 'integer'],
      ['Unit Price', 'number'], ['Ship Country', 'text'], ['Customer', 'text'], ['Comment', 'text'],
    ]);
    const reviews = sniffText('review_id,sku,rating,review text,date\nV1,A,5,great,2024-01-01\n');
    expect(suggestTables(reviews)[0]!.table).toBe('reviews');
    expect(suggestTables(shop)[0]!.table).toBe('order_lines');
  });
});
