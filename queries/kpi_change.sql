-- kpi_change: each headline number against the period just before, one row per KPI
-- The KPIs are those of kpis (one definition, the kpi_values macro); this model decides which
-- two periods to compare and how far each KPI moved between them. The periods are picked from
-- order dates, and "the data" is every loaded order line, whatever the filters; within a
-- period each KPI is dated as kpis dates it on the same $basis ('refund': returns and their
-- money by the day the money moved; sales and rates by order date on both bases).
-- With a date range: the range, clipped to the data's first and last order date (a range
-- reaching past the data would otherwise compare against empty days), against the same
-- number of days just before. The current values are the range's own, as the kpis model gives
-- them for the same filters.
-- Without a date range (the kpis then cover all the data): the last compare_days days of data
-- against the compare_days days before.
-- Previous is NULL when the data has no order dates that early (the previous period ends
-- before the first order date). Every period column is NULL when the range holds no day of
-- data: there is nothing to compare.
-- change: relative ((current − previous) / |previous|) for counts and money, NULL when
-- previous is 0; a difference for rates (a fraction: 0.012 is 1.2 percentage points) and days.
-- refund_amount has no values (NULL on both sides, "not in the data") when the loaded data has
-- no refund amount at all, as in kpis.
-- maturing: the current period ends less than return_window_days (assumption) before the last
-- order date, so some of its orders can still be returned and its rates will still rise.
-- maturing_share says how much: the share of the current period's units sold on orders placed
-- less than return_window_days before the last order date (their returns are not all in yet),
-- so a falling return rate can be read as partly young orders not yet returned.
-- "The last order date" is the data's as-of date (dataset_info.last_order_date in derive.sql):
-- the latest order date not after the day the data was loaded, so one order dated decades
-- ahead moves neither the periods nor the maturing flag.
-- With `by`, these rows for each value of that filter dimension (a filter index, see
-- filtered_lines_by in queries/schema/filters.sql), named in a first column by_value.
-- @filters
-- @param compare_days number = 90 : without a date range, days of data compared (the last N with the N before)
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @param basis enum(order|refund) = order : date the returns and their money are dated by, as in kpis: order = the order's date (cohort), refund = the refund date (cash)
-- @requires order_lines.order_id
-- @missing current_value[kpi=refund_amount] when returns.refund_amount
-- @missing previous_value[kpi=refund_amount] when returns.refund_amount
-- @missing change[kpi=refund_amount] when returns.refund_amount
-- @output kpi : KPI key, a column of kpis (orders, units_sold, gross_sales, ...)
-- @output kind : 'count', 'money', 'rate' (a fraction) or 'days'; says how change is measured
-- @output current_value : the KPI over the current period
-- @output previous_value : the KPI over the previous period (NULL without one)
-- @output change : relative change for count and money, difference for rate and days (NULL when either side is NULL)
-- @output basis : how the periods were picked (not the date basis $basis): 'date_range' (the view's range) or 'last_days' (no range: the last compare_days days of data)
-- @output period_days : days in each period (both ends included)
-- @output current_from : first day of the current period
-- @output current_to : last day of the current period
-- @output previous_from : first day of the previous period (NULL without one)
-- @output previous_to : last day of the previous period (NULL without one)
-- @output maturing : true while the current period's orders can still be returned (rates not final)
-- @output maturing_share : share of the current period's units sold on orders still inside their return window (NULL without units)
WITH asked AS (
  SELECT min(order_date) AS first_day, (SELECT last_order_date FROM dataset_info) AS last_day,
    CAST($date_from AS DATE) AS range_from, CAST($date_to AS DATE) AS range_to,
    ($date_from IS NOT NULL OR $date_to IS NOT NULL) AS has_range,
    greatest(1, CAST(coalesce(CAST($compare_days AS DOUBLE), 90) AS INTEGER)) AS compare_days
  FROM lines_enriched
), clipped AS (
  SELECT *,
    CASE WHEN has_range THEN greatest(coalesce(range_from, first_day), first_day)
         ELSE last_day - (compare_days - 1) END AS current_from,
    CASE WHEN has_range THEN least(coalesce(range_to, last_day), last_day) ELSE last_day END AS current_to
  FROM asked
), periods AS (
  SELECT *,
    CASE WHEN has_range THEN 'date_range' ELSE 'last_days' END AS basis,
    CAST(date_diff('day', current_from, current_to) + 1 AS INTEGER) AS period_days,
    date_diff('day', current_to, last_day) < assumption('return_window_days') AS maturing
  FROM clipped
  WHERE current_to >= current_from
), with_previous AS (
  -- the previous period: as many days, ending the day before the current one starts
  SELECT * EXCLUDE (first_day, last_day, range_from, range_to, has_range, compare_days),
    CASE WHEN current_from - 1 >= first_day THEN current_from - period_days END AS previous_from,
    CASE WHEN current_from - 1 >= first_day THEN current_from - 1 END AS previous_to
  FROM periods
), current_kpis AS (
  -- with a range the view's own dates, so current_value is the number on the card
  SELECT * FROM kpi_values_on_by($basis, $by,
    CASE WHEN (SELECT has_range FROM asked) THEN CAST($date_from AS DATE) ELSE (SELECT current_from FROM periods) END,
    CASE WHEN (SELECT has_range FROM asked) THEN CAST($date_to AS DATE) ELSE (SELECT current_to FROM periods) END,
    $channel, $region, $category, $supplier, $carrier, $sku, $reason, false)
), previous_kpis AS (
  -- no previous period (the range starts on the data's first day): an empty range, not NULL
  -- dates, which would compute every KPI over all the data only to drop them below
  SELECT * FROM kpi_values_on_by($basis, $by,
    coalesce((SELECT previous_from FROM with_previous), DATE '9999-12-31'), coalesce((SELECT previous_to FROM with_previous), DATE '0001-01-01'),
    $channel, $region, $category, $supplier, $carrier, $sku, $reason, false)
), young AS (
  -- units of the current period (of each value) on orders still inside their return window
  SELECT by_value,
    safe_div(coalesce(sum(quantity) FILTER (WHERE date_diff('day', order_date, (SELECT last_day FROM asked)) < assumption('return_window_days')), 0),
             sum(quantity)) AS maturing_share
  FROM filtered_lines_by($by, (SELECT current_from FROM periods), (SELECT current_to FROM periods),
    $channel, $region, $category, $supplier, $carrier, $sku)
  GROUP BY by_value
), paired AS (
  -- a value with no rows in one period gets what an empty selection gives there
  SELECT coalesce(c.by_value, p.by_value) AS by_value,
    coalesce(c.orders, 0) AS c_orders, coalesce(c.units_sold, 0) AS c_units_sold, coalesce(c.gross_sales, 0) AS c_gross_sales,
    coalesce(c.returns, 0) AS c_returns, coalesce(c.units_returned, 0) AS c_units_returned, if_present('returns.refund_amount', coalesce(c.refund_amount, 0)) AS c_refund_amount,
    coalesce(c.returned_value, 0) AS c_returned_value,
    c.order_return_rate AS c_order_return_rate, c.unit_return_rate AS c_unit_return_rate,
    c.value_return_rate AS c_value_return_rate, c.median_days_to_refund AS c_median_days_to_refund,
    coalesce(p.orders, 0) AS p_orders, coalesce(p.units_sold, 0) AS p_units_sold, coalesce(p.gross_sales, 0) AS p_gross_sales,
    coalesce(p.returns, 0) AS p_returns, coalesce(p.units_returned, 0) AS p_units_returned, if_present('returns.refund_amount', coalesce(p.refund_amount, 0)) AS p_refund_amount,
    coalesce(p.returned_value, 0) AS p_returned_value,
    p.order_return_rate AS p_order_return_rate, p.unit_return_rate AS p_unit_return_rate,
    p.value_return_rate AS p_value_return_rate, p.median_days_to_refund AS p_median_days_to_refund
  FROM current_kpis c FULL JOIN previous_kpis p ON p.by_value = c.by_value
), long_kpis AS (
  SELECT
    by_value,
    unnest(range(1, 12)) AS ord,
    unnest(['orders', 'units_sold', 'gross_sales', 'returns', 'units_returned', 'refund_amount', 'returned_value',
            'order_return_rate', 'unit_return_rate', 'value_return_rate', 'median_days_to_refund']) AS kpi,
    unnest(['count', 'count', 'money', 'count', 'count', 'money', 'money', 'rate', 'rate', 'rate', 'days']) AS kind,
    unnest([c_orders, c_units_sold, c_gross_sales, c_returns, c_units_returned, c_refund_amount, c_returned_value,
            c_order_return_rate, c_unit_return_rate, c_value_return_rate, c_median_days_to_refund]::DOUBLE[]) AS cur,
    unnest([p_orders, p_units_sold, p_gross_sales, p_returns, p_units_returned, p_refund_amount, p_returned_value,
            p_order_return_rate, p_unit_return_rate, p_value_return_rate, p_median_days_to_refund]::DOUBLE[]) AS prev
  FROM paired
), both_sides AS (
  -- a side without its period has no value (its macro ran on a range holding no day)
  SELECT k.by_value, k.ord, k.kpi, k.kind,
    CASE WHEN p.current_from IS NOT NULL THEN k.cur END AS current_value,
    CASE WHEN p.previous_from IS NOT NULL THEN k.prev END AS previous_value,
    p.*, CASE WHEN p.current_from IS NOT NULL THEN y.maturing_share END AS maturing_share
  FROM long_kpis k LEFT JOIN with_previous p ON true
  LEFT JOIN young y ON y.by_value = k.by_value
)
SELECT by_value, kpi, kind, current_value, previous_value,
  CASE WHEN kind IN ('count', 'money') THEN safe_div(current_value - previous_value, abs(previous_value))
       ELSE current_value - previous_value END AS change,
  basis, period_days, current_from, current_to, previous_from, previous_to, maturing, maturing_share
FROM both_sides
ORDER BY by_value, ord;
