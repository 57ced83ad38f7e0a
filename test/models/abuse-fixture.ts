import { csv } from '../helpers/engine';

/**
 * The hand-worked fixture of the abuse models (abuse_signals, abuse_signal_summary, abuse_cases),
 * one signal or near miss per block. Return window: the default 30 days.
 *
 * bracketing (product group G1 = S1/S2/S3 sizes S/M/L Black, G2 = T1 Red / T2 Blue):
 *   O1 C1: S1, S2, S3 at 20; R1 (S1, refund 20) and R2 (S3, refund 20) back, S2 kept
 *          → signal, 3 variants, amount 40.
 *   O2 C2: T1, T2 at 15; R3 (T1, exchange, refund 0) back, T2 kept → signal, 2 variants, amount 0.
 *   O3 C3: S1, S2 both returned (R4, R5): nothing kept → no signal.
 *   O4 C4: S1, S2, S3; R6 (S1) accepted, R7 (S3) rejected: two kept → no signal.
 * wardrobing (apparel, requested more than 25 and at most 30 days after delivery):
 *   C5: O5/O6/O7 (T1 at 15, delivered 02-01, 03-01, 04-01 12:00), R8 27 days, R9 29 days,
 *       R10 25 days 1 hour, each refund 15 → signal, 3 returns, amount 45 (25.0 to 29.0 days).
 *   C6: O16/O17/O18 (T2 at 15): R20 27 days, R21 28 days, R22 exactly 25 days (not more than 25);
 *       O19: R23 28 days but rejected; O20 (home H1 at 30): R24 27 days, not apparel
 *       → 2 qualifying returns: no signal (a signal with wardrobe_days_before_end 6, or min 2).
 * refund_without_receipt: R11 (O11/1 C7, refund 25, refunded 05-03, never received) → signal;
 *   R12 (O11/2, store credit 10, received) → no.
 * condition_mismatch: R13 (O12/1 C8, empty_box, reason defective, refund 60) → signal 60;
 *   R14 (O12/2, wrong_item received for the reason wrong_item) → consistent, no;
 *   R15 (O13/1 C9, wrong_item received for the reason size_too_small, rejected) → signal 0.
 * refunds_exceed_purchases: C10 bought 10 (O14), refunded 12.5 (R17) → signal, excess 2.5;
 *   C11 bought 10 (O15), refunded 10.005 (R18): not more than 0.01 above → no.
 *   Everyone else refunds at most what they paid (C5 45 of 45, C6 75 of 90, C7 35 of 35, C8 80 of 80).
 * R19 names an order that is not in the data: no line, no customer, never flagged.
 */
export const ABUSE_FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,customer_id',
    'O1,1,2024-01-05,S1,1,20,C1', 'O1,2,2024-01-05,S2,1,20,C1', 'O1,3,2024-01-05,S3,1,20,C1',
    'O2,1,2024-01-06,T1,1,15,C2', 'O2,2,2024-01-06,T2,1,15,C2',
    'O3,1,2024-01-07,S1,1,20,C3', 'O3,2,2024-01-07,S2,1,20,C3',
    'O4,1,2024-01-08,S1,1,20,C4', 'O4,2,2024-01-08,S2,1,20,C4', 'O4,3,2024-01-08,S3,1,20,C4',
    'O5,1,2024-01-29,T1,1,15,C5', 'O6,1,2024-02-27,T1,1,15,C5', 'O7,1,2024-03-29,T1,1,15,C5',
    'O16,1,2024-01-29,T2,1,15,C6', 'O17,1,2024-02-27,T2,1,15,C6', 'O18,1,2024-03-29,T2,1,15,C6',
    'O19,1,2024-04-28,T2,1,15,C6', 'O20,1,2024-05-29,H1,1,30,C6',
    'O11,1,2024-04-20,H1,1,25,C7', 'O11,2,2024-04-20,H1,1,10,C7',
    'O12,1,2024-04-21,H1,1,60,C8', 'O12,2,2024-04-21,H1,1,20,C8',
    'O13,1,2024-04-22,S1,1,20,C9',
    'O14,1,2024-04-23,H1,1,10,C10',
    'O15,1,2024-04-24,H1,1,10,C11',
  ),
  products: csv(
    'sku,category,product_group,size,color',
    'S1,apparel,G1,S,Black', 'S2,apparel,G1,M,Black', 'S3,apparel,G1,L,Black',
    'T1,apparel,G2,,Red', 'T2,apparel,G2,,Blue', 'H1,home,,,',
  ),
  shipments: csv(
    'order_id,carrier,delivered_at',
    'O5,DHL,2024-02-01 12:00:00', 'O6,DHL,2024-03-01 12:00:00', 'O7,DHL,2024-04-01 12:00:00',
    'O16,DHL,2024-02-01 12:00:00', 'O17,DHL,2024-03-01 12:00:00', 'O18,DHL,2024-04-01 12:00:00',
    'O19,DHL,2024-05-01 12:00:00', 'O20,DHL,2024-06-01 12:00:00',
  ),
  returns: csv(
    'return_id,order_id,line_id,quantity,reason,requested_at,received_at,refunded_at,refund_amount,resolution,condition',
    'R1,O1,1,1,size_too_small,2024-01-10,,,20,refund,',
    'R2,O1,3,1,size_too_large,2024-01-10,,,20,refund,as_new',
    'R3,O2,1,1,changed_mind,2024-01-10,,,0,exchange,',
    'R4,O3,1,1,size_too_small,2024-01-10,,,20,refund,',
    'R5,O3,2,1,size_too_small,2024-01-10,,,20,refund,',
    'R6,O4,1,1,size_too_small,2024-01-12,,,20,refund,',
    'R7,O4,3,1,size_too_large,2024-01-12,,,0,rejected,',
    'R8,O5,1,1,changed_mind,2024-02-28 12:00:00,,,15,refund,',
    'R9,O6,1,1,changed_mind,2024-03-30 12:00:00,,,15,refund,',
    'R10,O7,1,1,changed_mind,2024-04-26 13:00:00,,,15,refund,',
    'R20,O16,1,1,changed_mind,2024-02-28 12:00:00,,,15,refund,',
    'R21,O17,1,1,changed_mind,2024-03-29 12:00:00,,,15,refund,',
    'R22,O18,1,1,changed_mind,2024-04-26 12:00:00,,,15,refund,',
    'R23,O19,1,1,changed_mind,2024-05-29 12:00:00,,,0,rejected,',
    'R24,O20,1,1,changed_mind,2024-06-28 12:00:00,,,30,refund,',
    'R11,O11,1,1,defective,2024-04-28,,2024-05-03,25,refund,',
    'R12,O11,2,1,defective,2024-04-28,2024-05-02,2024-05-04,10,store_credit,as_new',
    'R13,O12,1,1,defective,2024-04-25,2024-05-01,2024-05-02,60,refund,empty_box',
    'R14,O12,2,1,wrong_item,2024-04-25,2024-05-01,2024-05-02,20,refund,wrong_item',
    'R15,O13,1,1,size_too_small,2024-04-25,2024-05-01,,0,rejected,wrong_item',
    'R17,O14,1,1,defective,2024-04-25,2024-05-01,2024-05-02,12.5,refund,opened',
    'R18,O15,1,1,defective,2024-04-25,2024-05-01,2024-05-02,10.005,refund,opened',
    'R19,O99,,1,defective,2024-04-25,2024-05-01,,50,refund,',
  ),
};
