-- kpi_values: the one definition of every headline number (KPI). kpis.sql shows them for the
-- view, kpi_change.sql compares two periods with them, so a KPI means the same in both.
-- Created after filters.sql (it reads its rows through filtered_lines / filtered_returns).
-- Date basis (p_basis, basis_date in filters.sql), which date the period applies to:
--   sales (orders, units_sold, gross_sales): always the order date, the day the sale was made;
--   returns and their money (returns, units_returned, refund_amount, returned_value,
--     median_days_to_refund): the basis date: 'order' (cohort, the default) their order's date
--     (a return with no known order: its request date), 'refund' (cash) the day the money
--     moved, so "Refunded" for Q2 is what was refunded in Q2;
--   return rates (order_return_rate, unit_return_rate, value_return_rate): always cohort, on
--     both bases: the returns OF the period's orders over those orders. A rate mixing refunds of
--     old orders with this period's sales would rise and fall with timing, not with returns.
-- Returns whose resolution is 'rejected' were refused, so they count in `returns` but not in
-- units, refunds or rates.
-- returned_value is the value of the returned units at the price paid: per accepted return,
-- its quantity × the unit price of the order line it names (a return matched to no order line
-- has no price paid and adds nothing, as its order adds nothing to gross_sales);
-- value_return_rate = returned_value / gross_sales (cohort). refund_amount is NULL ("not in
-- the data") when the loaded data has no refund amount at all (if_present, macros.sql), never 0.

-- kpi_values_on_by(p_basis, p_by, ...global filters, p_facts): the KPIs of the orders and returns
-- that pass them on that date basis (and with p_facts true the selection's first and last order
-- date and the order lines its money figures leave out or convert, NULL otherwise), one row per value of the dimension p_by (filtered_lines_by); with p_by NULL one row
-- (by_value ''), even when nothing passes: a value missing from one side gets what an empty
-- selection gives (counts and money 0, rates and the median NULL).
-- Written as one aggregate pass over the lines and one over the returns (plus the semi-join
-- for returned orders): a CTE read by several subqueries is materialized first, which cost
-- 3-4x the time at 1M order lines. On the refund basis the one pass over the returns reads
-- every date and sums each figure over its own rows (in_basis: the basis date in the period;
-- in_cohort: the order date in it, for the rates); on the order basis both are every row the
-- date filter kept, as before the basis existed.
CREATE OR REPLACE MACRO kpi_values_on_by(p_basis, p_by, p_date_from, p_date_to, p_channel, p_region, p_category,
                                         p_supplier, p_carrier, p_sku, p_reason, p_facts) AS TABLE
  WITH line_totals AS (
    SELECT by_value,
      distinct_orders(orders_whole(p_by, p_category, p_supplier, p_sku), order_key, order_uniform, order_first_line) AS orders,
      sum(quantity) AS units, sum(line_value) AS value,
      -- with p_facts, what kpis states about the selection besides the KPIs, in the same pass (a
      -- second one over the lines cost kpis a third of its time at 1M order lines); without,
      -- they see no row (DuckDB keeps unread aggregates: kpi_change was 15% slower with them)
      min(order_date) FILTER (WHERE p_facts) AS first_order_date, max(order_date) FILTER (WHERE p_facts) AS last_order_date,
      count(*) FILTER (WHERE p_facts AND NOT money_included) AS money_lines_excluded,
      string_agg(DISTINCT original_currency, ', ' ORDER BY original_currency) FILTER (WHERE p_facts AND NOT money_included) AS money_currencies_excluded,
      count(*) FILTER (WHERE p_facts AND money_converted) AS money_lines_converted
    FROM filtered_lines_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku)
    GROUP BY by_value
  ), return_totals AS (
    SELECT by_value, count(*) FILTER (WHERE in_basis) AS returns,
      coalesce(sum(quantity) FILTER (WHERE in_basis AND accepted), 0) AS units_returned,
      coalesce(sum(refund_amount) FILTER (WHERE in_basis AND accepted), 0) AS refund_amount,
      coalesce(sum(quantity * unit_price) FILTER (WHERE in_basis AND accepted), 0) AS returned_value,
      -- days_between is NULL when either date is missing, and median skips NULLs
      median(days_between(requested_at, refunded_at)) FILTER (WHERE in_basis) AS median_days_to_refund,
      coalesce(sum(quantity) FILTER (WHERE in_cohort AND accepted), 0) AS cohort_units_returned,
      coalesce(sum(quantity * unit_price) FILTER (WHERE in_cohort AND accepted), 0) AS cohort_returned_value
    FROM (
      SELECT by_value, quantity, refund_amount, unit_price, requested_at, refunded_at,
        resolution IS DISTINCT FROM 'rejected' AS accepted,
        in_period(cohort_date, p_date_from, p_date_to) AS in_cohort,
        in_period(basis_date(p_basis, cohort_date, refunded_at, received_at, requested_at), p_date_from, p_date_to) AS in_basis
      -- the order basis keeps the date filter in the scan; the refund basis needs every date
      FROM filtered_returns_by(p_by, CASE WHEN p_basis = 'refund' THEN NULL ELSE p_date_from END,
        CASE WHEN p_basis = 'refund' THEN NULL ELSE p_date_to END, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
    )
    WHERE in_basis OR in_cohort
    GROUP BY by_value
  ), returned_orders AS (
    -- (cohort on both bases: the order return rate is about the period's orders)
    -- orders of the selected lines (of the same value) with at least one accepted return. A
    -- return with its line's filter values (line_alike, derive.sql) passes only with its line:
    -- its order counts as it is; only the others (a few, or none) are looked for among the lines.
    SELECT by_value, count(DISTINCT order_key) AS orders_with_return
    FROM (
      SELECT by_value, order_key
      FROM filtered_returns_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
      WHERE resolution IS DISTINCT FROM 'rejected' AND order_key IS NOT NULL AND line_alike
      UNION ALL
      SELECT r.by_value, r.order_key
      FROM filtered_returns_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason) r
      SEMI JOIN filtered_lines_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku) l
        ON l.order_key = r.order_key AND l.by_value = r.by_value
      WHERE r.resolution IS DISTINCT FROM 'rejected' AND NOT r.line_alike
    )
    GROUP BY by_value
  ), groups AS (
    SELECT by_value FROM line_totals
    UNION SELECT by_value FROM return_totals
    UNION SELECT '' WHERE p_by IS NULL
  )
  SELECT
    g.by_value,
    coalesce(l.orders, 0) AS orders,
    coalesce(l.units, 0) AS units_sold,
    coalesce(l.value, 0) AS gross_sales,
    coalesce(r.returns, 0) AS returns,
    coalesce(r.units_returned, 0) AS units_returned,
    if_present('returns.refund_amount', coalesce(r.refund_amount, 0)) AS refund_amount,
    coalesce(r.returned_value, 0) AS returned_value,
    safe_div(coalesce(o.orders_with_return, 0), l.orders) AS order_return_rate,
    safe_div(coalesce(r.cohort_units_returned, 0), l.units) AS unit_return_rate,
    safe_div(coalesce(r.cohort_returned_value, 0), l.value) AS value_return_rate,
    r.median_days_to_refund,
    l.first_order_date, l.last_order_date, l.money_lines_excluded, l.money_currencies_excluded, l.money_lines_converted
  FROM groups g
  LEFT JOIN line_totals l ON l.by_value = g.by_value
  LEFT JOIN return_totals r ON r.by_value = g.by_value
  LEFT JOIN returned_orders o ON o.by_value = g.by_value;
