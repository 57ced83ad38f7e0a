-- kpis: headline numbers for the filtered orders and their returns.
-- One row. Returns are attributed to the period their order was placed (cohort view); a
-- return with no known order is dated by its request date. Returns whose resolution is
-- 'rejected' were refused, so they count in `returns` but not in units or rates.
-- @filters
-- @requires order_lines.order_id
-- @output orders : distinct orders
-- @output units_sold : units on those orders
-- @output gross_sales : units × price paid
-- @output returns : return lines (requests), rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output refund_amount : money refunded on accepted returns
-- @output order_return_rate : share of orders with at least one accepted return
-- @output unit_return_rate : units_returned / units_sold
-- @output value_return_rate : value of returned units (at price paid) / gross_sales
-- @output median_days_to_refund : median days from request to refund (NULL without dates)
-- @output currency : currency of the prices (the most common one)
-- @output first_order_date : earliest order date in the selection
-- @output last_order_date : latest order date in the selection
WITH lines AS (
  SELECT * FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  SELECT * FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), accepted AS (
  SELECT * FROM rets WHERE resolution IS DISTINCT FROM 'rejected'
)
SELECT
  (SELECT count(DISTINCT order_id) FROM lines) AS orders,
  (SELECT coalesce(sum(quantity), 0) FROM lines) AS units_sold,
  (SELECT coalesce(sum(line_value), 0) FROM lines) AS gross_sales,
  (SELECT count(*) FROM rets) AS returns,
  (SELECT coalesce(sum(quantity), 0) FROM accepted) AS units_returned,
  (SELECT coalesce(sum(refund_amount), 0) FROM accepted) AS refund_amount,
  safe_div((SELECT count(DISTINCT order_id) FROM accepted WHERE order_id IN (SELECT order_id FROM lines)),
           (SELECT count(DISTINCT order_id) FROM lines)) AS order_return_rate,
  safe_div((SELECT coalesce(sum(quantity), 0) FROM accepted), (SELECT sum(quantity) FROM lines)) AS unit_return_rate,
  safe_div((SELECT coalesce(sum(coalesce(quantity * unit_price, refund_amount, 0)), 0) FROM accepted),
           (SELECT sum(line_value) FROM lines)) AS value_return_rate,
  (SELECT median(days_between(requested_at, refunded_at)) FROM rets
     WHERE requested_at IS NOT NULL AND refunded_at IS NOT NULL) AS median_days_to_refund,
  (SELECT mode(currency) FROM lines) AS currency,
  (SELECT min(order_date) FROM lines) AS first_order_date,
  (SELECT max(order_date) FROM lines) AS last_order_date;
