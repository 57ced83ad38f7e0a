import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Regression: product_sizes listed sizes in SKU order, so a catalogue numbering its SKUs
// XL, S, 3XL, ... showed them in that order. Sizes are now ordered as a merchant reads them
// (size_rank in queries/schema/macros.sql), within each parent and colour.
// Three parents, SKU codes deliberately out of size order:
//   SHOE (one colour): 40, 41.5, 38, 39, '41,5' written with a decimal comma (= 41.5, after
//     '41.5' by SKU), 'One size' is not numeric -> after the numbers
//   TEE (one colour): XL, S, 3XL, XXS, M, XS, L, XXL, 'extra small' (= XS, by SKU after T6)
//   MIX (one colour): 'm', '10', 'Petite', a missing size, 'Tall', '8'
//     -> numbers 8 < 10, then letter m, then Petite < Tall alphabetically, then the missing one
// Expected, hand-sorted:
//   SHOE: 38 (S3), 39 (S4), 40 (S1), 41.5 (S2), 41,5 (S5), One size (S6)
//   TEE:  XXS (T4), XS (T6), extra small (T9), S (T2), M (T5), L (T7), XL (T1), XXL (T8), 3XL (T3)
//   MIX:  8 (M6), 10 (M2), m (M1), Petite (M3), Tall (M5), missing (M4)
const PRODUCTS: [string, string, string][] = [
  ['S1', 'SHOE', '40'], ['S2', 'SHOE', '41.5'], ['S3', 'SHOE', '38'], ['S4', 'SHOE', '39'], ['S5', 'SHOE', '"41,5"'], ['S6', 'SHOE', 'One size'],
  ['T1', 'TEE', 'XL'], ['T2', 'TEE', 'S'], ['T3', 'TEE', '3XL'], ['T4', 'TEE', 'XXS'], ['T5', 'TEE', 'M'], ['T6', 'TEE', 'XS'],
  ['T7', 'TEE', 'L'], ['T8', 'TEE', 'XXL'], ['T9', 'TEE', 'extra small'],
  ['M1', 'MIX', 'm'], ['M2', 'MIX', '10'], ['M3', 'MIX', 'Petite'], ['M4', 'MIX', ''], ['M5', 'MIX', 'Tall'], ['M6', 'MIX', '8'],
];
const FIXTURE = {
  products: csv('sku,product_name,category,supplier,product_group,size,color', ...PRODUCTS.map(([sku, group, size]) => `${sku},${group} ${sku},apparel,supA,${group},${size},Blue`)),
  order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price,channel,region', ...PRODUCTS.map(([sku], i) => `O${i},L1,2024-01-02,${sku},5,20,web,DE`)),
  returns: csv('return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution', 'R1,O0,L1,S1,1,size_too_small,2024-01-10,20,refund'),
};

describe('product_sizes orders sizes as a merchant reads them', () => {
  const db = useEngine();

  it('numeric sizes by value, letter sizes XXS..3XL, other sizes alphabetically, a missing size last (regression: SKU order)', async () => {
    await db.fixture(FIXTURE);
    const order = async (product: string) => {
      const res = await db.runner().run('product_sizes', { product });
      expect(res.status).toBe('ok');
      return res.rows.map((r) => `${String(r.size)}=${String(r.sku)}`);
    };
    expect(await order('SHOE')).toEqual(['38=S3', '39=S4', '40=S1', '41.5=S2', '41,5=S5', 'One size=S6']);
    expect(await order('TEE')).toEqual(['XXS=T4', 'XS=T6', 'extra small=T9', 'S=T2', 'M=T5', 'L=T7', 'XL=T1', 'XXL=T8', '3XL=T3']);
    expect(await order('MIX')).toEqual(['8=M6', '10=M2', 'm=M1', 'Petite=M3', 'Tall=M5', 'null=M4']);
  });

  it('size_rank reads 2XL as XXL and 41,5 as 41.5 (equal keys), and a numeric size never sorts as text (10 after 9)', async () => {
    const rows = await db.runner().engine.query(
      `SELECT size_rank('2XL') = size_rank('XXL') AS xxl, size_rank('41,5') = size_rank('41.5') AS comma,
         size_rank('9') < size_rank('10') AS nine, size_rank('3XL') > size_rank('XXL') AS three, size_rank('XXS') < size_rank('XS') AS xxs`,
    );
    expect(rows[0]).toMatchObject({ xxl: true, comma: true, nine: true, three: true, xxs: true });
  });
});
