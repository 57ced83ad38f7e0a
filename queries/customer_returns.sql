-- customer_returns: return behaviour per customer (rates with small-sample intervals, refunds, net revenue) and a segment
-- One row per customer id among the filtered order lines (lines without a customer_id are left
-- out) and their returns; a return belongs to the customer of its order line, so returns whose
-- order line is unknown (e.g. credit notes that do not name their invoice) cannot be counted
-- here. When no return names its order at all, the model answers needs returns.order_id
-- rather than showing every customer with a return rate of 0. Customer ids are personal
-- data: shown as exported, never sent anywhere.
-- Cohort view like every model: sales and their returns are placed by the order date.
-- Returns whose resolution is 'rejected' were refused: they count in `returns` (requests) but
-- not in units_returned, the rates, orders_with_return, orders_fully_returned or
-- refund_amount. With the reason filter set, returns count only those reasons while purchases
-- count all lines. unit_return_rate can exceed 1 when more units came back than were sold
-- (see the leakage audit); the Wilson interval caps the returned units at the units bought.
-- Small-sample honesty: rate_low / rate_high are the 95% Wilson interval of the unit return
-- rate, and rows are ranked by rate_low (largest first) unless `sort` says otherwise: 2 units
-- returned out of 2 bought gives rate_low 0.34, 30 out of 32 gives 0.80, so a customer's
-- one unlucky order does not top the list.
-- segment (thresholds are parameters, shown in the UI):
--   'serial returner'   : orders >= min_orders and rate_low > serial_rate_low (even the low end
--                         of the interval says they send back more than that share of units);
--   'frequent returner' : orders >= min_orders and rate_low > baseline_rate (significantly above
--                         the average customer of the selection, but not serial);
--   'regular'           : orders >= min_orders, neither of the above;
--   'few orders'        : fewer than min_orders orders in the selection: too few to judge.
-- The rows and segments come from customer_return_rows (queries/schema/abuse_rules.sql), which
-- customer_return_distribution also reads, so both agree.
-- The product a customer returns most (top_product*): of their accepted returns in the
-- selection, the parent product (products.product_group via product_names, else the SKU
-- itself) with the most units; ties go to the first parent in alphabetical order. Its name is
-- product_names' parent_name: NULL when the data names none ("not in the data" on the page).
-- Sorted and paged here: `sort` names the column, `desc` the direction, NULLs last, ties broken
-- by units_returned (largest first), then customer_id. limit NULL returns every customer.
-- @filters
-- @param serial_rate_low number = 0.5 : serial returner when the low end of the unit return rate's 95% interval is above this
-- @param min_orders number = 5 : orders a customer needs before being judged (segments other than 'few orders')
-- @param segment enum(serial returner|frequent returner|regular|few orders) = null : only customers of this segment
-- @param sort enum(rate_low|unit_return_rate|units_returned|returns|refund_amount|net_revenue|orders|gross_sales|last_order|customer_id) = rate_low : column to sort by
-- @param desc bool = true : sort descending (largest first)
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @requires order_lines.customer_id returns.order_id
-- @output customer_id : customer id, as exported
-- @output segment : 'serial returner', 'frequent returner', 'regular' or 'few orders' (see above)
-- @output orders : distinct orders in the selection
-- @output units_bought : units on those orders
-- @output returns : return lines (requests) of those orders, rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output unit_return_rate : units_returned / units_bought (NULL without purchases)
-- @output rate_low : low end of the 95% Wilson interval of the unit return rate (the ranking key)
-- @output rate_high : high end of the 95% Wilson interval of the unit return rate
-- @output baseline_rate : unit return rate of all customers in the selection (the 'frequent returner' bar)
-- @output orders_with_return : orders with at least one accepted return
-- @output order_return_rate : orders_with_return / orders
-- @output orders_fully_returned : orders whose accepted returns cover every unit bought
-- @output fully_returned_share : orders_fully_returned / orders
-- @output gross_sales : units bought × price paid
-- @missing refund_amount when returns.refund_amount
-- @missing net_revenue when returns.refund_amount
-- @output refund_amount : money refunded or credited on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
-- @output net_revenue : gross_sales − refund_amount; NULL when refund_amount is
-- @output first_order : date of the first order in the selection
-- @output last_order : date of the last order in the selection
-- @output top_product : the parent product the customer returned most units of (see above); NULL without accepted returns of a known SKU
-- @output top_product_name : its name; NULL when not in the data
-- @output top_product_units : accepted units returned of that product
-- @output total_rows : customers matching the filters and segment before paging (the same on every row)
WITH keyed AS (
  SELECT *, count(*) OVER () AS total_rows,
    -- The sort keys, one per type; the ones not naming $sort are NULL on every row and do not
    -- change the order.
    CASE WHEN $desc THEN CASE $sort
      WHEN 'rate_low' THEN rate_low WHEN 'unit_return_rate' THEN unit_return_rate
      WHEN 'units_returned' THEN units_returned WHEN 'returns' THEN returns
      WHEN 'refund_amount' THEN refund_amount WHEN 'net_revenue' THEN net_revenue
      WHEN 'orders' THEN orders WHEN 'gross_sales' THEN gross_sales
    END END AS number_desc,
    CASE WHEN NOT $desc THEN CASE $sort
      WHEN 'rate_low' THEN rate_low WHEN 'unit_return_rate' THEN unit_return_rate
      WHEN 'units_returned' THEN units_returned WHEN 'returns' THEN returns
      WHEN 'refund_amount' THEN refund_amount WHEN 'net_revenue' THEN net_revenue
      WHEN 'orders' THEN orders WHEN 'gross_sales' THEN gross_sales
    END END AS number_asc,
    CASE WHEN $desc THEN CASE $sort WHEN 'last_order' THEN last_order END END AS date_desc,
    CASE WHEN NOT $desc THEN CASE $sort WHEN 'last_order' THEN last_order END END AS date_asc,
    CASE WHEN $desc THEN CASE $sort WHEN 'customer_id' THEN customer_id END END AS text_desc,
    CASE WHEN NOT $desc THEN CASE $sort WHEN 'customer_id' THEN customer_id END END AS text_asc
  FROM customer_return_rows($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason,
                            $serial_rate_low, $min_orders)
  WHERE $segment IS NULL OR segment = $segment
), ranked AS (
  -- Only the requested page is kept before the product each customer returns most is looked up,
  -- for those customers alone.
  SELECT * FROM keyed
  ORDER BY number_desc DESC NULLS LAST, number_asc ASC NULLS LAST, date_desc DESC NULLS LAST,
    date_asc ASC NULLS LAST, text_desc DESC NULLS LAST, text_asc ASC NULLS LAST, units_returned DESC, customer_id
  LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0)
), returned_products AS (
  -- accepted returned units per customer of the page and parent product, with the same filters as the rows
  SELECT r.customer_id, coalesce(n.parent, r.sku) AS parent, any_value(n.parent_name) AS parent_name,
    coalesce(sum(r.quantity), 0) AS units
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
  SEMI JOIN ranked p ON p.customer_id = r.customer_id
  LEFT JOIN product_names n ON n.sku = r.sku
  WHERE r.sku IS NOT NULL AND r.resolution IS DISTINCT FROM 'rejected'
  GROUP BY r.customer_id, coalesce(n.parent, r.sku)
), most_returned AS (
  SELECT customer_id, parent AS top_product, parent_name AS top_product_name, units AS top_product_units
  FROM returned_products
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY units DESC, parent) = 1
)
SELECT
  customer_id, segment, orders, units_bought, returns, units_returned, unit_return_rate,
  rate_low, rate_high, baseline_rate, orders_with_return, order_return_rate,
  orders_fully_returned, fully_returned_share, gross_sales,
  if_present('returns.refund_amount', refund_amount) AS refund_amount,
  if_present('returns.refund_amount', net_revenue) AS net_revenue,
  first_order, last_order,
  top_product, top_product_name, top_product_units,
  total_rows
FROM ranked
LEFT JOIN most_returned USING (customer_id)
ORDER BY number_desc DESC NULLS LAST, number_asc ASC NULLS LAST, date_desc DESC NULLS LAST,
  date_asc ASC NULLS LAST, text_desc DESC NULLS LAST, text_asc ASC NULLS LAST, units_returned DESC, customer_id;
