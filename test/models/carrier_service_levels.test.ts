import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Orders O1 (2 lines), O2, O5 web; O3, O4, O6, O7, O8 app. O8 has no shipment: not counted.
// By hand, delivery days = delivered_at − shipped_at (each order once):
//   DHL express:   O1 01-01 00:00 → 01-02 12:00 = 1.5 d, promised 01-03 (on time)
//                  O2 01-01 → 01-03 = 2 d, promised 01-02 (late)
//                  shipments 2, delivered 2, median 1.75, p90 1.5 + 0.9 × 0.5 = 1.95, late 1 of 2 = 0.5
//   DHL standard:  O3 01-01 → 01-05 = 4 d, promised 01-06 (on time); O4 lost (no delivery)
//                  shipments 2, delivered 1, median 4, p90 4, late 0 of 1
//   UPS express:   O5 01-02 → 01-03 = 1 d, promised 01-03 (delivered at the promise: not late) → 1, 1, 1, 1, 0
//   UPS standard:  O7 delivered 01-04 before it shipped 01-05: a data error, left out of the days
//                  → shipments 1, delivered 1, median NULL, p90 NULL, late 0 of 1 (promised 01-08)
//   (unknown) (none): O6 no carrier, no service level, 01-02 → 01-04 = 2 d, no promise → late_rate NULL
// Grouped by carrier, most shipments first (DHL 4, UPS 2, (unknown) 1), then by shipments and service level:
// DHL express, DHL standard, UPS express, UPS standard, (unknown).
const ORDER_LINES = csv(
  'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
  'O1,L1,2024-01-01,A,1,10,web,DE',
  'O1,L2,2024-01-01,B,2,10,web,DE',
  'O2,L1,2024-01-01,A,1,10,web,DE',
  'O3,L1,2024-01-01,A,1,10,app,DE',
  'O4,L1,2024-01-02,A,1,10,app,DE',
  'O5,L1,2024-01-02,A,1,10,web,DE',
  'O6,L1,2024-01-02,A,1,10,app,DE',
  'O7,L1,2024-01-03,A,1,10,app,DE',
  'O8,L1,2024-01-03,A,1,10,app,DE',
);
const SHIPMENTS = csv(
  'order_id,carrier,shipped_at,promised_at,delivered_at,status,service_level',
  'O1,DHL,2024-01-01 00:00:00,2024-01-03,2024-01-02 12:00:00,delivered,express',
  'O2,DHL,2024-01-01,2024-01-02,2024-01-03,delivered,express',
  'O3,DHL,2024-01-01,2024-01-06,2024-01-05,delivered,standard',
  'O4,DHL,2024-01-02,2024-01-06,,lost,standard',
  'O5,UPS,2024-01-02,2024-01-03,2024-01-03,delivered,express',
  'O6,,2024-01-02,,2024-01-04,delivered,',
  'O7,UPS,2024-01-05,2024-01-08,2024-01-04,delivered,standard',
);
const withoutLevels = SHIPMENTS.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');

describe('carrier_service_levels', () => {
  const db = useEngine();

  it('gives delivery days and late rates per carrier and service level, worked out by hand', async () => {
    await db.fixture({ order_lines: ORDER_LINES, shipments: SHIPMENTS });
    const res = await db.runner().run('carrier_service_levels');
    expect(res.status).toBe('ok');
    const rows = res.rows;
    expect(rows.map((r) => [r.carrier, r.service_level, r.shipments, r.delivered])).toEqual([
      ['DHL', 'express', 2, 2], ['DHL', 'standard', 2, 1], ['UPS', 'express', 1, 1], ['UPS', 'standard', 1, 1], ['(unknown)', '(none)', 1, 1],
    ]);
    const [dhlExpress, dhlStandard, upsExpress, upsStandard, unknown] = rows;
    expect(dhlExpress!.median_delivery_days).toBeCloseTo(1.75, 10);
    expect(dhlExpress!.p90_delivery_days).toBeCloseTo(1.95, 10);
    expect(dhlExpress!.late_rate).toBeCloseTo(0.5, 10);
    expect(dhlStandard).toMatchObject({ median_delivery_days: 4, p90_delivery_days: 4, late_rate: 0 });
    expect(unknown).toMatchObject({ median_delivery_days: 2, p90_delivery_days: 2, late_rate: null });
    expect(upsExpress).toMatchObject({ median_delivery_days: 1, p90_delivery_days: 1, late_rate: 0 });
    expect(upsStandard).toMatchObject({ median_delivery_days: null, p90_delivery_days: null, late_rate: 0 });
    expect(db.runner().notInData('carrier_service_levels')).toEqual({});
  });

  it('applies the filters: channel picks orders, carrier picks them by outbound carrier', async () => {
    await db.fixture({ order_lines: ORDER_LINES, shipments: SHIPMENTS });
    // web = O1, O2, O5.
    const web = (await db.runner().run('carrier_service_levels', { channel: ['web'] })).rows;
    expect(web.map((r) => [r.carrier, r.service_level, r.shipments])).toEqual([['DHL', 'express', 2], ['UPS', 'express', 1]]);
    const ups = (await db.runner().run('carrier_service_levels', { carrier: ['UPS'] })).rows;
    expect(ups.map((r) => [r.carrier, r.service_level, r.shipments])).toEqual([['UPS', 'express', 1], ['UPS', 'standard', 1]]);
  });

  it('says the service level is not in the data when no shipment has one (one row per carrier)', async () => {
    await db.fixture({ order_lines: ORDER_LINES, shipments: withoutLevels });
    const rows = (await db.runner().run('carrier_service_levels')).rows;
    // DHL: O1 1.5, O2 2, O3 4 → median 2; late O2 of O1, O2, O3 with a promise = 1/3.
    expect(rows.map((r) => [r.carrier, r.service_level, r.shipments, r.delivered])).toEqual([
      ['DHL', null, 4, 3], ['UPS', null, 2, 2], ['(unknown)', null, 1, 1],
    ]);
    expect(rows[0]!.median_delivery_days).toBeCloseTo(2, 10);
    expect(rows[0]!.late_rate).toBeCloseTo(1 / 3, 10);
    expect(db.runner().notInData('carrier_service_levels')).toEqual({ service_level: ['shipments.service_level'] });
  });
});
