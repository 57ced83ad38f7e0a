-- kpi_values: the one definition of every headline number (KPI). kpis.sql shows them for the
-- view, kpi_change.sql compares two periods with them, so a KPI means the same in both.
-- Created after filters.sql (it reads its rows through filtered_lines / filtered_returns).
-- Returns are attributed to the period their order was placed (cohort view); a return with no
-- known order is dated by its request date. Returns whose resolution is 'rejected' were
-- refused, so they count in `returns` but not in units, refunds or rates.

-- kpi_values(...global filters): one row, the KPIs of the orders and returns that pass them.
-- Written as one aggregate pass over the lines and one over the returns (plus the semi-join
-- for returned orders): a CTE read by several subqueries is materialized first, which cost
-- 3-4x the time at 1M order lines.
CREATE OR REPLACE MACRO kpi_values(p_date_from, p_date_to, p_channel, p_region, p_category,
                                   p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  WITH line_totals AS (
    SELECT count(DISTINCT order_key) AS orders,
      sum(quantity) AS units, sum(line_value) AS value
    FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku)
  ), return_totals AS (
    SELECT count(*) AS returns,
      coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned,
      coalesce(sum(refund_amount) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS refund_amount,
      coalesce(sum(coalesce(quantity * unit_price, refund_amount, 0)) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS value_returned,
      -- days_between is NULL when either date is missing, and median skips NULLs
      median(days_between(requested_at, refunded_at)) AS median_days_to_refund
    FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
  ), returned_orders AS (
    -- orders of the selected lines with at least one accepted return
    SELECT count(DISTINCT order_key) AS orders_with_return
    FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
    WHERE resolution IS DISTINCT FROM 'rejected'
      AND order_key IN (SELECT order_key FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku))
  )
  SELECT
    l.orders,
    coalesce(l.units, 0) AS units_sold,
    coalesce(l.value, 0) AS gross_sales,
    r.returns,
    r.units_returned,
    r.refund_amount,
    safe_div(o.orders_with_return, l.orders) AS order_return_rate,
    safe_div(r.units_returned, l.units) AS unit_return_rate,
    safe_div(r.value_returned, l.value) AS value_return_rate,
    r.median_days_to_refund
  FROM line_totals l, return_totals r, returned_orders o;
