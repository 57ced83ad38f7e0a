-- sku_profile: one SKU on one screen: what it is, who supplies it, and "product or supplier?"
-- One row for the SKU `target_sku`: its names, parent product, size, colour, category and
-- supplier (from products; NULL / '(unknown)' when not in the data), its unit return rate
-- with the 95% Wilson interval, and three comparisons under the same filters:
--   category_rate: the unit return rate of its category over EVERY supplier and SKU
--     (category_rates_by in schema/filters.sql: the supplier and SKU filters never narrow it,
--     so with a supplier filter the baseline is still the whole category, not the supplier's
--     own rate);
--   supplier_rate (with its interval): the supplier's own unit return rate over all its SKUs,
--     and supplier_expected_rate, the rate its category mix predicts (as supplier_scorecard
--     and return_rate_by dim=supplier rank suppliers); supplier_category_rate: the supplier's
--     rate within this SKU's category;
--   parent_rate: the rate of the SKU's parent product (all its sizes / colours).
-- verdict: 'product' when the SKU is above its category (the low end of its interval above
-- category_rate) but the supplier is not above its category mix; 'supplier' when the supplier
-- is above its mix (its rate_low above supplier_expected_rate) and the SKU is not above its
-- category; 'product_and_supplier' when both are; 'neither' when neither is (including too
-- few sales to tell). Signals, not proof. Accepted returns only (rejected ones were refused).
-- @filters
-- @param target_sku text = null : the SKU described (NULL gives no row)
-- @requires order_lines.order_id
-- @output sku : the SKU
-- @output product_name : its product name (NULL when not in the data)
-- @output parent : its parent product (product_group, or the SKU itself when it has none)
-- @output parent_name : the parent product's name (NULL when not in the data)
-- @output size : its size (NULL when none)
-- @output color : its colour (NULL when none)
-- @output category : its category ('(unknown)' without a product row)
-- @output supplier : its supplier ('(unknown)' without a product row)
-- @output units_sold : units of the SKU sold
-- @output units_returned : units of the SKU on accepted returns
-- @output unit_return_rate : units_returned / units_sold
-- @output rate_low : low end of the 95% Wilson interval of the SKU's rate
-- @output rate_high : high end of the 95% Wilson interval of the SKU's rate
-- @output category_rate : unit return rate of the SKU's category over every supplier (the baseline)
-- @output parent_rate : unit return rate of the parent product (all its variants)
-- @output supplier_units_sold : units sold of every SKU of the supplier
-- @output supplier_rate : the supplier's own unit return rate (all its SKUs)
-- @output supplier_rate_low : low end of the 95% Wilson interval of supplier_rate
-- @output supplier_rate_high : high end of the 95% Wilson interval of supplier_rate
-- @output supplier_expected_rate : the rate the supplier's category mix predicts
-- @output supplier_excess_units : the supplier's returned units − units sold × supplier_expected_rate (the supplier ranking's key)
-- @output supplier_category_rate : the supplier's rate within the SKU's category
-- @output verdict : product, supplier, product_and_supplier or neither (see header)
WITH target AS (
  SELECT t.sku, n.product_name, coalesce(n.parent, t.sku) AS parent, n.parent_name, n.size, n.color,
    coalesce(p.category, '(unknown)') AS category, coalesce(p.supplier, '(unknown)') AS supplier
  FROM (SELECT CAST($target_sku AS VARCHAR) AS sku) t
  LEFT JOIN product_names() n ON n.sku = t.sku
  LEFT JOIN products p ON p.sku = t.sku
  WHERE t.sku IS NOT NULL
), cats AS (
  SELECT category, rate FROM category_rates_by(NULL, $date_from, $date_to, $channel, $region, $category, $carrier, $reason)
), lines AS (
  -- every supplier and SKU: the SKU, its parent and its supplier are picked below
  SELECT l.sku, coalesce(l.product_group, l.sku) AS parent, l.category, l.supplier, l.quantity, c.rate
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, NULL, $carrier, NULL) l
  LEFT JOIN cats c ON c.category = l.category
), rets AS (
  SELECT r.sku, coalesce(p.product_group, r.sku) AS parent, r.category, r.supplier, r.quantity
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, NULL, $carrier, NULL, $reason) r
  LEFT JOIN products p ON p.sku = r.sku
  WHERE r.resolution IS DISTINCT FROM 'rejected'
), sold AS (
  SELECT
    coalesce(sum(l.quantity) FILTER (WHERE l.sku = t.sku), 0) AS sku_sold,
    coalesce(sum(l.quantity) FILTER (WHERE l.parent = t.parent), 0) AS parent_sold,
    coalesce(sum(l.quantity) FILTER (WHERE l.supplier = t.supplier), 0) AS sup_sold,
    sum(l.quantity * l.rate) FILTER (WHERE l.supplier = t.supplier) AS sup_expected,
    coalesce(sum(l.quantity) FILTER (WHERE l.supplier = t.supplier AND l.category = t.category), 0) AS supcat_sold
  FROM target t LEFT JOIN lines l ON true
), returned AS (
  SELECT
    coalesce(sum(r.quantity) FILTER (WHERE r.sku = t.sku), 0) AS sku_ret,
    coalesce(sum(r.quantity) FILTER (WHERE r.parent = t.parent), 0) AS parent_ret,
    coalesce(sum(r.quantity) FILTER (WHERE r.supplier = t.supplier), 0) AS sup_ret,
    coalesce(sum(r.quantity) FILTER (WHERE r.supplier = t.supplier AND r.category = t.category), 0) AS supcat_ret
  FROM target t LEFT JOIN rets r ON true
), measured AS (
  SELECT t.*, s.*, r.*, (SELECT rate FROM cats c WHERE c.category = t.category) AS category_rate
  FROM target t CROSS JOIN sold s CROSS JOIN returned r
), judged AS (
  SELECT *,
    coalesce(wilson_low(sku_ret, sku_sold) > category_rate, false) AS sku_above,
    coalesce(wilson_low(sup_ret, sup_sold) > safe_div(sup_expected, sup_sold), false) AS supplier_above
  FROM measured
)
SELECT
  sku, product_name, parent, parent_name, size, color, category, supplier,
  CAST(sku_sold AS BIGINT) AS units_sold,
  CAST(sku_ret AS BIGINT) AS units_returned,
  safe_div(sku_ret, sku_sold) AS unit_return_rate,
  wilson_low(sku_ret, sku_sold) AS rate_low,
  wilson_high(sku_ret, sku_sold) AS rate_high,
  category_rate,
  safe_div(parent_ret, parent_sold) AS parent_rate,
  CAST(sup_sold AS BIGINT) AS supplier_units_sold,
  safe_div(sup_ret, sup_sold) AS supplier_rate,
  wilson_low(sup_ret, sup_sold) AS supplier_rate_low,
  wilson_high(sup_ret, sup_sold) AS supplier_rate_high,
  safe_div(sup_expected, sup_sold) AS supplier_expected_rate,
  CASE WHEN sup_sold > 0 THEN sup_ret - sup_expected END AS supplier_excess_units,
  safe_div(supcat_ret, supcat_sold) AS supplier_category_rate,
  CASE WHEN sku_above AND supplier_above THEN 'product_and_supplier' WHEN sku_above THEN 'product'
       WHEN supplier_above THEN 'supplier' ELSE 'neither' END AS verdict
FROM judged;
