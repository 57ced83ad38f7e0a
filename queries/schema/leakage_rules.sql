-- leakage_rules: the refund and returns-policy audit rules, as one table macro that lists every
-- flagged case. queries/leakage.sql counts and sums these cases per rule; queries/leakage_cases.sql
-- lists them for the drill-down, so both always agree. Created after filters.sql (it reads
-- filtered_returns_on). The rules, exactly (see the header of leakage.sql for why):
--   refund_above_price: refund_amount > quantity × unit_price of the matched order line + 0.01.
--   refund_before_receipt: refunded_at < received_at (both known).
--   refund_without_return: (resolution = 'refund' or refund_amount > 0), refunded, never received.
--   outside_window: accepted return requested more than assumption('return_window_days')
--     calendar days after delivery (after the order date when delivery is unknown).
--   duplicate_refund: refunded returns after the first one of an order line whose refunded
--     returns add up to more units than the line sold (judged on all the line's returns).
--   quantity_above_ordered: order lines whose accepted returns add up to more units than sold
--     (judged on all the line's returns; one case per line).
--   label_above_value: label_cost > quantity × unit_price of the matched line.

-- leakage_case_rows(p_basis, <the 9 global filters>): one row per flagged case. The date range
-- applies to each return's basis_date (filters.sql: 'order' its order's date, 'refund' the day
-- its money moved); a line case (quantity_above_ordered) is in scope when one of its returns is.
--   rule_order, rule : the rule (1..7, in the order leakage.sql lists them) and its code
--   return_id        : the flagged return; NULL for quantity_above_ordered, whose case is a line
--   return_ids       : VARCHAR[] of the case's return_ids: [the return itself], or every accepted
--                      return of the line (by return_id) for quantity_above_ordered
--   order_id, line_id, sku, customer_id : the order line of the case (sku of the return)
--   amount           : money at stake (DOUBLE; a missing refund counts 0, but NULL, "not in the
--                      data", when the loaded data has no refund amount at all: if_present)
--   detail           : the facts that triggered the rule, in words
CREATE OR REPLACE MACRO leakage_case_rows(p_basis, p_date_from, p_date_to, p_channel, p_region, p_category,
                                          p_supplier, p_carrier, p_sku, p_reason) AS TABLE
WITH rets AS (
  SELECT * FROM filtered_returns_on(p_basis, p_date_from, p_date_to, p_channel, p_region, p_category,
                                    p_supplier, p_carrier, p_sku, p_reason)
), window_days AS (
  SELECT assumption('return_window_days') AS days
), return_hits AS (
  -- one row per flagged return: (rule order, rule, return_id, amount, detail)
  SELECT 1 AS rule_order, 'refund_above_price' AS rule, return_id,
    refund_amount - quantity * unit_price AS amount,
    printf('refund %.2f for %d × %.2f paid', refund_amount, quantity, unit_price) AS detail
  FROM rets WHERE refund_amount > quantity * unit_price + 0.01
  UNION ALL
  SELECT 2, 'refund_before_receipt', return_id, if_present('returns.refund_amount', coalesce(refund_amount, 0)),
    'refunded ' || strftime(refunded_at, '%Y-%m-%d %H:%M') || ', received ' || strftime(received_at, '%Y-%m-%d %H:%M')
  FROM rets WHERE refunded_at < received_at
  UNION ALL
  SELECT 3, 'refund_without_return', return_id, if_present('returns.refund_amount', coalesce(refund_amount, 0)),
    'refunded ' || strftime(refunded_at, '%Y-%m-%d') || ', no receipt recorded'
  FROM rets
  WHERE (resolution = 'refund' OR refund_amount > 0) AND refunded_at IS NOT NULL AND received_at IS NULL
  UNION ALL
  SELECT 4, 'outside_window', return_id, if_present('returns.refund_amount', coalesce(refund_amount, 0)),
    printf('requested %d days after %s (window %g days)',
      date_diff('day', CAST(coalesce(delivered_at, order_date) AS DATE), CAST(requested_at AS DATE)),
      CASE WHEN delivered_at IS NOT NULL THEN 'delivery' ELSE 'the order date' END, w.days)
  FROM rets, window_days w
  WHERE resolution IS DISTINCT FROM 'rejected'
    AND date_diff('day', CAST(coalesce(delivered_at, order_date) AS DATE), CAST(requested_at AS DATE)) > w.days
  UNION ALL
  -- the line's duplicates that pass the filters (found per load: leak_duplicate_refunds, schema/derive.sql)
  SELECT 5, 'duplicate_refund', d.return_id, d.refund_amount, d.detail
  FROM leak_duplicate_refunds d SEMI JOIN rets r ON r.return_id = d.return_id
  UNION ALL
  SELECT 7, 'label_above_value', return_id, label_cost - quantity * unit_price,
    printf('label %.2f for an item worth %d × %.2f', label_cost, quantity, unit_price)
  FROM rets WHERE label_cost > quantity * unit_price
), over_lines AS (
  -- the lines (found per load: leak_over_lines, schema/derive.sql) with a return in the selection
  SELECT o.* FROM leak_over_lines o
  SEMI JOIN (SELECT order_id, line_id FROM rets WHERE line_matched) h ON h.order_id = o.order_id AND h.line_id = o.line_id
)
SELECT h.rule_order, h.rule, h.return_id, [h.return_id] AS return_ids,
  r.order_id, r.line_id, r.sku, r.customer_id, h.amount, h.detail
FROM return_hits h JOIN returns_enriched r ON r.return_id = h.return_id
UNION ALL
SELECT 6, 'quantity_above_ordered', NULL, return_ids, order_id, line_id, sku, customer_id, amount, detail
FROM over_lines;
