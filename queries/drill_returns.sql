-- drill_returns: the return lines behind a number, one row per return, sorted and paged.
-- The drill-down table of the dashboard and its CSV / Parquet export. Rows are the returns
-- that pass the global filters, narrowed by the optional drill filters below. The date range
-- applies to the date basis ($basis, basis_date in queries/schema/filters.sql) of the figure
-- drilled into: 'order' (default, cohort) the order's date, 'refund' (cash) the day the money
-- moved (refund, else receipt, else request), so the rows behind a figure by refund date are
-- the returns refunded in the period. Rejected returns are included unless
-- accepted_only is true (they count as return requests, not in units, rates or costs).
-- Drill filters take one value, or several separated by chr(31) like the global filters.
-- Sorting and paging happen here, so a page of 100,000+ returns comes back at once: `sort`
-- names the column, `desc` its direction, NULLs always last; ties are broken by return_id
-- so pages never overlap. limit NULL returns every row (exports; there is no row cap).
-- Customer ids are shown as exported (personal data: they never leave the machine).
-- Missing is not zero: recovery_value is NULL when the loaded data has neither reported
-- recovery values nor unit costs with dispositions to estimate them (recovery_in_data), not
-- the 0 such an estimate would give; the @missing lines name the columns the page then shows
-- as "not in the data".
-- @filters
-- @param fault text = null : only returns whose reason has this fault (customer, carrier, supplier, merchant, unknown)
-- @param resolution text = null : only returns with this resolution (refund, exchange, store_credit, rejected)
-- @param disposition text = null : only returns with this disposition (restock, refurbish, liquidate, return_to_vendor, dispose)
-- @param condition text = null : only returns with this inspection result
-- @param return_carrier text = null : only returns sent back with this carrier
-- @param pickup_failed bool = null : only returns whose reverse pickup failed (true) or did not (false)
-- @param customer_id text = null : only returns of this customer (personal data: shown as given)
-- @param product_group text = null : only returns of the variants of this parent product (a SKU without one is its own parent)
-- @param basis enum(order|refund) = order : date the date range applies to: order = the order's date (cohort), refund = the refund date (else received, else requested: cash)
-- @param accepted_only bool = false : leave out rejected returns (the rows behind units returned, rates and costs)
-- @param sort enum(return_id|order_id|line_id|sku|product_name|product_group|size|color|category|supplier|carrier|return_carrier|region|channel|customer_id|reason|fault|reason_raw|customer_comment|quantity|unit_price|refund_amount|label_cost|recovery_value|recovery_estimated|resolution|condition|disposition|order_date|requested_at|approved_at|received_at|inspected_at|refunded_at|pickup_attempts|pickup_failed) = requested_at : column to sort by
-- @param desc bool = true : sort descending (largest, latest first)
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @missing refund_amount when returns.refund_amount
-- @missing label_cost when returns.label_cost
-- @missing recovery_value when returns.recovery_value and products.unit_cost
-- @missing recovery_value when returns.recovery_value and returns.disposition
-- @output return_id : return identifier
-- @output order_id : order the item was bought in (NULL when the export has none)
-- @output line_id : order line the return was matched to (NULL when unmatched)
-- @output sku : SKU returned
-- @output product_name : product name of the SKU (NULL when not in the data)
-- @output product_group : parent product of size/colour variants (NULL when not in the data)
-- @output size : size of the variant
-- @output color : colour of the variant
-- @output category : category of the SKU ('(unknown)' without a product row)
-- @output supplier : supplier of the SKU ('(unknown)' without a product row)
-- @output carrier : outbound carrier of the order ('(unknown)' without a shipment)
-- @output return_carrier : carrier of the return leg
-- @output region : region of the return (its own, else its order line's)
-- @output channel : sales channel of the order
-- @output customer_id : customer of the order, as exported
-- @output reason : canonical reason
-- @output fault : who is at fault for that reason (customer, carrier, supplier, merchant, unknown)
-- @output reason_raw : reason exactly as exported
-- @output customer_comment : free-text comment of the customer
-- @output quantity : units returned
-- @output unit_price : price paid per unit on the order line (NULL when unmatched); money columns are in the reporting currency, NULL when the line's currency has no rate
-- @output refund_amount : money refunded
-- @output label_cost : return label paid by the merchant
-- @output recovery_value : money recovered from the item, reported or estimated from the disposition
-- @output recovery_estimated : true when recovery_value is an estimate (no reported value)
-- @output resolution : refund, exchange, store_credit or rejected
-- @output condition : inspection result
-- @output disposition : what happened to the item
-- @output order_date : date the order was placed
-- @output requested_at : customer asked for the return
-- @output approved_at : return authorised
-- @output received_at : item received at the warehouse
-- @output inspected_at : item inspected
-- @output refunded_at : refund issued
-- @output pickup_attempts : reverse pickup attempts
-- @output pickup_failed : reverse pickup finally failed
-- @output total_rows : rows matching the filters before paging (the same on every row)
WITH sel AS (
  SELECT r.*, p.product_name, p.product_group, p.size, p.color
  FROM filtered_returns_on($basis, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
  LEFT JOIN products p ON p.sku = r.sku
  WHERE in_list($fault, fault) AND in_list($resolution, resolution)
    AND in_list($disposition, disposition) AND in_list($condition, condition)
    AND in_list($return_carrier, return_carrier)
    AND ($pickup_failed IS NULL OR pickup_failed = $pickup_failed)
    AND ($customer_id IS NULL OR customer_id = $customer_id)
    AND (NOT $accepted_only OR resolution IS DISTINCT FROM 'rejected')
    AND in_list($product_group, coalesce(p.product_group, r.sku))
)
SELECT
  return_id, order_id, line_id, sku, product_name, product_group, size, color, category, supplier, carrier, return_carrier, region, channel,
  customer_id, reason, fault, reason_raw, customer_comment, quantity, unit_price, refund_amount,
  label_cost,
  -- an estimate needs unit costs and dispositions: without them the row's 0 would be made up
  CASE WHEN recovery_in_data() THEN recovery_value END AS recovery_value, recovery_estimated, resolution, condition, disposition, order_date,
  requested_at, approved_at, received_at, inspected_at, refunded_at, pickup_attempts, pickup_failed,
  count(*) OVER () AS total_rows
FROM sel
-- One CASE per type (a CASE has one result type); the ones not naming $sort are NULL on
-- every row and do not change the order.
ORDER BY
  CASE WHEN $desc THEN CASE $sort
    WHEN 'return_id' THEN return_id WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name WHEN 'product_group' THEN product_group
    WHEN 'size' THEN size WHEN 'color' THEN color WHEN 'category' THEN category WHEN 'supplier' THEN supplier
    WHEN 'carrier' THEN carrier WHEN 'return_carrier' THEN return_carrier WHEN 'region' THEN region
    WHEN 'channel' THEN channel WHEN 'customer_id' THEN customer_id WHEN 'reason' THEN reason
    WHEN 'fault' THEN fault WHEN 'reason_raw' THEN reason_raw WHEN 'customer_comment' THEN customer_comment
    WHEN 'resolution' THEN resolution WHEN 'condition' THEN condition WHEN 'disposition' THEN disposition
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'return_id' THEN return_id WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id
    WHEN 'sku' THEN sku WHEN 'product_name' THEN product_name WHEN 'product_group' THEN product_group
    WHEN 'size' THEN size WHEN 'color' THEN color WHEN 'category' THEN category WHEN 'supplier' THEN supplier
    WHEN 'carrier' THEN carrier WHEN 'return_carrier' THEN return_carrier WHEN 'region' THEN region
    WHEN 'channel' THEN channel WHEN 'customer_id' THEN customer_id WHEN 'reason' THEN reason
    WHEN 'fault' THEN fault WHEN 'reason_raw' THEN reason_raw WHEN 'customer_comment' THEN customer_comment
    WHEN 'resolution' THEN resolution WHEN 'condition' THEN condition WHEN 'disposition' THEN disposition
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'quantity' THEN CAST(quantity AS DOUBLE) WHEN 'unit_price' THEN unit_price
    WHEN 'refund_amount' THEN refund_amount WHEN 'label_cost' THEN label_cost
    WHEN 'recovery_value' THEN recovery_value WHEN 'recovery_estimated' THEN CAST(recovery_estimated AS DOUBLE)
    WHEN 'pickup_attempts' THEN CAST(pickup_attempts AS DOUBLE) WHEN 'pickup_failed' THEN CAST(pickup_failed AS DOUBLE)
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'quantity' THEN CAST(quantity AS DOUBLE) WHEN 'unit_price' THEN unit_price
    WHEN 'refund_amount' THEN refund_amount WHEN 'label_cost' THEN label_cost
    WHEN 'recovery_value' THEN recovery_value WHEN 'recovery_estimated' THEN CAST(recovery_estimated AS DOUBLE)
    WHEN 'pickup_attempts' THEN CAST(pickup_attempts AS DOUBLE) WHEN 'pickup_failed' THEN CAST(pickup_failed AS DOUBLE)
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'requested_at' THEN requested_at
    WHEN 'approved_at' THEN approved_at WHEN 'received_at' THEN received_at
    WHEN 'inspected_at' THEN inspected_at WHEN 'refunded_at' THEN refunded_at
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'requested_at' THEN requested_at
    WHEN 'approved_at' THEN approved_at WHEN 'received_at' THEN received_at
    WHEN 'inspected_at' THEN inspected_at WHEN 'refunded_at' THEN refunded_at
  END END ASC NULLS LAST,
  return_id
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
