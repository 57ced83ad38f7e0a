-- product_sizes: which sizes / colours of a parent product come back more than its other variants, and why
-- One row per variant (SKU) of the parent product(s) sold or returned in the selection: its
-- size and colour, units sold and returned, its unit return rate with the 95% Wilson interval
-- (as in return_rate_by), and the rate of the SAME product's other variants as its baseline:
-- others_rate = (the parent's returned units − this variant's) / (the parent's units sold −
-- this variant's). excess_units = units_returned − units_sold × others_rate: returns above
-- what the variant would have if it came back like its siblings; `significant` when even the
-- low end of its interval is above others_rate. A parent with a single variant has no other
-- variants: others_rate, excess_units are NULL ("nothing to compare with", not zero).
-- Why: the reason with most returned units (top_reason, top_reason_units; ties alphabetical)
-- and the units returned as too small / too large, the two answers a size chart can fix.
-- Returns whose resolution is 'rejected' were refused and count nowhere, as in every rate.
-- Parent product = products.product_group (a SKU without one is its own parent); names come
-- from product_names (schema/derive.sql), NULL when not in the data.
-- Rows are ordered by parent, then colour, then size as a merchant reads it (size_rank in
-- schema/macros.sql: 38 < 39 < 41.5, XS < S < M < XL < 3XL, other sizes alphabetically), then SKU.
-- @filters
-- @param product text = null : only the variants of this parent product (product_group); NULL = every parent
-- @requires order_lines.order_id
-- @output parent : the parent product (product_group, or the SKU when it has none)
-- @output parent_name : the parent product's name (variant names without size and colour); NULL when not in the data
-- @output sku : the variant
-- @output product_name : the variant's name; NULL when not in the data
-- @output size : its size (NULL when the data has none)
-- @output color : its colour (NULL when the data has none)
-- @output category : its category ('(unknown)' without a product row)
-- @output units_sold : units sold
-- @output units_returned : units on accepted returns
-- @output unit_return_rate : units_returned / units_sold (NULL without sales)
-- @output rate_low : low end of the 95% Wilson interval of the unit return rate
-- @output rate_high : high end of the 95% Wilson interval of the unit return rate
-- @output product_rate : unit return rate of the whole parent product (all its variants)
-- @output others_rate : unit return rate of the parent's other variants; the baseline (NULL when it has no other variant with sales)
-- @output excess_units : units_returned − units_sold × others_rate (NULL without sales or others)
-- @output significant : rate_low > others_rate (false when either is unknown)
-- @output top_reason : reason with the most returned units (ties alphabetical; NULL without returns)
-- @output top_reason_units : units returned for top_reason
-- @output size_too_small_units : units returned as too small
-- @output size_too_large_units : units returned as too large
WITH names AS (
  SELECT * FROM product_names
), sold AS (
  SELECT sku, sum(quantity) AS units_sold
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  GROUP BY sku
), by_reason AS (
  SELECT sku, reason, sum(quantity) AS units
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
  WHERE resolution IS DISTINCT FROM 'rejected'
  GROUP BY sku, reason
), returned AS (
  SELECT sku, sum(units) AS units_returned,
    first(reason ORDER BY units DESC, reason) AS top_reason,
    max(units) AS top_reason_units,
    coalesce(sum(units) FILTER (WHERE reason = 'size_too_small'), 0) AS size_too_small_units,
    coalesce(sum(units) FILTER (WHERE reason = 'size_too_large'), 0) AS size_too_large_units
  FROM by_reason
  GROUP BY sku
), variants AS (
  SELECT coalesce(n.parent, k.sku) AS parent, n.parent_name, k.sku, n.product_name, n.size, n.color,
    coalesce(p.category, '(unknown)') AS category,
    coalesce(s.units_sold, 0) AS units_sold, coalesce(r.units_returned, 0) AS units_returned,
    r.top_reason, r.top_reason_units,
    coalesce(r.size_too_small_units, 0) AS size_too_small_units,
    coalesce(r.size_too_large_units, 0) AS size_too_large_units
  FROM (SELECT sku FROM sold UNION SELECT sku FROM returned) k
  LEFT JOIN names n ON n.sku = k.sku
  LEFT JOIN products p ON p.sku = k.sku
  LEFT JOIN sold s ON s.sku = k.sku
  LEFT JOIN returned r ON r.sku = k.sku
  WHERE $product IS NULL OR coalesce(n.parent, k.sku) = $product
), totals AS (
  SELECT *,
    sum(units_sold) OVER (PARTITION BY parent) AS parent_sold,
    sum(units_returned) OVER (PARTITION BY parent) AS parent_returned
  FROM variants
), compared AS (
  SELECT *, safe_div(parent_returned - units_returned, parent_sold - units_sold) AS others_rate FROM totals
)
SELECT
  parent, parent_name, sku, product_name, size, color, category,
  CAST(units_sold AS BIGINT) AS units_sold,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(units_returned, units_sold) AS unit_return_rate,
  wilson_low(units_returned, units_sold) AS rate_low,
  wilson_high(units_returned, units_sold) AS rate_high,
  safe_div(parent_returned, parent_sold) AS product_rate,
  others_rate,
  excess_over(units_returned, units_sold, others_rate) AS excess_units,
  clearly_above(units_returned, units_sold, others_rate) AS significant,
  top_reason,
  CAST(top_reason_units AS BIGINT) AS top_reason_units,
  CAST(size_too_small_units AS BIGINT) AS size_too_small_units,
  CAST(size_too_large_units AS BIGINT) AS size_too_large_units
FROM compared
ORDER BY parent, color NULLS LAST, size_rank(size), sku;
