-- sku_profile: one SKU on one screen: what it is, who supplies it, and "product or supplier?"
-- One row per SKU sold or returned in the selection (the SKU and supplier filters pick the rows;
-- `target_sku` picks one, as the SKU detail does), ordered by SKU: its names, parent product, size, colour, category and
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
-- @param target_sku text = null : only this SKU (the SKU detail); NULL = every SKU of the selection
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
WITH cats AS (
  SELECT category, rate FROM category_rates_by(NULL, $date_from, $date_to, $channel, $region, $category, $carrier, $reason)
), one AS (
  -- with target_sku, its supplier and parent product (as `target` names them): the only
  -- supplier and parent the comparisons below read, so only their lines are read (a SKU detail
  -- at 1M order lines grouped all of them, 8 suppliers' worth, for one)
  SELECT coalesce((SELECT supplier FROM products WHERE sku = $target_sku), '(unknown)') AS supplier,
    coalesce((SELECT coalesce(product_group, sku) FROM products WHERE sku = $target_sku), CAST($target_sku AS VARCHAR)) AS parent
), lines AS (
  -- every supplier and SKU: the baselines are never narrowed by the supplier or SKU filter
  SELECT l.sku, coalesce(l.product_group, l.sku) AS parent, l.category, l.supplier, l.quantity, c.rate
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, NULL, $carrier, NULL) l
  LEFT JOIN cats c ON c.category = l.category
  WHERE $target_sku IS NULL OR l.supplier = (SELECT supplier FROM one) OR coalesce(l.product_group, l.sku) = (SELECT parent FROM one)
), rets AS (
  SELECT r.sku, coalesce(p.product_group, r.sku) AS parent, r.category, r.supplier, r.quantity
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, NULL, $carrier, NULL, $reason) r
  LEFT JOIN products p ON p.sku = r.sku
  WHERE r.resolution IS DISTINCT FROM 'rejected'
    AND ($target_sku IS NULL OR r.supplier = (SELECT supplier FROM one) OR coalesce(p.product_group, r.sku) = (SELECT parent FROM one))
), target AS (
  SELECT k.sku, n.product_name, coalesce(n.parent, k.sku) AS parent, n.parent_name, n.size, n.color,
    coalesce(p.category, '(unknown)') AS category, coalesce(p.supplier, '(unknown)') AS supplier
  FROM (SELECT sku FROM lines UNION SELECT sku FROM rets
        UNION SELECT CAST($target_sku AS VARCHAR) WHERE $target_sku IS NOT NULL) k
  LEFT JOIN product_names n ON n.sku = k.sku
  LEFT JOIN products p ON p.sku = k.sku
  WHERE ($target_sku IS NULL OR k.sku = $target_sku) AND in_list($sku, k.sku)
    AND in_list($supplier, coalesce(p.supplier, '(unknown)'))
), by_sku AS (
  SELECT t.sku,
    (SELECT sum(quantity) FROM lines l WHERE l.sku = t.sku) AS sku_sold,
    (SELECT sum(quantity) FROM rets r WHERE r.sku = t.sku) AS sku_ret
  FROM target t
), by_parent AS (
  SELECT parent, sum(quantity) AS sold FROM lines GROUP BY parent
), ret_parent AS (
  SELECT parent, sum(quantity) AS ret FROM rets GROUP BY parent
), by_supplier AS (
  SELECT supplier, sum(quantity) AS sold, sum(quantity * rate) AS expected FROM lines GROUP BY supplier
), ret_supplier AS (
  SELECT supplier, sum(quantity) AS ret FROM rets GROUP BY supplier
), by_supcat AS (
  SELECT supplier, category, sum(quantity) AS sold FROM lines GROUP BY ALL
), ret_supcat AS (
  SELECT supplier, category, sum(quantity) AS ret FROM rets GROUP BY ALL
), measured AS (
  SELECT t.*,
    coalesce(b.sku_sold, 0) AS sku_sold, coalesce(b.sku_ret, 0) AS sku_ret,
    coalesce(bp.sold, 0) AS parent_sold, coalesce(rp.ret, 0) AS parent_ret,
    coalesce(bs.sold, 0) AS sup_sold, bs.expected AS sup_expected, coalesce(rs.ret, 0) AS sup_ret,
    coalesce(bc.sold, 0) AS supcat_sold, coalesce(rc.ret, 0) AS supcat_ret,
    c.rate AS category_rate
  FROM target t
  LEFT JOIN by_sku b ON b.sku = t.sku
  LEFT JOIN by_parent bp ON bp.parent = t.parent
  LEFT JOIN ret_parent rp ON rp.parent = t.parent
  LEFT JOIN by_supplier bs ON bs.supplier = t.supplier
  LEFT JOIN ret_supplier rs ON rs.supplier = t.supplier
  LEFT JOIN by_supcat bc ON bc.supplier = t.supplier AND bc.category = t.category
  LEFT JOIN ret_supcat rc ON rc.supplier = t.supplier AND rc.category = t.category
  LEFT JOIN cats c ON c.category = t.category
), judged AS (
  SELECT *,
    clearly_above(sku_ret, sku_sold, category_rate) AS sku_above,
    clearly_above(sup_ret, sup_sold, safe_div(sup_expected, sup_sold)) AS supplier_above
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
FROM judged
ORDER BY sku;
