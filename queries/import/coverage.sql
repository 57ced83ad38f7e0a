-- coverage: how the loaded canonical tables find each other, for the import report (several
-- sources loaded together: a sales file, a returns file, a product file ...). Not a model:
-- src/loader/import/coverage.ts runs it after a batch of imports. One row per check:
-- table_name, check_name, description, total (rows the check applies to), found (of those, rows
-- that found what they look for). Keys are compared exactly as loaded.
-- Checks (rows with nothing to apply to give total 0):
--   order_lines.sku_in_products        order lines whose SKU is among the products
--   order_lines.distinct_skus_in_products  distinct SKUs sold that are among the products
--   returns.order_found                returns with an order id whose order has order lines
--   returns.sku_in_products            returns with a SKU that is among the products
--   returns.no_order_sku_sold          returns WITHOUT an order id, with a SKU: the SKU was sold
--                                      on or before the return's first date (requested, received,
--                                      refunded; any time when the return has no date)
--   returns.no_order_sku_region_sold   the same, with a region: sold in that region on or before
--   shipments.order_found              shipments whose order has order lines
--   reviews.sku_in_products            reviews whose SKU is among the products
--   reviews.order_found                reviews with an order id whose order has order lines
--   products.sold                      products with at least one order line
WITH orders AS (
  SELECT DISTINCT order_id FROM order_lines
), skus AS (
  SELECT DISTINCT sku FROM products
), first_sold AS (
  SELECT sku, min(order_date) AS first_date FROM order_lines GROUP BY sku
), first_sold_region AS (
  SELECT sku, region, min(order_date) AS first_date FROM order_lines WHERE region IS NOT NULL GROUP BY sku, region
), no_order AS (
  SELECT sku, region, CAST(coalesce(requested_at, received_at, refunded_at) AS DATE) AS return_date
  FROM returns WHERE order_id IS NULL AND sku IS NOT NULL
), checks AS (
  SELECT 1 AS pos, 'order_lines' AS table_name, 'sku_in_products' AS check_name,
    'order lines whose SKU is among the products' AS description,
    count(*) AS total, count(s.sku) AS found
  FROM order_lines l LEFT JOIN skus s ON s.sku = l.sku
  UNION ALL
  SELECT 2, 'order_lines', 'distinct_skus_in_products', 'distinct SKUs sold that are among the products',
    count(*), count(s.sku)
  FROM (SELECT DISTINCT sku FROM order_lines) l LEFT JOIN skus s ON s.sku = l.sku
  UNION ALL
  SELECT 3, 'returns', 'order_found', 'returns with an order id whose order has order lines',
    count(*), count(o.order_id)
  FROM returns r LEFT JOIN orders o ON o.order_id = r.order_id WHERE r.order_id IS NOT NULL
  UNION ALL
  SELECT 4, 'returns', 'sku_in_products', 'returns with a SKU that is among the products',
    count(*), count(s.sku)
  FROM returns r LEFT JOIN skus s ON s.sku = r.sku WHERE r.sku IS NOT NULL
  UNION ALL
  SELECT 5, 'returns', 'no_order_sku_sold', 'returns without an order id whose SKU was sold on or before the return date',
    count(*), count(*) FILTER (WHERE f.sku IS NOT NULL AND (n.return_date IS NULL OR f.first_date <= n.return_date))
  FROM no_order n LEFT JOIN first_sold f ON f.sku = n.sku
  UNION ALL
  SELECT 6, 'returns', 'no_order_sku_region_sold', 'returns without an order id whose SKU was sold in their region on or before the return date',
    count(*), count(*) FILTER (WHERE f.sku IS NOT NULL AND (n.return_date IS NULL OR f.first_date <= n.return_date))
  FROM no_order n LEFT JOIN first_sold_region f ON f.sku = n.sku AND f.region = n.region WHERE n.region IS NOT NULL
  UNION ALL
  SELECT 7, 'shipments', 'order_found', 'shipments whose order has order lines', count(*), count(o.order_id)
  FROM shipments sh LEFT JOIN orders o ON o.order_id = sh.order_id
  UNION ALL
  SELECT 8, 'reviews', 'sku_in_products', 'reviews whose SKU is among the products', count(*), count(s.sku)
  FROM reviews v LEFT JOIN skus s ON s.sku = v.sku
  UNION ALL
  SELECT 9, 'reviews', 'order_found', 'reviews with an order id whose order has order lines', count(*), count(o.order_id)
  FROM reviews v LEFT JOIN orders o ON o.order_id = v.order_id WHERE v.order_id IS NOT NULL
  UNION ALL
  SELECT 10, 'products', 'sold', 'products with at least one order line', count(*), count(f.sku)
  FROM products p LEFT JOIN first_sold f ON f.sku = p.sku
)
SELECT table_name, check_name, description, total, found FROM checks ORDER BY pos
