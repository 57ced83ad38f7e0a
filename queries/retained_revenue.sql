-- retained_revenue: how much of the value of resolved returns the business kept as exchanges and store credit instead of refunds
-- One row per value of `dim` (dim = all: one total row 'All returns'; dim = period: one row per
-- month or ISO week of the basis date, from the first to the last period with returns, empty
-- periods included with zeros). For every other dim the rows add up to the total (each return
-- falls in exactly one value; missing values become '(unknown)').
-- Date basis ($basis, basis_date in queries/schema/filters.sql): 'order' (default, cohort view
-- like every model) places a return in the period its order was placed (its cohort_date);
-- 'refund' (cash view) in the period its refund was issued (else received, else requested).
-- The date filters and dim = period follow the basis; returns with no date at all are left
-- out of dim = period only.
-- dim = period starts at the first order period of the selection (issue 16: a chart never
-- starts on a period before the first order). Returns with no known order dated before it
-- (orphans, dated by their request: on the demo one Dec 2023 month before the first order)
-- have no period of their own: they are left out of the period rows and counted in
-- earlier_returns, so the page can say so, as return_trend does. The first order period is the
-- selection's: by order date within the date range on the order basis (the range's first
-- order, as return_trend), over all dates on the refund basis (a refund in the range may pay
-- back an order placed before it). A selection with no orders keeps every period.
-- Value of a return = quantity × unit price paid on its order line (the refund amount when the
-- order line is unknown; 0 when neither is known): the revenue the return put at stake.
-- It is split by resolution:
--   value_refunded      resolution 'refund': revenue given back as money;
--   value_exchanged     resolution 'exchange': kept, the customer took another item instead;
--   value_store_credit  resolution 'store_credit': kept as credit to spend in the shop;
--   value_rejected      resolution 'rejected': the return was refused, the item went back to the
--                       customer; shown for information, NOT part of resolved_value.
-- resolved_value = value_refunded + value_exchanged + value_store_credit (accepted, resolved
-- returns). retained_value = value_exchanged + value_store_credit, retained_rate =
-- retained_value / resolved_value.
-- Not the KPI returned_value (kpis.sql): that one counts every accepted return, open ones
-- included, at the unit price of its order line only (a return matched to no line adds
-- nothing); resolved_value leaves open returns out and values a return matched to no line at
-- its refund amount. Named apart so the two are never taken for one another. Open returns (no resolution yet, or a resolution other than
-- the four) count in `returns` and `open_returns` only: their outcome is not known.
-- exchange_upsell: for exchanges whose returns.exchange_value (value of the replacement sent)
-- is known, the sum of max(0, exchange_value − value of the return): extra revenue the
-- exchanges brought in; a cheaper replacement counts 0, not a negative. NULL when no return
-- in the loaded data has an exchange_value (the export does not carry it); exchanges_valued
-- says how many exchanges it covers.
-- Order: by period for dim = period, else resolved_value (largest first), then dim_value.
-- With `by`, these rows for each value of that filter dimension, each with its own periods
-- (a filter index, see filtered_lines_by in queries/schema/filters.sql), named in a first
-- column by_value.
-- @filters
-- @param dim enum(period|reason|category|channel|region|supplier|all) = period : dimension to group by (period = month or week of the basis date; all = one total row)
-- @param grain enum(month|week) = month : period length when dim = period (calendar month or ISO week)
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @param basis enum(order|refund) = order : date the date filters and periods apply to: order = the order's date (cohort), refund = the refund date (else received, else requested: cash)
-- @requires returns.resolution
-- @requires products.category when dim=category
-- @requires products.supplier when dim=supplier
-- @requires order_lines.channel when dim=channel
-- @output dim_value : the value of the dimension ('(unknown)' when missing; the period's first day as YYYY-MM-DD for dim = period)
-- @output period : first day of the month or Monday of the ISO week (dim = period only, else NULL)
-- @output returns : return lines (requests), rejected and open ones included
-- @output rejected_returns : returns refused (resolution 'rejected')
-- @output open_returns : returns without a known resolution yet
-- @output resolved_value : value of resolved returns: accepted returns resolved by a refund, an exchange or store credit (open returns left out; not the KPI returned_value)
-- @output value_refunded : value of returns resolved by a refund
-- @output value_exchanged : value of returns resolved by an exchange
-- @output value_store_credit : value of returns resolved by store credit
-- @output value_rejected : value of refused returns (not in resolved_value)
-- @output retained_value : value_exchanged + value_store_credit
-- @output retained_rate : retained_value / resolved_value (NULL when nothing was resolved)
-- @missing exchange_upsell when returns.exchange_value
-- @output exchange_upsell : sum of max(0, exchange_value − returned value) over exchanges with a known exchange_value; NULL when the data has no exchange_value
-- @output exchanges_valued : exchanges whose exchange_value is known
-- @output earlier_returns : dim = period: return lines (of this by_value) dated before its first order period, left out of the rows (0 when none; 0 for every other dim)
WITH rets AS (
  SELECT * FROM filtered_returns_on_by($basis, $by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), valued AS (
  SELECT
    r.by_value,
    CASE WHEN $dim = 'period' THEN
      CAST(CASE WHEN $grain = 'week' THEN date_trunc('week', r.basis_date) ELSE date_trunc('month', r.basis_date) END AS DATE)
    END AS period,
    CASE $dim
      WHEN 'reason' THEN r.reason WHEN 'category' THEN r.category WHEN 'channel' THEN r.channel
      WHEN 'region' THEN r.region WHEN 'supplier' THEN r.supplier WHEN 'all' THEN 'All returns'
    END AS dim_raw,
    r.resolution,
    coalesce(r.quantity * r.unit_price, r.refund_amount, 0) AS value,
    r.exchange_value
  FROM rets r
  WHERE $dim <> 'period' OR r.basis_date IS NOT NULL
), first_order AS (
  -- the first order period of the selection (dim = period only; see the header)
  SELECT by_value,
    CAST(min(CASE WHEN $grain = 'week' THEN date_trunc('week', order_date) ELSE date_trunc('month', order_date) END) AS DATE) AS first_period
  FROM filtered_lines_by($by, CASE WHEN $basis = 'refund' THEN NULL ELSE $date_from END, CASE WHEN $basis = 'refund' THEN NULL ELSE $date_to END,
    $channel, $region, $category, $supplier, $carrier, $sku)
  WHERE $dim = 'period'
  GROUP BY by_value
), all_groups AS (
  SELECT
    by_value,
    CASE WHEN $dim = 'period' THEN strftime(period, '%Y-%m-%d') ELSE coalesce(dim_raw, '(unknown)') END AS dim_value,
    period,
    count(*) AS returns,
    count(*) FILTER (WHERE resolution = 'rejected') AS rejected_returns,
    count(*) FILTER (WHERE resolution IS NULL OR resolution NOT IN ('refund', 'exchange', 'store_credit', 'rejected')) AS open_returns,
    coalesce(sum(value) FILTER (WHERE resolution = 'refund'), 0) AS value_refunded,
    coalesce(sum(value) FILTER (WHERE resolution = 'exchange'), 0) AS value_exchanged,
    coalesce(sum(value) FILTER (WHERE resolution = 'store_credit'), 0) AS value_store_credit,
    coalesce(sum(value) FILTER (WHERE resolution = 'rejected'), 0) AS value_rejected,
    coalesce(sum(greatest(exchange_value - value, 0)) FILTER (WHERE resolution = 'exchange'), 0) AS upsell,
    count(exchange_value) FILTER (WHERE resolution = 'exchange') AS exchanges_valued
  FROM valued
  GROUP BY 1, 2, 3
), grouped AS (
  -- periods before the first order period (orphan returns) are not rows: counted in earlier
  SELECT g.* FROM all_groups g LEFT JOIN first_order f ON f.by_value = g.by_value
  WHERE g.period IS NULL OR f.first_period IS NULL OR g.period >= f.first_period
), earlier AS (
  SELECT g.by_value, sum(g.returns) AS earlier_returns
  FROM all_groups g JOIN first_order f ON f.by_value = g.by_value
  WHERE g.period < f.first_period
  GROUP BY g.by_value
), periods AS (
  -- every period from the first to the last (dim = period only)
  SELECT by_value, CAST(unnest(generate_series(
    CAST(min(period) AS TIMESTAMP), CAST(max(period) AS TIMESTAMP),
    CASE WHEN $grain = 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END)) AS DATE) AS period
  FROM grouped
  WHERE $dim = 'period'
  GROUP BY by_value
  HAVING min(period) IS NOT NULL
), filled AS (
  SELECT * FROM grouped
  UNION ALL
  SELECT p.by_value, strftime(p.period, '%Y-%m-%d'), p.period, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM periods p ANTI JOIN grouped g ON g.by_value = p.by_value AND g.period = p.period
)
SELECT
  by_value,
  dim_value,
  period,
  CAST(returns AS BIGINT) AS returns,
  CAST(rejected_returns AS BIGINT) AS rejected_returns,
  CAST(open_returns AS BIGINT) AS open_returns,
  CAST(value_refunded + value_exchanged + value_store_credit AS DOUBLE) AS resolved_value,
  CAST(value_refunded AS DOUBLE) AS value_refunded,
  CAST(value_exchanged AS DOUBLE) AS value_exchanged,
  CAST(value_store_credit AS DOUBLE) AS value_store_credit,
  CAST(value_rejected AS DOUBLE) AS value_rejected,
  CAST(value_exchanged + value_store_credit AS DOUBLE) AS retained_value,
  safe_div(value_exchanged + value_store_credit, value_refunded + value_exchanged + value_store_credit) AS retained_rate,
  -- over all the loaded returns, whatever the filters
  if_present('returns.exchange_value', CAST(upsell AS DOUBLE)) AS exchange_upsell,
  CAST(exchanges_valued AS BIGINT) AS exchanges_valued,
  CAST(coalesce(e.earlier_returns, 0) AS BIGINT) AS earlier_returns
FROM filled
LEFT JOIN earlier e USING (by_value)
ORDER BY by_value, period NULLS LAST,
  CASE WHEN $dim <> 'period' THEN value_refunded + value_exchanged + value_store_credit END DESC,
  dim_value;
