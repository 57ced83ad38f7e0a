import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Lines: O1 web/DE (A, B), O2 App/fr (A), O3 no channel/DE (C). Products: A cat "shoes" by
// "Zeta", B "Home" by "alpha", C has no category or supplier. Shipments: O1 DHL, O2 ups.
// Expected (case-insensitive order, '(unknown)' left out, counts = order lines):
//   channel: App 1, web 2      region: DE 3, fr 1      category: Home 1, shoes 2
//   supplier: alpha 1, Zeta 2  carrier: DHL 2, ups 1
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,1,2024-01-01,A,1,10,web,DE',
    'O1,2,2024-01-01,B,1,10,web,DE',
    'O2,1,2024-01-02,A,1,10,App,fr',
    'O3,1,2024-01-03,C,1,10,,DE',
  ),
  products: csv('sku,category,supplier', 'A,shoes,Zeta', 'B,Home,alpha', 'C,,'),
  shipments: csv('order_id,carrier', 'O1,DHL', 'O2,ups'),
};

describe('filter_options', () => {
  const db = useEngine();
  const run = async (dim: string) => (await db.runner().run('filter_options', { dim })).rows;

  it('lists each filter value once, alphabetically, without missing values', async () => {
    await db.fixture(FIXTURE);
    expect(await run('channel')).toEqual([{ value: 'App', order_lines: 1 }, { value: 'web', order_lines: 2 }]);
    expect(await run('region')).toEqual([{ value: 'DE', order_lines: 3 }, { value: 'fr', order_lines: 1 }]);
    expect(await run('category')).toEqual([{ value: 'Home', order_lines: 1 }, { value: 'shoes', order_lines: 2 }]);
    expect(await run('supplier')).toEqual([{ value: 'alpha', order_lines: 1 }, { value: 'Zeta', order_lines: 2 }]);
    expect(await run('carrier')).toEqual([{ value: 'DHL', order_lines: 2 }, { value: 'ups', order_lines: 1 }]);
  });

  it('says which column it needs when the data has none', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines });
    expect(await db.runner().run('filter_options', { dim: 'carrier' })).toMatchObject({ status: 'needs_columns', missing: ['shipments.carrier'] });
  });
});
