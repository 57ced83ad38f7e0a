-- return_rate_by: return rates per value of one dimension, ranked by returns in excess of the baseline
-- One row per value of the chosen dimension (SKU, parent product, category, supplier, outbound
-- carrier, region or channel) among the filtered order lines and their returns. Returns are
-- attributed to the period their order was placed (cohort view), like every model. Returns whose
-- resolution is 'rejected' were refused: they count in `returns` (requests) but not in
-- units_returned, orders_with_return, rates, refund_amount or top_reason.
-- Small-sample-honest ranking: rows are ordered by excess_units (returned units above what
-- the baseline rate predicts for the units sold) descending, then dim_value. A raw rate
-- would put a SKU with 2 returns out of 3 sales (67%) above one with 600 out of 2,000 (30%);
-- against a 20% category baseline the first is 1.4 units in excess, the second 200, so the
-- second comes first: it is where the returns are. rate_low / rate_high give the 95% Wilson
-- interval of the unit rate, and `significant` says whether even its low end is above the
-- baseline (a wide interval on few sales is not significant evidence).
-- Baseline (named in the `baseline` column):
--   'category' (dim=sku, dim=product): the unit return rate of the value's category;
--   'category_mix' (dim=supplier): the rate the supplier's own mix of categories predicts,
--     Σ over its lines of units sold × their category's rate, divided by its units sold (so a
--     shoe supplier is not blamed for shoes coming back more than beauty products);
--   'selection' (category, carrier, region, channel): the overall unit return rate of the selection.
-- Category rates are taken over every supplier and SKU of the category under the other filters
-- (the supplier and SKU filters do not narrow them): with a supplier filter, a SKU is still
-- compared with its whole category, never with its supplier's own rate, which would hide a
-- supplier-wide problem. This is THE supplier ranking: supplier_scorecard ranks by the same
-- excess over the category mix. Values with returns but no sales in the selection (e.g. returns
-- whose order is unknown) appear with units_sold 0, NULL rates and NULL excess_units (nothing to
-- compare against), so they sort last. With the reason filter set, returns (and so rates
-- and baselines) count only those reasons while sales count all lines.
-- dim=product groups a parent product's size / colour variants (products.product_group; a SKU
-- without one is its own product); `name` is the product name (dim=sku) or the parent
-- product's name (dim=product, see product_names in schema/derive.sql), NULL when the data
-- has none.
-- orders_with_return counts orders of this value's lines that have an accepted return of a
-- line with the same value, so order_return_rate never exceeds 1.
-- With `by`, these rows for each value of that filter dimension, baselines and ranking within
-- each (a filter index, see filtered_lines_by in queries/schema/filters.sql), named in a first
-- column by_value.
-- @filters
-- @param dim enum(sku|product|category|supplier|carrier|region|channel) = sku : dimension to group by
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @requires order_lines.order_id
-- @requires products.category when dim=category
-- @requires products.supplier when dim=supplier
-- @requires shipments.carrier when dim=carrier
-- @requires order_lines.region when dim=region
-- @requires order_lines.channel when dim=channel
-- @output dim_value : the value of the dimension ('(unknown)' when missing)
-- @output name : product name (dim=sku) or parent product name (dim=product); NULL when not in the data or for other dims
-- @output category : the value's category (dim=sku and dim=product only, else NULL)
-- @output supplier : the value's supplier (dim=sku and dim=product only, else NULL)
-- @output orders : distinct orders with a line of this value
-- @output orders_with_return : of those orders, how many have an accepted return of such a line
-- @output units_sold : units sold on lines of this value
-- @output returns : return lines (requests) of this value, rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output order_return_rate : orders_with_return / orders
-- @output unit_return_rate : units_returned / units_sold (NULL without sales)
-- @output rate_low : low end of the 95% Wilson interval of the unit return rate
-- @output rate_high : high end of the 95% Wilson interval of the unit return rate
-- @output baseline : which baseline: 'category', 'category_mix' or 'selection' (see header)
-- @output baseline_rate : the baseline unit return rate (category, category mix or whole selection)
-- @output expected_units : units_sold × baseline_rate, the returns a typical value would have
-- @output excess_units : units_returned − units_sold × baseline_rate (NULL without sales); the ranking key
-- @output significant : rate_low > baseline_rate (false when either is unknown)
-- @missing refund_amount when returns.refund_amount
-- @output refund_amount : money refunded on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
-- @output top_reason : canonical reason with the most returned units (ties: alphabetical)
WITH sold AS (
  -- one pass over the lines: distinct orders, units, category and supplier per value. (Not
  -- units per (value, order) rolled up per value: that grouped a million order lines into as
  -- many groups, twice the time of counting the distinct orders in DuckDB-WASM at 1M lines.)
  -- Per SKU, a line that is its order's only line of the SKU is an order of its own: counted
  -- as a row, the distinct count left for the few others (most of this step's time otherwise).
  SELECT
    by_value,
    dim_value_of($dim, sku, product_group, category, supplier, carrier, region, channel) AS dim_value,
    count(*) FILTER (WHERE $dim = 'sku' AND sku_alone_in_order)
      + count(DISTINCT order_key) FILTER (WHERE NOT ($dim = 'sku' AND sku_alone_in_order)) AS orders,
    sum(quantity) AS units_sold,
    -- a parent product's category and supplier (its variants' first); a SKU's are looked up in
    -- sold_attrs, other values need none
    min(category) FILTER (WHERE $dim = 'product') AS category,
    min(supplier) FILTER (WHERE $dim = 'product') AS supplier
  FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  GROUP BY ALL
), sold_attrs AS (
  -- a SKU's category and supplier are its product's, as on its lines (schema/derive.sql): looked
  -- up for the SKU rows instead of taken as the minimum text over every selected line (half of
  -- the step above in DuckDB-WASM at 1M order lines)
  SELECT s.* REPLACE (
    CASE WHEN $dim = 'sku' THEN coalesce(p.category, '(unknown)') ELSE s.category END AS category,
    CASE WHEN $dim = 'sku' THEN coalesce(p.supplier, '(unknown)') ELSE s.supplier END AS supplier)
  FROM sold s
  LEFT JOIN products p ON $dim = 'sku' AND p.sku = s.dim_value
), ret_reason AS (
  -- one pass over the returns: per (value, reason), then rolled up per value. The returns are
  -- read through the macro here and in returned_orders, not a shared CTE: a CTE read twice is
  -- materialized first, all its columns, which cost a tenth of this model's time at 1M lines.
  SELECT
    by_value,
    dim_value_of($dim, sku, product_group, category, supplier, carrier, region, channel) AS dim_value,
    reason,
    min(category) AS category,
    min(supplier) AS supplier,
    count(*) AS returns,
    coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned,
    coalesce(sum(refund_amount) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS refund_amount
  FROM (SELECT r.*, p.product_group
        FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
        LEFT JOIN products p ON p.sku = r.sku)
  GROUP BY ALL
), returned AS (
  SELECT by_value, dim_value, min(category) AS category, min(supplier) AS supplier, sum(returns) AS returns,
    sum(units_returned) AS units_returned, sum(refund_amount) AS refund_amount,
    first(reason ORDER BY units_returned DESC, reason) FILTER (WHERE units_returned > 0) AS top_reason
  FROM ret_reason
  GROUP BY by_value, dim_value
), returned_orders AS (
  -- orders of this value's lines in the selection with an accepted return of a line of the same
  -- value. A return with its line's filter values (line_alike, schema/derive.sql) passes only
  -- with its line, so its order counts as it is; only the others (a few, or none) are looked
  -- for among the selected lines. (The returns read twice through the macro, not a CTE: see ret_reason.)
  SELECT by_value, dim_value, count(DISTINCT order_key) AS orders_with_return
  FROM (
    SELECT r.by_value,
      dim_value_of($dim, r.sku, p.product_group, r.category, r.supplier, r.carrier, r.region, r.channel) AS dim_value,
      r.order_key
    FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
    LEFT JOIN products p ON p.sku = r.sku
    WHERE r.resolution IS DISTINCT FROM 'rejected' AND r.order_key IS NOT NULL AND r.line_alike
    UNION ALL
    SELECT l.by_value, l.dim_value, l.order_key
    FROM (
      SELECT by_value, dim_value_of($dim, sku, product_group, category, supplier, carrier, region, channel) AS dim_value, order_key
      FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
    ) l
    SEMI JOIN (
      SELECT r.by_value,
        dim_value_of($dim, r.sku, p.product_group, r.category, r.supplier, r.carrier, r.region, r.channel) AS dim_value,
        r.order_key
      FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
      LEFT JOIN products p ON p.sku = r.sku
      WHERE r.resolution IS DISTINCT FROM 'rejected' AND r.order_key IS NOT NULL AND NOT r.line_alike
    ) r ON r.by_value = l.by_value AND r.dim_value = l.dim_value AND r.order_key = l.order_key
  )
  GROUP BY by_value, dim_value
), cat_rate AS (
  -- category rates over every supplier and SKU (schema/filters.sql); with by=supplier one set for all values
  SELECT by_value, category, rate
  FROM category_rates_by(CASE WHEN $by = 'supplier' THEN NULL ELSE $by END, $date_from, $date_to, $channel, $region,
                         $category, $carrier, $reason)
  WHERE $dim IN ('sku', 'product', 'supplier')
    AND NOT ($dim = 'sku' AND $supplier IS NULL AND $sku IS NULL AND $by IS DISTINCT FROM 'supplier')
  UNION ALL
  -- The same rates rolled up from this model's own SKU rows, when those are every SKU of each
  -- category the rates cover: per SKU (a SKU has one category), with neither the supplier nor
  -- the SKU filter (the rates ignore both) and not per supplier (whose rates are one set for
  -- all). Equal to category_rates_by's, without reading the lines and returns again (a fifth
  -- of this model's time in DuckDB-WASM at 1M order lines).
  SELECT s.by_value, s.category, coalesce(r.units_returned, 0) / s.units_sold AS rate
  FROM (SELECT by_value, category, sum(units_sold) AS units_sold FROM sold_attrs GROUP BY ALL) s
  LEFT JOIN (SELECT by_value, category, sum(units_returned) AS units_returned FROM returned GROUP BY ALL) r
    ON r.by_value = s.by_value AND r.category = s.category
  WHERE $dim = 'sku' AND $supplier IS NULL AND $sku IS NULL AND $by IS DISTINCT FROM 'supplier' AND s.units_sold > 0
), mix AS (
  -- the returns a supplier's own category mix predicts: Σ units sold × their category's rate
  SELECT l.by_value, l.supplier AS dim_value, sum(l.quantity * c.rate) AS expected_units
  FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku) l
  JOIN cat_rate c ON c.category = l.category AND c.by_value = CASE WHEN $by = 'supplier' THEN '' ELSE l.by_value END
  WHERE $dim = 'supplier'
  GROUP BY ALL
), joined AS (
  SELECT
    coalesce(s.by_value, r.by_value) AS by_value,
    coalesce(s.dim_value, r.dim_value) AS dim_value,
    CASE WHEN $dim IN ('sku', 'product') THEN coalesce(s.category, r.category) END AS category,
    CASE WHEN $dim IN ('sku', 'product') THEN coalesce(s.supplier, r.supplier) END AS supplier,
    coalesce(s.orders, 0) AS orders,
    coalesce(o.orders_with_return, 0) AS orders_with_return,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(r.returns, 0) AS returns,
    coalesce(r.units_returned, 0) AS units_returned,
    coalesce(r.refund_amount, 0) AS refund_amount,
    r.top_reason
  FROM sold_attrs s
  FULL OUTER JOIN returned r ON r.by_value = s.by_value AND r.dim_value = s.dim_value
  LEFT JOIN returned_orders o ON o.by_value = coalesce(s.by_value, r.by_value) AND o.dim_value = coalesce(s.dim_value, r.dim_value)
), based AS (
  SELECT j.*,
    CASE WHEN $dim IN ('sku', 'product') THEN c.rate
         WHEN $dim = 'supplier' THEN safe_div(m.expected_units, j.units_sold)
         ELSE safe_div(sum(j.units_returned) OVER (PARTITION BY j.by_value), sum(j.units_sold) OVER (PARTITION BY j.by_value))
    END AS baseline_rate
  FROM joined j
  LEFT JOIN cat_rate c ON c.category = j.category AND c.by_value = CASE WHEN $by = 'supplier' THEN '' ELSE j.by_value END
  LEFT JOIN mix m ON m.by_value = j.by_value AND m.dim_value = j.dim_value
), named AS (
  SELECT b.*,
    CASE $dim WHEN 'sku' THEN n.product_name WHEN 'product' THEN g.parent_name END AS name
  FROM based b
  LEFT JOIN product_names n ON $dim = 'sku' AND n.sku = b.dim_value
  LEFT JOIN (SELECT DISTINCT parent, parent_name FROM product_names) g ON $dim = 'product' AND g.parent = b.dim_value
)
SELECT
  by_value,
  dim_value,
  name,
  category,
  supplier,
  CAST(orders AS BIGINT) AS orders,
  CAST(orders_with_return AS BIGINT) AS orders_with_return,
  CAST(units_sold AS BIGINT) AS units_sold,
  CAST(returns AS BIGINT) AS returns,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(orders_with_return, orders) AS order_return_rate,
  safe_div(units_returned, units_sold) AS unit_return_rate,
  wilson_low(units_returned, units_sold) AS rate_low,
  wilson_high(units_returned, units_sold) AS rate_high,
  CASE WHEN $dim IN ('sku', 'product') THEN 'category' WHEN $dim = 'supplier' THEN 'category_mix' ELSE 'selection' END AS baseline,
  baseline_rate,
  CASE WHEN units_sold > 0 THEN units_sold * baseline_rate END AS expected_units,
  excess_over(units_returned, units_sold, baseline_rate) AS excess_units,
  clearly_above(units_returned, units_sold, baseline_rate) AS significant,
  if_present('returns.refund_amount', CAST(refund_amount AS DOUBLE)) AS refund_amount,
  top_reason
FROM named
-- rounded for the order only: float noise in a zero excess must not decide ties (supplier_scorecard sorts alike)
ORDER BY by_value, round(excess_units, 9) DESC NULLS LAST, dim_value;
