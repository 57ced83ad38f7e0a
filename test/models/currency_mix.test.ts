import { afterEach, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// Regression: amounts in different currencies were summed into one total labelled with one of them.
// Hand-worked. EUR has 2 of the 3 order lines → the reporting currency unless the user chooses.
//   O1 2×10 EUR (A)   O2 1×20 EUR (A)   O3 1×100 USD (B)        unit costs: A 4, B 30
//   R1 on O1: refund 10, label 2                      (no recovery: no disposition)
//   R2 on O3: refund 100, label 5, recovery 50 reported (USD)
// No rate for USD: O3 and R2 are out of every money figure, still in counts and unit rates.
//   gross 2×10 + 20 = 40; refund 10; value returned 1×10 (R2's is out) → value rate 10/40 = 0.25
//   cost: refund 10, label 2, handling 2 × 4.5 = 9 (assumption, per return), recovery 0,
//   lost margin min(10, 10) − 4 = 6; net 10 + 2 + 9 − 0 = 21
// USD=0.9: O3 is 90 EUR, R2 refund 90, label 4.5, recovery 45.
//   gross 130; refund 100; value returned 10 + 90 = 100 → 100/130
//   cost: refund 100, label 6.5, handling 9, recovery 45, lost margin 6 + (min(90, 90) − 30) = 66;
//   net 100 + 6.5 + 9 − 45 = 70.5
// Reporting USD, no rate for EUR: only O3 and R2: gross 100, refund 100, 2 lines left out.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel',
    'O1,L1,2024-01-05,A,2,10,EUR,web',
    'O2,L1,2024-01-10,A,1,20,EUR,web',
    'O3,L1,2024-01-15,B,1,100,USD,web',
  ),
  products: csv('sku,category,supplier,unit_cost', 'A,cat1,sup1,4', 'B,cat2,sup2,30'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution,recovery_value,label_cost',
    'R1,O1,L1,A,1,size_too_small,2024-01-07,10,refund,,2',
    'R2,O3,L1,B,1,defective,2024-01-17,100,refund,50,5',
  ),
};

const close = (row: Row, expected: Record<string, number>) => {
  for (const [k, v] of Object.entries(expected)) expect(row[k], k).toBeCloseTo(v, 10);
};

describe('a data set with more than one currency', () => {
  const db = useEngine();
  afterEach(async () => {
    await db.runner().setCurrency({});
  });

  it('without a rate: leaves the other currency out of money figures, keeps it in counts, and says so', async () => {
    await db.fixture(FIXTURE);
    const k = (await db.runner().run('kpis')).rows[0]!;
    expect(k).toMatchObject({
      currency: 'EUR', orders: 3, units_sold: 4, returns: 2, units_returned: 2, unit_return_rate: 0.5,
      money_lines_excluded: 1, money_currencies_excluded: 'USD', money_lines_converted: 0,
    });
    close(k, { gross_sales: 40, refund_amount: 10, value_return_rate: 0.25 });

    const cost = (await db.runner().run('cost_of_returns', { dim: 'all' })).rows[0]!;
    expect(cost.returns).toBe(2);
    close(cost, { refund_amount: 10, label_cost: 2, handling_cost: 9, recovery_value: 0, lost_margin: 6, net_cost: 21 });

    const dq = (await db.runner().run('data_quality')).rows[0]!;
    expect(dq.notes).toBe(
      'currency mix: 1 order line in USD (total 100.00 USD) left out of money figures; supply a rate or choose the reporting currency',
    );
  });

  it('with a rate: converts the other currency into the reporting one', async () => {
    await db.fixture(FIXTURE);
    await db.runner().setCurrency({ rates: { usd: 0.9 } });
    const k = (await db.runner().run('kpis')).rows[0]!;
    expect(k).toMatchObject({ currency: 'EUR', money_lines_excluded: 0, money_currencies_excluded: null, money_lines_converted: 1 });
    close(k, { gross_sales: 130, refund_amount: 100, value_return_rate: 100 / 130 });

    const cost = (await db.runner().run('cost_of_returns', { dim: 'all' })).rows[0]!;
    close(cost, { refund_amount: 100, label_cost: 6.5, handling_cost: 9, recovery_value: 45, lost_margin: 66, net_cost: 70.5 });
    expect((await db.runner().run('data_quality')).rows[0]!.notes).toBe('currency mix: 1 order line in USD converted to EUR at 0.9 per USD');
  });

  it('with a chosen reporting currency: the other one is left out (or converted) instead', async () => {
    await db.fixture(FIXTURE);
    await db.runner().setCurrency({ reporting: 'USD' });
    const k = (await db.runner().run('kpis')).rows[0]!;
    expect(k).toMatchObject({ currency: 'USD', orders: 3, money_lines_excluded: 2, money_currencies_excluded: 'EUR' });
    close(k, { gross_sales: 100, refund_amount: 100 });
    expect((await db.runner().run('data_quality')).rows[0]!.notes).toBe(
      'currency mix: 2 order lines in EUR (total 40.00 EUR) left out of money figures; supply a rate or choose the reporting currency',
    );
    // EUR=1.1: 40 EUR = 44 USD, R1's 10 EUR refund = 11 USD
    await db.runner().setCurrency({ reporting: 'USD', rates: { EUR: 1.1 } });
    close((await db.runner().run('kpis')).rows[0]!, { gross_sales: 144, refund_amount: 111, money_lines_excluded: 0 });
  });

  it('single currency: the figures are unchanged and nothing is reported, a rate for an absent currency changes nothing', async () => {
    await db.fixture({ ...FIXTURE, order_lines: FIXTURE.order_lines.replace('100,USD', '100,EUR') });
    await db.runner().setCurrency({ rates: { GBP: 1.2 } });
    const k = (await db.runner().run('kpis')).rows[0]!;
    expect(k).toMatchObject({ currency: 'EUR', money_lines_excluded: 0, money_lines_converted: 0 });
    close(k, { gross_sales: 140, refund_amount: 110, value_return_rate: 110 / 140 });
    expect((await db.runner().run('data_quality')).rows[0]!.notes).toBeNull();
  });

  it('refuses a bad code or rate and keeps the settings it had', async () => {
    await db.fixture(FIXTURE);
    await db.runner().setCurrency({ rates: { USD: 0.9 } });
    await expect(db.runner().setCurrency({ rates: { USD: -1 } })).rejects.toThrow('The rate for USD must be a number above 0');
    await expect(db.runner().setCurrency({ reporting: 'EURO' })).rejects.toThrow('three-letter code');
    await expect(db.runner().setCurrency({ rates: { 'US$': 1 } })).rejects.toThrow('three letters');
    close((await db.runner().run('kpis')).rows[0]!, { gross_sales: 130 });
  });
});
