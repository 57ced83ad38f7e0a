-- kpis: headline numbers for the filtered orders and their returns.
-- One row. Every KPI is defined once, in the kpi_values macro (queries/schema/kpi_values.sql,
-- shared with kpi_change). Date basis ($basis, basis_date in queries/schema/filters.sql):
-- 'order' (default, cohort) attributes returns to the period their order was placed (a
-- return with no known order: its request date); 'refund' (cash) dates the returns and their
-- money (returns, units_returned, refund_amount, returned_value, median_days_to_refund) by the
-- day the money moved (refund, else receipt, else request), so "Refunded" is what was refunded
-- in the period. On both bases the sales (orders, units_sold, gross_sales) are dated by their
-- order and the return RATES stay cohort: the returns of the period's orders over those
-- orders (the page says so on the rate cards). Returns whose resolution is 'rejected' were
-- refused, so they count in `returns` but not in units or rates.
-- The Overview's cards state the period these numbers cover (the view's dates, else all dates);
-- a change is shown only for a date range, from kpi_change on the same dates, so a number and
-- its change never cover different periods.
-- With `by`, one such row per value of that filter dimension (a filter index, see
-- filtered_lines_by in queries/schema/filters.sql), named in a first column by_value.
-- @filters
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @param basis enum(order|refund) = order : date the returns and their money are dated by: order = the order's date (cohort), refund = the refund date (else received, else requested: cash); sales and rates are by order date on both
-- @requires order_lines.order_id
-- @missing refund_amount when returns.refund_amount
-- @output orders : distinct orders
-- @output units_sold : units on those orders
-- @output gross_sales : units × price paid
-- @output returns : return lines (requests), rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output refund_amount : money refunded on accepted returns; NULL ("not in the data") when the loaded data has no refund amount at all
-- @output returned_value : value of the returned units at the price paid: Σ over accepted returns of quantity × the unit price of their order line (returns matched to no order line add nothing)
-- @output order_return_rate : share of orders with at least one accepted return
-- @output unit_return_rate : units_returned / units_sold
-- @output value_return_rate : returned_value / gross_sales
-- @output median_days_to_refund : median days from request to refund (NULL without dates)
-- @output currency : the reporting currency every money figure is in (the user's choice, else the most common currency of all the order lines; NULL when the data names none)
-- @output first_order_date : earliest order date in the selection
-- @output last_order_date : latest order date in the selection
-- @output as_of : the data's as-of date, over all the data: its latest order date not after the day it was loaded (date presets end here)
-- @output money_lines_excluded : order lines of the selection in another currency without a rate: left out of every money figure (with their returns), still counted in orders, units and rates
-- @output money_currencies_excluded : those lines' currencies, comma-separated (NULL when none)
-- @output money_lines_converted : order lines of the selection converted from another currency at a rate the user gave
SELECT k.* EXCLUDE (first_order_date, last_order_date, money_lines_excluded, money_currencies_excluded, money_lines_converted),
  d.reporting_currency AS currency, k.first_order_date, k.last_order_date, d.as_of,
  coalesce(k.money_lines_excluded, 0) AS money_lines_excluded, k.money_currencies_excluded,
  coalesce(k.money_lines_converted, 0) AS money_lines_converted
FROM kpi_values_on_by($basis, $by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason, true) AS k
CROSS JOIN dataset_info d
ORDER BY k.by_value;
