-- abuse_signals: possible return abuse, one row per signal to review (bracketing, wardrobing, refunds without receipt, condition mismatches, refunds above purchases)
-- SIGNALS TO REVIEW, NOT PROOF: each row is a pattern that abuse often leaves, and that honest
-- customers and ordinary mistakes can leave too (a customer unsure of their size, a missed
-- receipt scan). Customer ids are personal data, shown as exported.
-- The rules (written out exactly in queries/schema/abuse_rules.sql; every threshold is a
-- parameter, the same on abuse_signal_summary and abuse_cases so the three agree):
--   bracketing: one order holds at least `bracketing_min_variants` (and at least 2) different
--     SKUs (sizes or colours) of one product group (products.product_group) and all of that
--     group's lines but one came back (accepted returns; open ones count). One signal per order
--     and product group. In scope when one of its returns passes the filters; judged on all the
--     order's lines and returns (a SKU filter does not hide the other sizes).
--   wardrobing: a customer with at least `wardrobe_min_returns` accepted returns in
--     `wardrobe_categories` (comma-separated) requested in the last `wardrobe_days_before_end`
--     days of the return window after delivery (more than window − days and at most window
--     days; window = assumption return_window_days). Worn-then-returned clothes come back at
--     the last moment. One signal per customer; needs delivery dates (shipments.delivered_at).
--   refund_without_receipt: a refund (resolution 'refund' or refund_amount > 0) issued while the
--     item was never recorded as received. One signal per return. The same test as the
--     leakage audit's refund_without_return, seen here per customer.
--   condition_mismatch: the inspected condition is one of `mismatch_conditions` (default
--     empty_box, wrong_item, different_item) while the reason claims something else (an item
--     inspected as wrong_item is consistent with the reason wrong_item). Rejected returns are
--     included: the claim was made even if it was refused. One signal per return.
--   refunds_exceed_purchases: a customer whose refunds exceed what they paid for their order
--     lines in the same selection by more than 0.01. One signal per customer.
-- Many returns to one address or payment method from different customer ids cannot be
-- checked: the data contract has no address or payment column (abuse_signal_summary lists
-- the rule with status 'needs address column'; no data is invented for it).
-- amount is the money at stake: refunds and store credit paid on the signal's returns (0 when
-- missing; exchanges pay nothing back), except refunds_exceed_purchases: refunds − purchases.
-- Missing is not zero: with no refund amount in the loaded data at all, amount is NULL ("not
-- in the data") on every signal, never 0; the signals are still found.
-- Customer-level rules only see returns whose order line is known (customer_id comes from the
-- order line). refund_without_receipt is not judged when no return has a received_at at all
-- (every refund would look unreceived). A customer can appear under several rules: do not add amounts across rules.
-- Products: the SKUs behind a signal (its returns and, for bracketing, the kept line) and the
-- names of their parent products (product_names in schema/derive.sql: 'Trail Tee' for
-- 'Trail Tee Black S'), so a merchant reads which product without looking SKUs up. A SKU the
-- products table does not name is counted in unnamed_skus; products is NULL when none is named
-- (the page says "not in the data", never a blank).
-- Sorted by rule (the order above), then amount (largest first), then signal_id.
-- @filters
-- @param rule enum(bracketing|wardrobing|refund_without_receipt|condition_mismatch|refunds_exceed_purchases) = null : only the signals of this rule
-- @param bracketing_min_variants number = 2 : bracketing: different SKUs of one product group in one order, at least
-- @param wardrobe_categories text = apparel : wardrobing: categories judged, comma-separated
-- @param wardrobe_days_before_end number = 5 : wardrobing: a return counts when requested in the last this-many days of the return window after delivery
-- @param wardrobe_min_returns number = 3 : wardrobing: such returns per customer, at least
-- @param mismatch_conditions text = empty_box,wrong_item,different_item : condition_mismatch: inspected conditions that contradict a claim, comma-separated
-- @requires products.product_group returns.order_id when rule=bracketing
-- @requires order_lines.customer_id returns.order_id shipments.delivered_at returns.requested_at when rule=wardrobing
-- @requires returns.refunded_at returns.received_at when rule=refund_without_receipt
-- @missing amount when returns.refund_amount
-- @requires returns.condition when rule=condition_mismatch
-- @requires order_lines.customer_id returns.order_id returns.refund_amount when rule=refunds_exceed_purchases
-- @output signal_id : identifies the signal: rule|order_id|product_group, rule|customer_id or rule|return_id (the key of abuse_cases' `signal` parameter)
-- @output rule : rule code
-- @output level : what the signal is about: 'order', 'customer' or 'return'
-- @output customer_id : the customer, as exported (NULL when the order line is unknown)
-- @output order_id : the order of an order- or return-level signal (NULL for customer-level signals)
-- @output return_ids : the returns behind the signal, comma-separated without spaces, ascending
-- @output returns : number of those returns
-- @output orders : distinct orders behind the signal
-- @output amount : money at stake (see above); NULL when the data has no refund amounts at all
-- @output detail : the facts that triggered the rule, in words
-- @output skus : the SKUs behind the signal, comma-separated without spaces, ascending (NULL when none is known)
-- @output products : names of the parent products of those SKUs, distinct, ascending, separated by '; ' (NULL when the data names none)
-- @output unnamed_skus : how many of those SKUs have no product name in the data
WITH cases AS (
  SELECT * FROM abuse_case_rows($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason,
                                $wardrobe_categories, $wardrobe_days_before_end, $wardrobe_min_returns,
                                $bracketing_min_variants, $mismatch_conditions)
  WHERE $rule IS NULL OR rule = $rule
), signal_skus AS (
  -- a SKU once per signal (the return's, else its order line's, as abuse_cases lists them)
  SELECT DISTINCT signal_id, sku FROM cases
), signal_products AS (
  SELECT s.signal_id,
    nullif(array_to_string(list_sort(list_distinct(list(s.sku))), ','), '') AS skus,
    nullif(array_to_string(list_sort(list_distinct(list(n.parent_name))), '; '), '') AS products,
    count(s.sku) FILTER (WHERE n.parent_name IS NULL) AS unnamed_skus
  FROM signal_skus s
  LEFT JOIN product_names n ON n.sku = s.sku
  GROUP BY s.signal_id
)
SELECT
  c.signal_id,
  any_value(c.rule) AS rule,
  any_value(c.level) AS level,
  any_value(c.customer_id) AS customer_id,
  any_value(c.signal_order_id) AS order_id,
  array_to_string(list(c.return_id ORDER BY c.return_id) FILTER (WHERE c.return_id IS NOT NULL), ',') AS return_ids,
  count(c.return_id) AS returns,
  count(DISTINCT c.order_id) AS orders,
  any_value(c.signal_amount) AS amount,
  any_value(c.detail) AS detail,
  any_value(p.skus) AS skus,
  any_value(p.products) AS products,
  coalesce(any_value(p.unnamed_skus), 0) AS unnamed_skus
FROM cases c
LEFT JOIN signal_products p ON p.signal_id = c.signal_id
GROUP BY c.signal_id
ORDER BY any_value(c.rule_order), amount DESC, c.signal_id;
