-- return_rate_by: return rates per value of one dimension, ranked by returns in excess of the baseline
-- One row per value of the chosen dimension (SKU, category, supplier, outbound carrier, region
-- or channel) among the filtered order lines and their returns. Returns are attributed to the
-- period their order was placed (cohort view), like every model. Returns whose resolution is
-- 'rejected' were refused: they count in `returns` (requests) but not in units_returned,
-- orders_with_return, rates, refund_amount or top_reason.
-- Small-sample-honest ranking: rows are ordered by excess_units (returned units above what
-- the baseline rate predicts for the units sold) descending, then dim_value. A raw rate
-- would put a SKU with 2 returns out of 3 sales (67%) above one with 600 out of 2,000 (30%);
-- against a 20% category baseline the first is 1.4 units in excess, the second 200, so the
-- second comes first: it is where the returns are. rate_low / rate_high give the 95% Wilson
-- interval of the unit rate, and `significant` says whether even its low end is above the
-- baseline (a wide interval on few sales is not significant evidence).
-- Baseline: for dim=sku, the unit return rate of the SKU's category within the same
-- filters (the SKU itself included); for the other dimensions, the overall unit return rate
-- of the selection. Values with returns but no sales in the selection (e.g. returns whose
-- order is unknown) appear with units_sold 0, NULL rates and NULL excess_units (nothing to
-- compare against), so they sort last. With the reason filter set, returns (and so rates
-- and baselines) count only those reasons while sales count all lines.
-- orders_with_return counts orders of this value's lines that have an accepted return of a
-- line with the same value, so order_return_rate never exceeds 1.
-- With `by`, these rows for each value of that filter dimension, baselines and ranking within
-- each (a filter index, see filtered_lines_by in queries/schema/filters.sql), named in a first
-- column by_value.
-- @filters
-- @param dim enum(sku|category|supplier|carrier|region|channel) = sku : dimension to group by
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @requires order_lines.order_id
-- @requires products.category when dim=category
-- @requires products.supplier when dim=supplier
-- @requires shipments.carrier when dim=carrier
-- @requires order_lines.region when dim=region
-- @requires order_lines.channel when dim=channel
-- @output dim_value : the value of the dimension ('(unknown)' when missing)
-- @output category : the SKU's category (dim=sku only, else NULL)
-- @output orders : distinct orders with a line of this value
-- @output orders_with_return : of those orders, how many have an accepted return of such a line
-- @output units_sold : units sold on lines of this value
-- @output returns : return lines (requests) of this value, rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output order_return_rate : orders_with_return / orders
-- @output unit_return_rate : units_returned / units_sold (NULL without sales)
-- @output rate_low : low end of the 95% Wilson interval of the unit return rate
-- @output rate_high : high end of the 95% Wilson interval of the unit return rate
-- @output baseline_rate : unit return rate of the SKU's category (dim=sku) or of the whole selection (other dims)
-- @output expected_units : units_sold × baseline_rate, the returns a typical value would have
-- @output excess_units : units_returned − units_sold × baseline_rate (NULL without sales); the ranking key
-- @output significant : rate_low > baseline_rate (false when either is unknown)
-- @missing refund_amount when returns.refund_amount
-- @output refund_amount : money refunded on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
-- @output top_reason : canonical reason with the most returned units (ties: alphabetical)
WITH lines AS (
  SELECT * FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), line_orders AS (
  -- one pass over the lines: units per (value, order), then rolled up per value
  SELECT
    by_value,
    CASE $dim WHEN 'sku' THEN sku WHEN 'category' THEN category WHEN 'supplier' THEN supplier
      WHEN 'carrier' THEN carrier WHEN 'region' THEN region WHEN 'channel' THEN channel END AS dim_value,
    order_key,
    sum(quantity) AS units,
    min(category) AS category
  FROM lines
  GROUP BY ALL
), sold AS (
  SELECT by_value, dim_value, count(*) AS orders, sum(units) AS units_sold, min(category) AS category
  FROM line_orders
  GROUP BY by_value, dim_value
), ret_reason AS (
  -- one pass over the returns: per (value, reason), then rolled up per value. The returns are
  -- read through the macro here and in returned_orders, not a shared CTE: a CTE read twice is
  -- materialized first, all its columns, which cost a tenth of this model's time at 1M lines.
  SELECT
    by_value,
    CASE $dim WHEN 'sku' THEN sku WHEN 'category' THEN category WHEN 'supplier' THEN supplier
      WHEN 'carrier' THEN carrier WHEN 'region' THEN region WHEN 'channel' THEN channel END AS dim_value,
    reason,
    min(category) AS category,
    count(*) AS returns,
    coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned,
    coalesce(sum(refund_amount) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS refund_amount
  FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
  GROUP BY ALL
), returned AS (
  SELECT by_value, dim_value, min(category) AS category, sum(returns) AS returns,
    sum(units_returned) AS units_returned, sum(refund_amount) AS refund_amount,
    first(reason ORDER BY units_returned DESC, reason) FILTER (WHERE units_returned > 0) AS top_reason
  FROM ret_reason
  GROUP BY by_value, dim_value
), returned_orders AS (
  -- accepted returns whose order has a line of the same value in the selection
  SELECT lo.by_value, lo.dim_value, count(DISTINCT lo.order_key) AS orders_with_return
  FROM line_orders lo
  SEMI JOIN (
    SELECT DISTINCT
      by_value,
      CASE $dim WHEN 'sku' THEN sku WHEN 'category' THEN category WHEN 'supplier' THEN supplier
        WHEN 'carrier' THEN carrier WHEN 'region' THEN region WHEN 'channel' THEN channel END AS dim_value,
      order_key
    FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
    WHERE resolution IS DISTINCT FROM 'rejected' AND order_key IS NOT NULL
  ) r ON r.by_value = lo.by_value AND r.dim_value = lo.dim_value AND r.order_key = lo.order_key
  GROUP BY lo.by_value, lo.dim_value
), joined AS (
  SELECT
    coalesce(s.by_value, r.by_value) AS by_value,
    coalesce(s.dim_value, r.dim_value) AS dim_value,
    CASE WHEN $dim = 'sku' THEN coalesce(s.category, r.category) END AS category,
    coalesce(s.orders, 0) AS orders,
    coalesce(o.orders_with_return, 0) AS orders_with_return,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(r.returns, 0) AS returns,
    coalesce(r.units_returned, 0) AS units_returned,
    coalesce(r.refund_amount, 0) AS refund_amount,
    r.top_reason
  FROM sold s
  FULL OUTER JOIN returned r ON r.by_value = s.by_value AND r.dim_value = s.dim_value
  LEFT JOIN returned_orders o ON o.by_value = coalesce(s.by_value, r.by_value) AND o.dim_value = coalesce(s.dim_value, r.dim_value)
), based AS (
  SELECT *,
    safe_div(sum(units_returned) OVER (PARTITION BY by_value, category), sum(units_sold) OVER (PARTITION BY by_value, category))
      AS baseline_rate
  FROM joined
)
SELECT
  by_value,
  dim_value,
  category,
  CAST(orders AS BIGINT) AS orders,
  CAST(orders_with_return AS BIGINT) AS orders_with_return,
  CAST(units_sold AS BIGINT) AS units_sold,
  CAST(returns AS BIGINT) AS returns,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(orders_with_return, orders) AS order_return_rate,
  safe_div(units_returned, units_sold) AS unit_return_rate,
  wilson_low(units_returned, units_sold) AS rate_low,
  wilson_high(units_returned, units_sold) AS rate_high,
  baseline_rate,
  CASE WHEN units_sold > 0 THEN units_sold * baseline_rate END AS expected_units,
  CASE WHEN units_sold > 0 THEN units_returned - units_sold * baseline_rate END AS excess_units,
  coalesce(wilson_low(units_returned, units_sold) > baseline_rate, false) AS significant,
  if_present('returns.refund_amount', CAST(refund_amount AS DOUBLE)) AS refund_amount,
  top_reason
FROM based
ORDER BY by_value, excess_units DESC NULLS LAST, dim_value;
