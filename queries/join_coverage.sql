-- join_coverage: how well the loaded tables join: returns to their orders, SKUs to their products, shipments to their orders.
-- With checks = joins (the default, what the Data page shows): three rows, in this order:
-- returns_to_orders, skus_to_products, shipments_to_orders. With checks = all (the import
-- report of the CLI and src/loader/import/coverage.ts) eight more rows follow, per table:
-- order_lines_skus_to_products, sold_skus_to_products, returns_skus_to_products,
-- no_order_returns_sku_sold, no_order_returns_sku_region_sold, reviews_skus_to_products,
-- reviews_to_orders, products_sold. Not filtered: like data_quality it describes the whole
-- import, and it reads the canonical tables only (not the derived ones), so the batch loader
-- can run it on a batch before swapping it in.
-- Every row counts items (rows, or distinct values where unit says so): total, then with_key
-- = those carrying the key the join needs, matched = those whose key is found.
-- A NULL key (no order_id, no SKU, no region) is "no key": the item counts in total but not in
-- with_key, and coverage = matched / with_key leaves it out (NULL when no item has a key). So a
-- return without a SKU lowers neither SKU coverage nor order coverage; it shows as total >
-- with_key. Distinct-value rows (skus_to_products, sold_skus_to_products) count non-NULL values
-- only, so there with_key = total.
-- returns_to_orders counts return rows (rejected resolutions included: the question is whether
-- the row can be joined, not whether it was refunded); a return finds its order when its
-- order_id is the order_id of at least one order line and, when the return names its line
-- (line_id), that line is one of the order's lines. Returns without an order_id (e.g.
-- AdventureWorks) are analysed by product, region and period instead: no_order_returns_sku_sold
-- counts them, with_key = those with a SKU, matched = the SKU was sold on or before the return's
-- first date (requested, received, refunded; any time when the return has no date);
-- no_order_returns_sku_region_sold the same with key SKU + region, sold in that region.
-- skus_to_products counts distinct SKU values seen in order_lines, returns or reviews; a SKU
-- finds its product when it is a sku of products. When no products are loaded at all,
-- target_rows is 0 and matched is 0. products_sold counts products with at least one order line.
-- Keys are compared exactly as loaded (case and spaces matter: the loader trims cells already).
-- @param checks enum(joins|all) = joins : joins = the three joins; all = also the per-table checks of the import report
-- @output join_name : returns_to_orders, skus_to_products, shipments_to_orders (then the checks listed above)
-- @output table_name : the table whose items are counted (all = SKUs of every table)
-- @output description : the join in plain words
-- @output unit : what is counted (return rows, distinct SKUs, shipment rows ...)
-- @output total : items counted
-- @output with_key : items that carry the key to join on (an order_id, a SKU)
-- @output matched : items whose key is found in the target table
-- @output unmatched : items with a key that is not found (with_key - matched)
-- @output coverage : matched / with_key, NULL when no item has a key
-- @output target_rows : rows of the target table (0 = nothing to join to)
-- @output example_unmatched : the smallest key not found, NULL when every key is found
WITH order_ids AS (
  SELECT DISTINCT order_id FROM order_lines WHERE order_id IS NOT NULL
), product_skus AS (
  SELECT DISTINCT sku FROM products WHERE sku IS NOT NULL
), seen_skus AS (
  SELECT sku FROM order_lines WHERE sku IS NOT NULL
  UNION
  SELECT sku FROM returns WHERE sku IS NOT NULL
  UNION
  SELECT sku FROM reviews WHERE sku IS NOT NULL
), first_sold AS (
  SELECT sku, min(order_date) AS first_date FROM order_lines WHERE sku IS NOT NULL GROUP BY sku
), first_sold_region AS (
  SELECT sku, region, min(order_date) AS first_date FROM order_lines WHERE sku IS NOT NULL AND region IS NOT NULL GROUP BY sku, region
), counts AS (
  SELECT (SELECT count(*) FROM order_lines) AS order_lines, (SELECT count(*) FROM products) AS products
), no_order AS (
  SELECT sku, region, CAST(coalesce(requested_at, received_at, refunded_at) AS DATE) AS return_date FROM returns WHERE order_id IS NULL
), keyed(join_order, key, found) AS (
  -- One row per item of each join (numbered as in joins below): its key (NULL = no key) and
  -- whether the key is found.
  -- A return that names its line finds its order only when that line is among the order's lines
  -- (line ids are normalised on load: "02" and "2.0" are line "2"): what the derived tables join on.
  SELECT 1, r.order_id, o.order_id IS NOT NULL AND (r.line_id IS NULL OR l.line_id IS NOT NULL)
  FROM returns r LEFT JOIN order_ids o ON o.order_id = r.order_id
  LEFT JOIN (SELECT DISTINCT order_id, line_id FROM order_lines) l ON l.order_id = r.order_id AND l.line_id = r.line_id
  UNION ALL
  SELECT 2, s.sku, p.sku IS NOT NULL FROM seen_skus s LEFT JOIN product_skus p ON p.sku = s.sku
  UNION ALL
  SELECT 3, s.order_id, o.order_id IS NOT NULL FROM shipments s LEFT JOIN order_ids o ON o.order_id = s.order_id
  UNION ALL
  SELECT 4, l.sku, p.sku IS NOT NULL FROM order_lines l LEFT JOIN product_skus p ON p.sku = l.sku WHERE $checks = 'all'
  UNION ALL
  SELECT 5, l.sku, p.sku IS NOT NULL
  FROM (SELECT DISTINCT sku FROM order_lines WHERE sku IS NOT NULL) l LEFT JOIN product_skus p ON p.sku = l.sku WHERE $checks = 'all'
  UNION ALL
  SELECT 6, r.sku, p.sku IS NOT NULL FROM returns r LEFT JOIN product_skus p ON p.sku = r.sku WHERE $checks = 'all'
  UNION ALL
  SELECT 7, n.sku, f.sku IS NOT NULL AND (n.return_date IS NULL OR f.first_date <= n.return_date)
  FROM no_order n LEFT JOIN first_sold f ON f.sku = n.sku WHERE $checks = 'all'
  UNION ALL
  SELECT 8, CASE WHEN n.region IS NOT NULL THEN n.sku END, f.sku IS NOT NULL AND (n.return_date IS NULL OR f.first_date <= n.return_date)
  FROM no_order n LEFT JOIN first_sold_region f ON f.sku = n.sku AND f.region = n.region WHERE $checks = 'all'
  UNION ALL
  SELECT 9, v.sku, p.sku IS NOT NULL FROM reviews v LEFT JOIN product_skus p ON p.sku = v.sku WHERE $checks = 'all'
  UNION ALL
  SELECT 10, v.order_id, o.order_id IS NOT NULL FROM reviews v LEFT JOIN order_ids o ON o.order_id = v.order_id WHERE $checks = 'all'
  UNION ALL
  SELECT 11, p.sku, f.sku IS NOT NULL FROM products p LEFT JOIN first_sold f ON f.sku = p.sku WHERE $checks = 'all'
), joins AS (
  -- Every join listed, so a join with nothing to count still gives its row (total 0).
  SELECT * FROM (VALUES
    (1, 'returns_to_orders', 'returns', 'returns whose order (and line, when the return names one) is among the order lines', 'return rows', 'order_lines'),
    (2, 'skus_to_products', 'all', 'SKUs sold, returned or reviewed that are among the products', 'distinct SKUs', 'products'),
    (3, 'shipments_to_orders', 'shipments', 'shipments whose order_id is among the order lines', 'shipment rows', 'order_lines'),
    (4, 'order_lines_skus_to_products', 'order_lines', 'order lines whose SKU is among the products', 'order line rows', 'products'),
    (5, 'sold_skus_to_products', 'order_lines', 'distinct SKUs sold that are among the products', 'distinct SKUs', 'products'),
    (6, 'returns_skus_to_products', 'returns', 'returns whose SKU is among the products', 'return rows', 'products'),
    (7, 'no_order_returns_sku_sold', 'returns', 'returns without an order id whose SKU was sold on or before the return date', 'return rows', 'order_lines'),
    (8, 'no_order_returns_sku_region_sold', 'returns', 'returns without an order id whose SKU was sold in their region on or before the return date', 'return rows', 'order_lines'),
    (9, 'reviews_skus_to_products', 'reviews', 'reviews whose SKU is among the products', 'review rows', 'products'),
    (10, 'reviews_to_orders', 'reviews', 'reviews whose order_id is among the order lines', 'review rows', 'order_lines'),
    (11, 'products_sold', 'products', 'products with at least one order line', 'product rows', 'order_lines'))
    v(join_order, join_name, table_name, description, unit, target)
  WHERE join_order <= 3 OR $checks = 'all'
), counted AS (
  SELECT j.join_order, j.join_name, j.table_name, j.description, j.unit, j.target,
    count(k.join_order) AS total, count(k.key) AS with_key, count(*) FILTER (WHERE k.key IS NOT NULL AND k.found) AS matched,
    min(k.key) FILTER (WHERE k.key IS NOT NULL AND NOT k.found) AS example_unmatched
  FROM joins j LEFT JOIN keyed k USING (join_order)
  GROUP BY ALL
)
SELECT join_name, table_name, description, unit, total, with_key, matched, with_key - matched AS unmatched,
  safe_div(matched, with_key) AS coverage,
  CASE target WHEN 'products' THEN (SELECT products FROM counts) ELSE (SELECT order_lines FROM counts) END AS target_rows,
  example_unmatched
FROM counted
ORDER BY join_order;
