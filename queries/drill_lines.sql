-- drill_lines: the order lines behind a number, with product and shipment, sorted and paged.
-- The drill-down table of the dashboard for sales figures (orders, units sold, shipments) and
-- its CSV / Parquet export. Rows are the order lines that pass the global filters (order date,
-- channel, region, category, supplier, outbound carrier, SKU), narrowed by the optional drill
-- filters below. The reason filter does not remove lines (a line has no reason, as in kpis):
-- it narrows the returns counted on each line. returns counts every return request matched
-- to the line that passes the filters, rejected ones included; units_returned only accepted
-- ones (not 'rejected'), as in every rate. Late = delivered_at later than promised_at, as
-- in carrier_performance. Drill filters take one value, or several separated by chr(31).
-- Sorting and paging happen here: `sort` names the column, `desc` the direction, NULLs
-- always last, ties broken by order_id then line_id so pages never overlap. limit NULL
-- returns every row (exports; there is no row cap). Customer ids are shown as exported.
-- @filters
-- @param shipment_status text = null : only lines whose order's shipment has this status (delivered, in_transit, lost, returned_to_sender, damaged)
-- @param late bool = null : only lines delivered after the promised time (true) or not late (false: on time, or no promise / delivery)
-- @param returned bool = null : only lines with at least one accepted return (true) or with none (false)
-- @param sort enum(order_id|line_id|order_date|sku|product_name|category|supplier|product_group|size|color|quantity|unit_price|line_value|unit_cost|currency|channel|region|customer_id|carrier|shipped_at|promised_at|delivered_at|shipment_status|delay_days|returns|units_returned) = order_date : column to sort by
-- @param desc bool = true : sort descending (largest, latest first)
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @missing unit_cost when products.unit_cost
-- @missing shipped_at when shipments.shipped_at
-- @missing promised_at when shipments.promised_at
-- @missing delivered_at when shipments.delivered_at
-- @missing delay_days when shipments.promised_at
-- @missing delay_days when shipments.delivered_at
-- @output order_id : order identifier
-- @output line_id : line identifier within the order
-- @output order_date : date the order was placed
-- @output sku : SKU sold
-- @output product_name : product name (NULL without a product row)
-- @output category : category ('(unknown)' without a product row)
-- @output supplier : supplier ('(unknown)' without a product row)
-- @output product_group : parent product of size/colour variants
-- @output size : size of the variant
-- @output color : colour of the variant
-- @output quantity : units sold on the line
-- @output unit_price : price paid per unit, in the reporting currency (converted at the user's rate; NULL when the line's currency has no rate)
-- @output line_value : quantity × unit_price
-- @output unit_cost : landed cost per unit
-- @output currency : currency of unit_price and line_value (the reporting currency; the line's own when it has no rate)
-- @output channel : sales channel
-- @output region : region the order ships to
-- @output customer_id : customer, as exported
-- @output carrier : outbound carrier ('(unknown)' without a shipment)
-- @output shipped_at : handed to the carrier
-- @output promised_at : delivery promised for
-- @output delivered_at : delivered to the customer
-- @output shipment_status : status of the shipment
-- @output delay_days : days delivered after the promise (negative = early; NULL without both dates)
-- @output returns : return requests on this line that pass the filters, rejected included
-- @output units_returned : units on accepted returns of this line that pass the filters
-- @output total_rows : rows matching the filters before paging (the same on every row)
WITH lines AS (
  SELECT * FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), line_returns AS (
  SELECT order_id, line_id, count(*) AS returns,
    coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
  WHERE line_matched
  GROUP BY order_id, line_id
), sel AS (
  SELECT l.*, days_between(l.promised_at, l.delivered_at) AS delay_days,
    coalesce(r.returns, 0) AS returns, coalesce(r.units_returned, 0) AS units_returned
  FROM lines l
  LEFT JOIN line_returns r ON r.order_id = l.order_id AND r.line_id = l.line_id
  WHERE in_list($shipment_status, l.shipment_status)
    AND ($late IS NULL OR coalesce(l.delivered_at > l.promised_at, false) = $late)
    AND ($returned IS NULL OR (coalesce(r.units_returned, 0) > 0) = $returned)
)
SELECT
  order_id, line_id, order_date, sku, product_name, category, supplier, product_group, size, color,
  quantity, unit_price, line_value, unit_cost, currency, channel, region, customer_id, carrier,
  shipped_at, promised_at, delivered_at, shipment_status, delay_days,
  CAST(returns AS INTEGER) AS returns, CAST(units_returned AS INTEGER) AS units_returned,
  count(*) OVER () AS total_rows
FROM sel
-- One CASE per type (a CASE has one result type); the ones not naming $sort are NULL on
-- every row and do not change the order.
ORDER BY
  CASE WHEN $desc THEN CASE $sort
    WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id WHEN 'sku' THEN sku
    WHEN 'product_name' THEN product_name WHEN 'category' THEN category WHEN 'supplier' THEN supplier
    WHEN 'product_group' THEN product_group WHEN 'size' THEN size WHEN 'color' THEN color
    WHEN 'currency' THEN currency WHEN 'channel' THEN channel WHEN 'region' THEN region
    WHEN 'customer_id' THEN customer_id WHEN 'carrier' THEN carrier WHEN 'shipment_status' THEN shipment_status
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'order_id' THEN order_id WHEN 'line_id' THEN line_id WHEN 'sku' THEN sku
    WHEN 'product_name' THEN product_name WHEN 'category' THEN category WHEN 'supplier' THEN supplier
    WHEN 'product_group' THEN product_group WHEN 'size' THEN size WHEN 'color' THEN color
    WHEN 'currency' THEN currency WHEN 'channel' THEN channel WHEN 'region' THEN region
    WHEN 'customer_id' THEN customer_id WHEN 'carrier' THEN carrier WHEN 'shipment_status' THEN shipment_status
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'quantity' THEN CAST(quantity AS DOUBLE) WHEN 'unit_price' THEN unit_price
    WHEN 'line_value' THEN line_value WHEN 'unit_cost' THEN unit_cost WHEN 'delay_days' THEN delay_days
    WHEN 'returns' THEN CAST(returns AS DOUBLE) WHEN 'units_returned' THEN CAST(units_returned AS DOUBLE)
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'quantity' THEN CAST(quantity AS DOUBLE) WHEN 'unit_price' THEN unit_price
    WHEN 'line_value' THEN line_value WHEN 'unit_cost' THEN unit_cost WHEN 'delay_days' THEN delay_days
    WHEN 'returns' THEN CAST(returns AS DOUBLE) WHEN 'units_returned' THEN CAST(units_returned AS DOUBLE)
  END END ASC NULLS LAST,
  CASE WHEN $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'shipped_at' THEN shipped_at
    WHEN 'promised_at' THEN promised_at WHEN 'delivered_at' THEN delivered_at
  END END DESC NULLS LAST,
  CASE WHEN NOT $desc THEN CASE $sort
    WHEN 'order_date' THEN CAST(order_date AS TIMESTAMP) WHEN 'shipped_at' THEN shipped_at
    WHEN 'promised_at' THEN promised_at WHEN 'delivered_at' THEN delivered_at
  END END ASC NULLS LAST,
  order_id, line_id
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
