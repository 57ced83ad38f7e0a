-- kpis: headline numbers for the filtered orders and their returns.
-- One row. Every KPI is defined once, in the kpi_values macro (queries/schema/kpi_values.sql,
-- shared with kpi_change): returns are attributed to the period their order was placed
-- (cohort view); a return with no known order is dated by its request date. Returns whose
-- resolution is 'rejected' were refused, so they count in `returns` but not in units or rates.
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
SELECT k.*, l.currency, l.first_order_date, l.last_order_date
FROM kpi_values($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) AS k,
  (SELECT mode(currency) AS currency, min(order_date) AS first_order_date, max(order_date) AS last_order_date
   FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)) AS l;
