import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Orders: O1 (2 lines), O2, O5 web; O3, O4, O6, O7 app. O5 has no shipment row: not a shipment.
// Outbound, by hand (each order once):
//   DHL:  O1 promised 01-04, delivered 01-06 12:00 → 2.5 days late; O2 on time; O3 lost (no delivery)
//         shipments 3, delivered 2, late 1 of 2 with a promise = 0.5, median delay 2.5, lost 1 → 1/3
//   UPS:  O4 promised 01-06, delivered 01-07 → 1 day late; O7 in transit
//         shipments 2, delivered 1, late 1/1, delay 1, lost 0 → 0
//   (unknown): O6 shipment without carrier, delivered, no promise → late_rate NULL
// Returns:
//   R1 O1 damaged_in_transit refund   back with DHL, approved 01-11 → received 01-14 = 3 d, 1 attempt, not failed
//   R2 O1 damaged_in_transit REJECTED back with UPS, no approval: requested 01-10 → received 01-12 = 2 d, failed
//   R3 O4 late_delivery      refund   back with UPS, 01-10 → 01-15 = 5 d, no pickup
//   R4 O2 damaged_in_transit exchange back with Hermes, approved 01-13, received 01-12 (negative: left out), pickup_failed=false
//   R5 no order, damaged_in_transit   back with Hermes, 01-21 → 01-25 = 4 d, no pickup (not credited to an outbound carrier)
//   R6 O6 damaged_in_transit refund   no return carrier
// Transit damage (accepted only): DHL R1, R4 = 2 → 2/3; UPS 0 (R2 rejected; R3 is a late_delivery return);
//   (unknown) R6 = 1 → 1/1.
// Return legs: DHL 1 leg, 1 pickup, 0 failed, transit 3; UPS 2 legs (R2, R3), 1 pickup (R2), 1 failed → 1,
//   transit median(2, 5) = 3.5; Hermes 2 legs, 1 pickup (R4), 0 failed, transit 4 (R4 negative excluded).
// Order by shipments desc: DHL 3, UPS 2, (unknown) 1, Hermes 0.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-01,A,1,10,web,DE',
    'O1,L2,2024-01-01,B,1,10,web,DE',
    'O2,L1,2024-01-01,A,1,10,web,DE',
    'O3,L1,2024-01-01,A,1,10,app,DE',
    'O4,L1,2024-01-02,A,1,10,app,DE',
    'O5,L1,2024-01-02,A,1,10,web,DE',
    'O6,L1,2024-01-02,A,1,10,app,DE',
    'O7,L1,2024-01-03,A,1,10,app,DE',
  ),
  shipments: csv(
    'order_id,carrier,shipped_at,promised_at,delivered_at,status',
    'O1,DHL,2024-01-01,2024-01-04,2024-01-06 12:00:00,delivered',
    'O2,DHL,2024-01-01,2024-01-05,2024-01-04,delivered',
    'O3,DHL,2024-01-01,2024-01-05,,lost',
    'O4,UPS,2024-01-02,2024-01-06,2024-01-07,delivered',
    'O6,,2024-01-02,,2024-01-08,delivered',
    'O7,UPS,2024-01-03,2024-01-07,,in_transit',
  ),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,approved_at,received_at,resolution,return_carrier,pickup_attempts,pickup_failed',
    'R1,O1,L1,,1,damaged_in_transit,2024-01-10,2024-01-11,2024-01-14,refund,DHL,1,false',
    'R2,O1,L2,,1,damaged_in_transit,2024-01-10,,2024-01-12,rejected,UPS,2,true',
    'R3,O4,L1,,1,late_delivery,2024-01-10,2024-01-10,2024-01-15,refund,UPS,0,',
    'R4,O2,L1,,1,damaged_in_transit,2024-01-12,2024-01-13,2024-01-12,exchange,Hermes,,false',
    'R5,,,A,1,damaged_in_transit,2024-01-20,2024-01-21,2024-01-25,refund,Hermes,,',
    'R6,O6,L1,,1,damaged_in_transit,2024-01-10,,,refund,,,',
  ),
};

describe('carrier_performance', () => {
  const db = useEngine();

  it('scores outbound shipments and return legs by hand', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('carrier_performance');
    expect(res.status).toBe('ok');
    const rows = res.rows;
    expect(rows.map((r) => r.carrier)).toEqual(['DHL', 'UPS', '(unknown)', 'Hermes']);
    const [dhl, ups, unknown, hermes] = rows;
    expect(dhl).toMatchObject({
      shipments: 3, delivered: 2, lost: 1, transit_damage_returns: 2, late_delivery_returns: 0,
      reverse_pickups: 1, pickup_failures: 0, pickup_failure_rate: 0, return_legs: 1,
    });
    expect(dhl!.late_rate).toBeCloseTo(0.5, 10);
    expect(dhl!.median_delay_days).toBeCloseTo(2.5, 10);
    expect(dhl!.lost_rate).toBeCloseTo(1 / 3, 10);
    expect(dhl!.transit_damage_rate).toBeCloseTo(2 / 3, 10);
    expect(dhl!.median_return_transit_days).toBeCloseTo(3, 10);

    expect(ups).toMatchObject({
      shipments: 2, delivered: 1, lost: 0, lost_rate: 0, transit_damage_returns: 0, transit_damage_rate: 0,
      late_delivery_returns: 1, reverse_pickups: 1, pickup_failures: 1, pickup_failure_rate: 1, return_legs: 2,
    });
    expect(ups!.late_rate).toBeCloseTo(1, 10);
    expect(ups!.median_delay_days).toBeCloseTo(1, 10);
    expect(ups!.median_return_transit_days).toBeCloseTo(3.5, 10);

    expect(unknown).toMatchObject({
      shipments: 1, delivered: 1, late_rate: null, median_delay_days: null, lost: 0, transit_damage_returns: 1,
      transit_damage_rate: 1, return_legs: 0, reverse_pickups: 0, pickup_failure_rate: null, median_return_transit_days: null,
    });

    expect(hermes).toMatchObject({
      shipments: 0, delivered: 0, late_rate: null, lost: 0, lost_rate: null, transit_damage_returns: 0,
      transit_damage_rate: null, late_delivery_returns: 0, reverse_pickups: 1, pickup_failures: 0, pickup_failure_rate: 0,
      return_legs: 2,
    });
    expect(hermes!.median_return_transit_days).toBeCloseTo(4, 10);
  });

  it('applies filters to orders and their returns alike', async () => {
    await db.fixture(FIXTURE);
    // web = O1, O2, O5: shipments O1, O2 (DHL); returns R1, R2, R4 (R5 has no order, so no channel).
    const web = (await db.runner().run('carrier_performance', { channel: ['web'] })).rows;
    expect(web.map((r) => r.carrier)).toEqual(['DHL', 'Hermes', 'UPS']);
    expect(web[0]).toMatchObject({ shipments: 2, delivered: 2, lost: 0, lost_rate: 0, transit_damage_returns: 2, transit_damage_rate: 1, return_legs: 1 });
    expect(web[0]!.late_rate).toBeCloseTo(0.5, 10);
    expect(web[1]).toMatchObject({ shipments: 0, return_legs: 1, reverse_pickups: 1, pickup_failures: 0, median_return_transit_days: null });
    expect(web[2]).toMatchObject({ shipments: 0, return_legs: 1, reverse_pickups: 1, pickup_failures: 1, pickup_failure_rate: 1 });
    expect(web[2]!.median_return_transit_days).toBeCloseTo(2, 10);
    // The carrier filter picks orders by outbound carrier: UPS = O4, O7 and the return R3.
    const ups = (await db.runner().run('carrier_performance', { carrier: ['UPS'] })).rows;
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({
      carrier: 'UPS', shipments: 2, delivered: 1, late_delivery_returns: 1, return_legs: 1, reverse_pickups: 0,
      pickup_failure_rate: null,
    });
    expect(ups[0]!.median_return_transit_days).toBeCloseTo(5, 10);
  });

  it('needs the shipments carrier', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines, returns: FIXTURE.returns });
    const res = await db.runner().run('carrier_performance');
    expect(res).toMatchObject({ status: 'needs_columns', missing: ['shipments.carrier'] });
    // A shipments file without a carrier column is just as unusable.
    await db.fixture({ ...FIXTURE, shipments: csv('order_id,delivered_at', 'O1,2024-01-06') });
    expect(await db.runner().run('carrier_performance')).toMatchObject({ status: 'needs_columns', missing: ['shipments.carrier'] });
  });
});
