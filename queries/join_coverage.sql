-- join_coverage: how well the loaded tables join: returns to their orders, SKUs to their products, shipments to their orders.
-- Three rows, in this order: returns_to_orders, skus_to_products, shipments_to_orders. Not
-- filtered: like data_quality it describes the whole import, and it reads the canonical tables
-- only (not the derived ones), so the batch loader can run it on a batch before swapping it in.
-- returns_to_orders counts return rows (rejected resolutions included: the question is whether
-- the row can be joined, not whether it was refunded). A return without an order_id cannot find
-- its order by id: it counts in total but not in with_key (such returns, e.g. AdventureWorks,
-- are still analysed by product, region and period). A return finds its order when its
-- order_id is the order_id of at least one order line.
-- skus_to_products counts distinct SKU values (not rows) seen in order_lines, returns or
-- reviews; a SKU finds its product when it is a sku of products. Every SKU has the key, so
-- with_key = total. When no products are loaded at all, target_rows is 0 and matched is 0.
-- shipments_to_orders counts shipment rows whose order_id is among the order lines.
-- coverage = matched / with_key (NULL when no item has the key). Keys are compared exactly as
-- loaded (case and spaces matter: the loader trims cells already).
-- @output join_name : returns_to_orders, skus_to_products or shipments_to_orders
-- @output description : the join in plain words
-- @output unit : what is counted (return rows, distinct SKUs, shipment rows)
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
), ret AS (
  SELECT r.order_id, o.order_id IS NOT NULL AS found
  FROM returns r LEFT JOIN order_ids o ON o.order_id = r.order_id
), sku AS (
  SELECT s.sku, p.sku IS NOT NULL AS found
  FROM seen_skus s LEFT JOIN product_skus p ON p.sku = s.sku
), shp AS (
  SELECT s.order_id, o.order_id IS NOT NULL AS found
  FROM shipments s LEFT JOIN order_ids o ON o.order_id = s.order_id
), joined AS (
  SELECT 1 AS join_order, 'returns_to_orders' AS join_name,
    'returns whose order_id is among the order lines' AS description, 'return rows' AS unit,
    count(*) AS total, count(order_id) AS with_key, count(*) FILTER (WHERE found) AS matched,
    (SELECT count(*) FROM order_lines) AS target_rows,
    min(order_id) FILTER (WHERE order_id IS NOT NULL AND NOT found) AS example_unmatched
  FROM ret
  UNION ALL
  SELECT 2, 'skus_to_products', 'SKUs sold, returned or reviewed that are among the products', 'distinct SKUs',
    count(*), count(*), count(*) FILTER (WHERE found), (SELECT count(*) FROM products),
    min(sku) FILTER (WHERE NOT found)
  FROM sku
  UNION ALL
  SELECT 3, 'shipments_to_orders', 'shipments whose order_id is among the order lines', 'shipment rows',
    count(*), count(order_id), count(*) FILTER (WHERE found), (SELECT count(*) FROM order_lines),
    min(order_id) FILTER (WHERE order_id IS NOT NULL AND NOT found)
  FROM shp
)
SELECT join_name, description, unit, total, with_key, matched, with_key - matched AS unmatched,
  safe_div(matched, with_key) AS coverage, target_rows, example_unmatched
FROM joined
ORDER BY join_order;
