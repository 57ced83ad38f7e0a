-- leakage_cases: the cases behind each leakage number, one row per flagged return (or order line).
-- The drill-down of the leakage audit: exactly the cases that leakage.sql counts and sums
-- (both read leakage_case_rows in queries/schema/leakage_rules.sql, where the seven rules are
-- written out), so for each rule the number of rows here is leakage's `cases` and their
-- amounts add up to its `amount`. Same filters, date basis and meaning: line rules judge a line
-- on all its returns, a line is in scope when one of its returns passes the filters. A case
-- is a return, except for quantity_above_ordered whose case is an order line (return_id
-- NULL, return_ids lists its accepted returns). Without `rule`, the cases of every rule are
-- listed (rules whose columns hold no value simply have none); with `rule`, the model says
-- which empty column that rule needs instead of answering with no rows. None of these is
-- proof of fraud or error: they are findings to check. Sorted and paged here: `sort` names
-- the column (rule = the audit order of leakage.sql), `desc` the direction, NULLs last, ties
-- broken by rule, return_id, order_id, line_id. limit NULL returns every case (exports).
-- Customer ids are shown as exported; product_name is the SKU's name as the products table
-- gives it (product_names in schema/derive.sql), NULL ("not in the data") without one. Missing is not zero: with no refund amounts in the data,
-- the cases of refund_before_receipt, refund_without_return and outside_window are listed with
-- a NULL amount ("not in the data").
-- @filters
-- @param basis enum(order|refund) = order : date the date range applies to, as in leakage: order = the order's date (cohort), refund = the refund date (else received, else requested: cash)
-- @param rule enum(refund_above_price|refund_before_receipt|refund_without_return|outside_window|duplicate_refund|quantity_above_ordered|label_above_value) = null : only the cases of this rule
-- @param sort enum(amount|rule|return_id|order_id|line_id|sku|product_name|customer_id|detail) = amount : column to sort by
-- @param desc bool = true : sort descending (largest first)
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @requires returns.refund_amount order_lines.unit_price when rule=refund_above_price
-- @requires returns.refunded_at returns.received_at when rule=refund_before_receipt
-- @requires returns.refunded_at returns.received_at when rule=refund_without_return
-- @requires returns.requested_at order_lines.order_date when rule=outside_window
-- @missing amount[rule=refund_before_receipt] when returns.refund_amount
-- @missing amount[rule=refund_without_return] when returns.refund_amount
-- @missing amount[rule=outside_window] when returns.refund_amount
-- @requires returns.refund_amount order_lines.quantity when rule=duplicate_refund
-- @requires order_lines.quantity when rule=quantity_above_ordered
-- @requires returns.label_cost order_lines.unit_price when rule=label_above_value
-- @output rule : rule code (as in leakage.sql)
-- @output return_id : the flagged return (NULL for quantity_above_ordered, whose case is an order line)
-- @output return_ids : return_ids of the case, comma-separated without spaces (the line's accepted returns for quantity_above_ordered)
-- @output order_id : order of the case
-- @output line_id : order line of the case
-- @output sku : SKU of the return (of the line for quantity_above_ordered)
-- @output product_name : product name of the SKU (NULL when not in the data)
-- @output customer_id : customer of the order, as exported
-- @output amount : money at stake in this case, as leakage.sql sums it (NULL, "not in the data", for the refund rules when the data has no refund amount at all)
-- @output detail : the facts that triggered the rule, in words
-- @output total_rows : cases matching the filters before paging (the same on every row)
SELECT
  rule, return_id, array_to_string(return_ids, ',') AS return_ids, order_id, line_id, sku,
  product_name, customer_id, amount, detail,
  count(*) OVER () AS total_rows
FROM (
  SELECT c.*, n.product_name
  FROM leakage_case_rows($basis, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) c
  LEFT JOIN product_names n ON n.sku = c.sku
)
WHERE $rule IS NULL OR rule = $rule
-- One CASE per type (a CASE has one result type); the ones not naming $sort are NULL on
-- every row and do not change the order.
ORDER BY
  CASE WHEN $desc THEN CASE $sort
    WHEN 'return_id' THEN return_id WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name WHEN 'customer_id' THEN customer_id WHEN 'detail' THEN detail
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'return_id' THEN return_id WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name WHEN 'customer_id' THEN customer_id WHEN 'detail' THEN detail
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'amount' THEN amount WHEN 'rule' THEN CAST(rule_order AS DOUBLE)
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'amount' THEN amount WHEN 'rule' THEN CAST(rule_order AS DOUBLE)
  END END ASC NULLS LAST,
  rule_order, return_id, order_id, line_id
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
