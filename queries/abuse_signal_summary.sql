-- abuse_signal_summary: signals of possible return abuse per rule: how many, how many customers, money at stake
-- Exactly one row per rule, always in this order, always present: the five rules of
-- abuse_signals (written out in queries/schema/abuse_rules.sql) and shared_address_payment.
-- SIGNALS TO REVIEW, NOT PROOF (see abuse_signals). Same filters and thresholds as
-- abuse_signals and abuse_cases: `signals` here is the number of rows abuse_signals returns
-- for the rule, `amount` the sum of their amounts.
-- shared_address_payment (many returns to one delivery address or payment method from
-- different customer ids) cannot run: the data contract has no address or payment column,
-- so its status is always 'needs address column' and its numbers are NULL.
-- status is 'ok', or 'needs <table.column, ...>' when a column the rule needs holds no value
-- at all in the loaded data (not just in the filtered selection); the numbers are then NULL.
-- A customer can be flagged by several rules: do not add customers or amounts across rules.
-- Missing is not zero: a rule runs when the data has the columns that find its signals; its
-- amount also needs refund amounts. With no refund amount in the loaded data at all, signals
-- of bracketing, wardrobing, refunds without receipt and condition mismatches are still
-- counted, and their amounts are NULL ("not in the data"), never 0.
-- @filters
-- @param bracketing_min_variants number = 2 : bracketing: different SKUs of one product group in one order, at least
-- @param wardrobe_categories text = apparel : wardrobing: categories judged, comma-separated
-- @param wardrobe_days_before_end number = 5 : wardrobing: a return counts when requested in the last this-many days of the return window after delivery
-- @param wardrobe_min_returns number = 3 : wardrobing: such returns per customer, at least
-- @param mismatch_conditions text = empty_box,wrong_item,different_item : condition_mismatch: inspected conditions that contradict a claim, comma-separated
-- @missing signals[rule=bracketing] when products.product_group
-- @missing signals[rule=bracketing] when returns.order_id
-- @missing customers[rule=bracketing] when products.product_group
-- @missing customers[rule=bracketing] when returns.order_id
-- @missing returns[rule=bracketing] when products.product_group
-- @missing returns[rule=bracketing] when returns.order_id
-- @missing amount[rule=bracketing] when products.product_group
-- @missing amount[rule=bracketing] when returns.order_id
-- @missing amount[rule=bracketing] when returns.refund_amount
-- @missing signals[rule=wardrobing] when order_lines.customer_id
-- @missing signals[rule=wardrobing] when returns.order_id
-- @missing signals[rule=wardrobing] when shipments.delivered_at
-- @missing signals[rule=wardrobing] when returns.requested_at
-- @missing customers[rule=wardrobing] when order_lines.customer_id
-- @missing customers[rule=wardrobing] when returns.order_id
-- @missing customers[rule=wardrobing] when shipments.delivered_at
-- @missing customers[rule=wardrobing] when returns.requested_at
-- @missing returns[rule=wardrobing] when order_lines.customer_id
-- @missing returns[rule=wardrobing] when returns.order_id
-- @missing returns[rule=wardrobing] when shipments.delivered_at
-- @missing returns[rule=wardrobing] when returns.requested_at
-- @missing amount[rule=wardrobing] when order_lines.customer_id
-- @missing amount[rule=wardrobing] when returns.order_id
-- @missing amount[rule=wardrobing] when shipments.delivered_at
-- @missing amount[rule=wardrobing] when returns.requested_at
-- @missing amount[rule=wardrobing] when returns.refund_amount
-- @missing signals[rule=refund_without_receipt] when returns.refunded_at
-- @missing signals[rule=refund_without_receipt] when returns.received_at
-- @missing customers[rule=refund_without_receipt] when returns.refunded_at
-- @missing customers[rule=refund_without_receipt] when returns.received_at
-- @missing returns[rule=refund_without_receipt] when returns.refunded_at
-- @missing returns[rule=refund_without_receipt] when returns.received_at
-- @missing amount[rule=refund_without_receipt] when returns.refunded_at
-- @missing amount[rule=refund_without_receipt] when returns.received_at
-- @missing amount[rule=refund_without_receipt] when returns.refund_amount
-- @missing signals[rule=condition_mismatch] when returns.condition
-- @missing customers[rule=condition_mismatch] when returns.condition
-- @missing returns[rule=condition_mismatch] when returns.condition
-- @missing amount[rule=condition_mismatch] when returns.condition
-- @missing amount[rule=condition_mismatch] when returns.refund_amount
-- @missing signals[rule=refunds_exceed_purchases] when order_lines.customer_id
-- @missing signals[rule=refunds_exceed_purchases] when returns.order_id
-- @missing signals[rule=refunds_exceed_purchases] when returns.refund_amount
-- @missing customers[rule=refunds_exceed_purchases] when order_lines.customer_id
-- @missing customers[rule=refunds_exceed_purchases] when returns.order_id
-- @missing customers[rule=refunds_exceed_purchases] when returns.refund_amount
-- @missing returns[rule=refunds_exceed_purchases] when order_lines.customer_id
-- @missing returns[rule=refunds_exceed_purchases] when returns.order_id
-- @missing returns[rule=refunds_exceed_purchases] when returns.refund_amount
-- @missing amount[rule=refunds_exceed_purchases] when order_lines.customer_id
-- @missing amount[rule=refunds_exceed_purchases] when returns.order_id
-- @missing amount[rule=refunds_exceed_purchases] when returns.refund_amount
-- @output rule : rule code
-- @output description : what the rule flags with the current thresholds, in plain words
-- @output signals : signals of the rule (rows of abuse_signals); NULL when the rule cannot run
-- @output customers : distinct customers among them (signals without a known customer not counted); NULL when the rule cannot run
-- @output returns : distinct returns behind them; NULL when the rule cannot run
-- @output amount : money at stake, summed over the signals; NULL when the rule cannot run or the data has no refund amounts at all
-- @output status : 'ok', or 'needs ...' naming what the rule is missing to find its signals
WITH cases AS MATERIALIZED (
  SELECT * FROM abuse_case_rows($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason,
                                $wardrobe_categories, $wardrobe_days_before_end, $wardrobe_min_returns,
                                $bracketing_min_variants, $mismatch_conditions)
), per_signal AS (
  SELECT rule_order, signal_id, any_value(customer_id) AS customer_id, any_value(signal_amount) AS amount
  FROM cases GROUP BY rule_order, signal_id
), found AS (
  SELECT s.rule_order AS ord, count(*) AS signals, count(DISTINCT s.customer_id) AS customers,
    coalesce(sum(s.amount), 0) AS amount, r.returns
  FROM per_signal s
  LEFT JOIN (SELECT rule_order, count(DISTINCT return_id) AS returns FROM cases GROUP BY rule_order) r
    USING (rule_order)
  GROUP BY s.rule_order, r.returns
), present AS (
  -- columns holding at least one value in the loaded data
  SELECT list(col) FILTER (WHERE n > 0) AS cols FROM (
    UNPIVOT (
      SELECT
        (SELECT count(product_group) FROM lines_enriched) AS "products.product_group",
        (SELECT count(customer_id) FROM lines_enriched) AS "order_lines.customer_id",
        (SELECT count(delivered_at) FROM lines_enriched) AS "shipments.delivered_at",
        count(order_id) AS "returns.order_id",
        count(received_at) AS "returns.received_at",
        count(requested_at) AS "returns.requested_at",
        count(refunded_at) AS "returns.refunded_at",
        count(refund_amount) AS "returns.refund_amount",
        count(condition) AS "returns.condition"
      FROM returns_enriched
    ) ON COLUMNS(*) INTO NAME col VALUE n
  )
), rules AS (
  SELECT * FROM (VALUES
    (1, 'bracketing',
     'One order with {variants}+ sizes or colours (SKUs) of the same product, all but one returned. Amount: refunds on the returned ones.',
     ['products.product_group', 'returns.order_id']),
    (2, 'wardrobing',
     'Customer with {ward_min}+ {ward_cats} returns requested in the last {ward_days} days of the {window}-day window after delivery. Amount: their refunds.',
     ['order_lines.customer_id', 'returns.order_id', 'shipments.delivered_at', 'returns.requested_at']),
    (3, 'refund_without_receipt',
     'Refund or credit issued while the item was never recorded as received. Amount: the refund.',
     ['returns.refunded_at', 'returns.received_at']),
    (4, 'condition_mismatch',
     'Item inspected as {conditions} while the reason claims something else. Amount: the refund.',
     ['returns.condition']),
    (5, 'refunds_exceed_purchases',
     'Customer refunded more than they paid for their orders in the selection. Amount: refunds minus purchases.',
     ['order_lines.customer_id', 'returns.order_id', 'returns.refund_amount']),
    (6, 'shared_address_payment',
     'Many returns to one address or payment method from different customer ids. Cannot be checked: the data has no address or payment column.',
     ['address column'])
  ) AS t(ord, rule, description, needs)
), amount_needs AS (
  SELECT ['returns.refund_amount'] AS cols
), judged AS (
  SELECT r.ord, r.rule,
    replace(replace(replace(replace(replace(replace(r.description,
      '{variants}', printf('%g', CAST($bracketing_min_variants AS DOUBLE))),
      '{ward_min}', printf('%g', CAST($wardrobe_min_returns AS DOUBLE))),
      '{ward_cats}', replace(coalesce($wardrobe_categories, ''), ',', '/')),
      '{ward_days}', printf('%g', CAST($wardrobe_days_before_end AS DOUBLE))),
      '{window}', printf('%g', assumption('return_window_days'))),
      '{conditions}', replace(coalesce($mismatch_conditions, ''), ',', ' / ')) AS description,
    list_filter(r.needs, lambda c: NOT list_contains(coalesce(p.cols, []), c)) AS missing,
    -- an amount also needs refund amounts (shared_address_payment cannot run anyway)
    list_filter(r.needs || a.cols, lambda c: NOT list_contains(coalesce(p.cols, []), c)) AS amount_missing,
    f.signals, f.customers, f.returns, f.amount
  FROM rules r CROSS JOIN present p CROSS JOIN amount_needs a
  LEFT JOIN found f ON f.ord = r.ord
)
SELECT
  rule, description,
  CASE WHEN len(missing) = 0 THEN coalesce(signals, 0) END AS signals,
  CASE WHEN len(missing) = 0 THEN coalesce(customers, 0) END AS customers,
  CASE WHEN len(missing) = 0 THEN coalesce(returns, 0) END AS returns,
  CASE WHEN len(amount_missing) = 0 THEN coalesce(amount, 0.0) END AS amount,
  CASE WHEN len(missing) = 0 THEN 'ok' ELSE 'needs ' || array_to_string(missing, ', ') END AS status
FROM judged
ORDER BY ord;
