-- return_trend: units sold and returned per month or ISO week of the order date, recent periods flagged as maturing
-- One row per period (month, or ISO week starting Monday) from the first period with an order
-- to the last period of the filtered selection; periods with nothing in them appear with zero
-- sales. Returns without a known order dated before the first order period (orphans: they have
-- no sales to be a rate of) would start the axis on a period with no orders: they are left out
-- of the rows and counted in earlier_returns, so the page can say so (nothing is lost
-- silently). A selection with no orders at all has its periods from its returns.
-- Cohort view: sales are placed in the period of their order date, and so are their returns
-- (a return's cohort_date is its order's date when its order line is known). Returns without
-- a known order line are placed by their cohort_date (request, receipt or refund date),
-- the same date the global date filters use; returns with no date at all are left out.
-- Returns whose resolution is 'rejected' were refused: they count in `returns` (requests)
-- but not in units_returned or the rate.
-- maturing: the returns of a recent period are not all in yet, so its rate will still rise.
-- A period is maturing while period_end + return_window_days (assumption) > as_of, where
-- as_of is the data's as-of date (dataset_info in derive.sql): the latest order date in all
-- the loaded order lines (not just the filtered ones; the latest return date when no order
-- lines are loaded) that is not after the day the data was loaded. The engine has no clock:
-- "today" is the data's last plausible day.
-- With `by`, these rows for each value of that filter dimension, each from its own first to
-- its own last period (a filter index, see filtered_lines_by in queries/schema/filters.sql), named in a first
-- column by_value.
-- @filters
-- @param grain enum(month|week) = month : period length (calendar month or ISO week)
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @output period : first day of the month or Monday of the ISO week
-- @output period_end : last day of the period
-- @output orders : distinct orders placed in the period
-- @output units_sold : units on those orders
-- @output returns : return lines (requests) of the period's orders, rejected ones included
-- @output units_returned : units on accepted (not rejected) returns of the period's orders
-- @output unit_return_rate : units_returned / units_sold (NULL without sales)
-- @output maturing : true while the period's return window is still open at as_of (rate not final)
-- @output as_of : the date maturing is judged at (latest order date loaded, not after the load day)
-- @output earlier_returns : return lines (of this by_value) dated before its first order period, left out of the rows (0 when none)
WITH lines AS (
  SELECT * FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  SELECT * FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), sold AS (
  SELECT
    by_value,
    CAST(CASE WHEN $grain = 'week' THEN date_trunc('week', order_date) ELSE date_trunc('month', order_date) END AS DATE) AS period,
    distinct_orders(orders_whole($by, $category, $supplier, $sku), order_key, order_uniform, order_first_line) AS orders,
    sum(quantity) AS units_sold
  FROM lines
  GROUP BY ALL
), returned AS (
  SELECT
    by_value,
    CAST(CASE WHEN $grain = 'week' THEN date_trunc('week', cohort_date) ELSE date_trunc('month', cohort_date) END AS DATE) AS period,
    count(*) AS returns,
    coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned
  FROM rets
  WHERE cohort_date IS NOT NULL
  GROUP BY ALL
), bounds AS (
  -- the first period with an order; only a value with no orders starts at its first return
  SELECT by_value, coalesce(min(period) FILTER (WHERE has_sales), min(period)) AS first_period, max(period) AS last_period
  FROM (SELECT by_value, period, true AS has_sales FROM sold UNION ALL SELECT by_value, period, false FROM returned)
  GROUP BY by_value
), earlier AS (
  SELECT r.by_value, sum(r.returns) AS earlier_returns
  FROM returned r JOIN bounds b ON b.by_value = r.by_value
  WHERE r.period < b.first_period
  GROUP BY r.by_value
), periods AS (
  SELECT by_value, CAST(unnest(generate_series(
    CAST(first_period AS TIMESTAMP), CAST(last_period AS TIMESTAMP),
    CASE WHEN $grain = 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END)) AS DATE) AS period
  FROM bounds
  WHERE first_period IS NOT NULL
), as_of AS (
  SELECT as_of FROM dataset_info
), framed AS (
  SELECT
    p.by_value,
    p.period,
    CASE WHEN $grain = 'week' THEN p.period + 6
         ELSE CAST(p.period + INTERVAL 1 MONTH AS DATE) - 1 END AS period_end,
    coalesce(s.orders, 0) AS orders,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(r.returns, 0) AS returns,
    coalesce(r.units_returned, 0) AS units_returned
  FROM periods p
  LEFT JOIN sold s ON s.by_value = p.by_value AND s.period = p.period
  LEFT JOIN returned r ON r.by_value = p.by_value AND r.period = p.period
)
SELECT
  f.by_value,
  f.period,
  f.period_end,
  CAST(f.orders AS BIGINT) AS orders,
  CAST(f.units_sold AS BIGINT) AS units_sold,
  CAST(f.returns AS BIGINT) AS returns,
  CAST(f.units_returned AS BIGINT) AS units_returned,
  safe_div(f.units_returned, f.units_sold) AS unit_return_rate,
  days_between(f.period_end, a.as_of) < assumption('return_window_days') AS maturing,
  a.as_of,
  CAST(coalesce(e.earlier_returns, 0) AS BIGINT) AS earlier_returns
FROM framed f
CROSS JOIN as_of a
LEFT JOIN earlier e ON e.by_value = f.by_value
ORDER BY f.by_value, f.period;
