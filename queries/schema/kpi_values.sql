-- kpi_values: the one definition of every headline number (KPI). kpis.sql shows them for the
-- view, kpi_change.sql compares two periods with them, so a KPI means the same in both.
-- Created after filters.sql (it reads its rows through filtered_lines / filtered_returns).
-- Returns are attributed to the period their order was placed (cohort view); a return with no
-- known order is dated by its request date. Returns whose resolution is 'rejected' were
-- refused, so they count in `returns` but not in units, refunds or rates.

-- kpi_values(...global filters): one row, the KPIs of the orders and returns that pass them.
CREATE OR REPLACE MACRO kpi_values(p_date_from, p_date_to, p_channel, p_region, p_category,
                                   p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  WITH lines AS (
    SELECT * FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku)
  ), rets AS (
    SELECT * FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
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
       WHERE requested_at IS NOT NULL AND refunded_at IS NOT NULL) AS median_days_to_refund;
