-- abuse_cases: the order lines and returns behind each abuse signal, one row per return (plus the kept line of a bracketing order)
-- The drill-down of abuse_signals: the same rows (both read abuse_case_rows in
-- queries/schema/abuse_rules.sql, where the rules are written out), with the same filters and
-- thresholds. One row per return behind a signal (role 'returned'); a bracketing signal also
-- lists the one line of the group that was kept (role 'kept', no return_id). A return behind
-- signals of several rules appears once per signal. `signal` (a signal_id of abuse_signals)
-- lists one signal's rows; `rule` one rule's. With `rule`, the model says which empty column
-- the rule needs instead of answering with no rows. SIGNALS TO REVIEW, NOT PROOF. Customer ids
-- are personal data, shown as exported.
-- Sorted and paged here: `sort` names the column, `desc` the direction, NULLs last, ties
-- broken by rule, signal_id, role (returned first), return_id, order_id, line_id. limit NULL
-- returns every row (exports).
-- days_after_delivery: fractional days from the outbound delivery to the return request
-- (NULL when either is unknown; for the kept line, NULL).
-- product_name: the SKU's name as the products table gives it (product_names in
-- schema/filters.sql); NULL when the data has none, which the page says as "not in the data".
-- @filters
-- @param rule enum(bracketing|wardrobing|refund_without_receipt|condition_mismatch|refunds_exceed_purchases) = null : only the rows of this rule
-- @param signal text = null : only the rows of this signal (signal_id of abuse_signals)
-- @param bracketing_min_variants number = 2 : bracketing: different SKUs of one product group in one order, at least
-- @param wardrobe_categories text = apparel : wardrobing: categories judged, comma-separated
-- @param wardrobe_days_before_end number = 5 : wardrobing: a return counts when requested in the last this-many days of the return window after delivery
-- @param wardrobe_min_returns number = 3 : wardrobing: such returns per customer, at least
-- @param mismatch_conditions text = empty_box,wrong_item,different_item : condition_mismatch: inspected conditions that contradict a claim, comma-separated
-- @param sort enum(rule|amount|customer_id|order_id|return_id|sku|product_name|order_date|requested_at|days_after_delivery) = rule : column to sort by
-- @param desc bool = false : sort descending
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @requires products.product_group returns.order_id when rule=bracketing
-- @requires order_lines.customer_id returns.order_id shipments.delivered_at returns.requested_at when rule=wardrobing
-- @requires returns.refunded_at returns.received_at when rule=refund_without_receipt
-- @missing amount when returns.refund_amount
-- @missing delivered_at when shipments.delivered_at
-- @missing days_after_delivery when shipments.delivered_at
-- @requires returns.condition when rule=condition_mismatch
-- @requires order_lines.customer_id returns.order_id returns.refund_amount when rule=refunds_exceed_purchases
-- @output signal_id : the signal this row is behind (as in abuse_signals)
-- @output rule : rule code
-- @output role : 'returned' (a return behind the signal) or 'kept' (the line a bracketing customer kept)
-- @output customer_id : customer of the order line, as exported
-- @output order_id : order of the row
-- @output line_id : order line of the row
-- @output return_id : the return (NULL for a kept line)
-- @output sku : SKU of the return (of the line for a kept line)
-- @output product_name : product name of the SKU (NULL when not in the data)
-- @output product_group : product group of the SKU
-- @output size : size of the SKU
-- @output color : colour of the SKU
-- @output category : category of the SKU
-- @output quantity : units returned (units sold for a kept line)
-- @output unit_price : price paid per unit on the order line
-- @output reason : canonical reason of the return
-- @output condition : inspection result of the return
-- @output resolution : refund, exchange, store_credit, rejected (NULL while open)
-- @output amount : money refunded or credited on this return (0 when missing or kept); NULL on every row when the data has no refund amounts at all ("not in the data")
-- @output order_date : date of the order
-- @output delivered_at : outbound delivery of the order
-- @output requested_at : when the return was requested
-- @output days_after_delivery : days from delivery to the request (fractional)
-- @output detail : the facts that triggered the signal, in words
-- @output total_rows : rows matching the filters before paging (the same on every row)
WITH cases AS (
  SELECT * FROM abuse_case_rows($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason,
                                $wardrobe_categories, $wardrobe_days_before_end, $wardrobe_min_returns,
                                $bracketing_min_variants, $mismatch_conditions)
  WHERE ($rule IS NULL OR rule = $rule) AND ($signal IS NULL OR signal_id = $signal)
), rows AS (
  SELECT
    c.rule_order, c.signal_id, c.rule, c.role, c.customer_id, c.order_id, c.line_id, c.return_id,
    coalesce(r.sku, l.sku) AS sku, n.product_name,
    p.product_group, p.size, p.color,
    coalesce(r.category, l.category) AS category,
    CAST(coalesce(r.quantity, l.quantity) AS BIGINT) AS quantity,
    l.unit_price, r.reason, r.condition, r.resolution, c.amount,
    l.order_date, l.delivered_at, r.requested_at,
    days_between(l.delivered_at, r.requested_at) AS days_after_delivery,
    c.detail
  FROM cases c
  LEFT JOIN returns_enriched r ON r.return_id = c.return_id
  LEFT JOIN lines_enriched l ON l.order_id = c.order_id AND l.line_id = c.line_id
  LEFT JOIN products p ON p.sku = coalesce(r.sku, l.sku)
  LEFT JOIN product_names n ON n.sku = coalesce(r.sku, l.sku)
)
SELECT
  signal_id, rule, role, customer_id, order_id, line_id, return_id, sku, product_name, product_group, size, color,
  category, quantity, unit_price, reason, condition, resolution, amount, order_date, delivered_at,
  requested_at, days_after_delivery, detail,
  count(*) OVER () AS total_rows
FROM rows
-- One CASE per type (a CASE has one result type); the ones not naming $sort are NULL on
-- every row and do not change the order.
ORDER BY
  CASE WHEN $desc THEN CASE $sort
    WHEN 'customer_id' THEN customer_id WHEN 'order_id' THEN order_id WHEN 'return_id' THEN return_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'customer_id' THEN customer_id WHEN 'order_id' THEN order_id WHEN 'return_id' THEN return_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'rule' THEN CAST(rule_order AS DOUBLE) WHEN 'amount' THEN amount
    WHEN 'days_after_delivery' THEN days_after_delivery
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'rule' THEN CAST(rule_order AS DOUBLE) WHEN 'amount' THEN amount
    WHEN 'days_after_delivery' THEN days_after_delivery
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'requested_at' THEN requested_at
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'requested_at' THEN requested_at
  END END ASC NULLS LAST,
  rule_order, signal_id, role DESC, return_id, order_id, line_id
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
