-- data_quality: what was loaded, what was refused, and what does not fit together, per table.
-- Five rows, one per canonical table in the order order_lines, products, shipments, returns,
-- reviews; not filtered (it describes the whole import).
-- Load accounting comes from load_log, summed over every file loaded into the table:
-- rows_read = rows_loaded + rows_merged + rows_rejected + rows_excluded. A table filled without going
-- through the loader (no load_log row) reports its current row count as read and loaded.
-- rows_now can differ from rows_loaded when rows were removed after loading.
-- Orphans are rows pointing at something the import does not have: order lines and reviews
-- whose SKU has no product (NULL = not checked, when no products are loaded at all), shipments
-- and returns whose order is not among the order lines (a return without an order_id is not
-- an orphan: it is counted in returns_without_order). Products have no parent: always 0.
-- unmapped_reasons counts returns with a raw reason text but no canonical reason, whose text
-- matched nothing in reason_map and so became 'unknown' (add a reason_map row to fix them).
-- returns_before_order counts returns requested on a day before their order was placed.
-- The returns-only counts are 0 on the other tables. top_rejection is the most frequent
-- rejection reason of the table, with the offending value stripped ('bad date in order_date'),
-- ties broken alphabetically.
-- notes (order_lines only) says what the models do with rows that were loaded but cannot be
-- taken at face value, one sentence per line: order lines dated after the day the data was
-- loaded (kept, but out of the as-of date; see dataset_info in derive.sql), and each currency
-- other than the reporting one (its lines left out of money figures without a rate, or
-- converted with one).
-- @output table_name : canonical table
-- @output rows_read : data rows read from the files of this table
-- @output rows_loaded : rows accepted into the table
-- @output rows_rejected : rows refused (unreadable, missing or malformed required value, negative amount, duplicate key ...)
-- @output rows_merged : rows repeating a key the mapping folds (a product on every order line), merged into the key's first row
-- @output rows_excluded : rows deliberately left out by a rule of the mapping
-- @output rows_warned : rows loaded with a warning (e.g. a date in the future)
-- @output rows_now : rows in the table now
-- @output orphans : rows referring to a product or order the import does not have (NULL = not checked)
-- @output orphan_rule : what an orphan means for this table
-- @output unmapped_reasons : returns whose raw reason matched no rule and became 'unknown'
-- @output returns_without_order : returns with no order_id
-- @output returns_before_order : returns requested before the date of their order
-- @output date_min : earliest date of the table (order_date, shipped_at, requested_at (else received_at) or created_at)
-- @output date_max : latest date of the table
-- @output top_rejection : most frequent rejection reason of this table, NULL if none
-- @output notes : what the models do with loaded rows they cannot take at face value (future dates, other currencies), one per line; NULL if none
WITH tables(table_name, table_order, orphan_rule) AS (
  VALUES
    ('order_lines', 1, 'a line whose SKU is not among the products (not checked when no products are loaded)'),
    ('products', 2, 'none: products refer to nothing'),
    ('shipments', 3, 'a shipment whose order is not among the order lines'),
    ('returns', 4, 'a return naming an order that is not among the order lines'),
    ('reviews', 5, 'a review whose SKU is not among the products (not checked when no products are loaded)')
), log AS (
  SELECT table_name,
    sum(rows_read) AS rows_read, sum(rows_loaded) AS rows_loaded, sum(rows_rejected) AS rows_rejected,
    sum(rows_excluded) AS rows_excluded, sum(rows_warned) AS rows_warned, sum(rows_merged) AS rows_merged
  FROM load_log
  GROUP BY table_name
), has_products AS (
  SELECT count(*) > 0 AS loaded FROM products
), orders AS (
  -- Each order once, with the day it was placed (its earliest line). Shipments and returns are
  -- looked up here, not among the order lines: one hash table of the orders serves both (at
  -- 1M order lines two of all the lines' order ids took a third of this query's time).
  -- An order whose lines share one date (order_uniform, derive.sql) is its first line, as
  -- derive found it; only the others are grouped (grouping every line's id text was a quarter
  -- of this query in DuckDB-WASM at 1M order lines). Lines without an order id match nothing.
  SELECT order_id, order_date FROM lines_enriched WHERE order_first_line AND order_uniform
  UNION ALL
  SELECT order_id, min(order_date) FROM lines_enriched WHERE NOT order_uniform GROUP BY order_id
), facts AS (
  SELECT 'order_lines' AS table_name, count(*) AS rows_now,
    CASE WHEN (SELECT loaded FROM has_products)
         THEN count(*) FILTER (WHERE sku NOT IN (SELECT sku FROM products)) END AS orphans,
    0 AS unmapped_reasons, 0 AS returns_without_order, 0 AS returns_before_order,
    min(order_date) AS date_min, max(order_date) AS date_max
  FROM order_lines
  UNION ALL
  SELECT 'products', count(*), 0, 0, 0, 0, NULL, NULL FROM products
  UNION ALL
  SELECT 'shipments', count(*),
    count(*) FILTER (WHERE s.order_id IS NOT NULL AND o.order_id IS NULL),
    0, 0, 0, CAST(min(s.shipped_at) AS DATE), CAST(max(s.shipped_at) AS DATE)
  FROM shipments s
  LEFT JOIN orders o ON o.order_id = s.order_id
  UNION ALL
  SELECT 'returns', count(*),
    count(*) FILTER (WHERE r.order_id IS NOT NULL AND o.order_id IS NULL),
    count(*) FILTER (WHERE NOT coalesce(rl.mapped, true)
                       AND (r.reason IS NULL OR r.reason NOT IN (SELECT reason FROM reason_taxonomy))),
    count(*) FILTER (WHERE r.order_id IS NULL),
    count(*) FILTER (WHERE CAST(r.requested_at AS DATE) < o.order_date),
    CAST(min(coalesce(r.requested_at, r.received_at)) AS DATE), CAST(max(coalesce(r.requested_at, r.received_at)) AS DATE)
  FROM returns r
  LEFT JOIN reason_lookup rl ON rl.reason_raw = r.reason_raw
  LEFT JOIN orders o ON o.order_id = r.order_id
  UNION ALL
  SELECT 'reviews', count(*),
    CASE WHEN (SELECT loaded FROM has_products)
         THEN count(*) FILTER (WHERE sku NOT IN (SELECT sku FROM products)) END,
    0, 0, 0, CAST(min(created_at) AS DATE), CAST(max(created_at) AS DATE)
  FROM reviews
), note_lines AS (
  SELECT 1 AS ord, '' AS currency, printf('%s dated after the load day (latest %s): kept out of the as-of date',
      CASE WHEN lines_after_load_day = 1 THEN '1 order line' ELSE format('{:,} order lines', lines_after_load_day) END,
      strftime(latest_after_load_day, '%Y-%m-%d')) AS note
  FROM dataset_info WHERE lines_after_load_day > 0
  UNION ALL
  SELECT 2, currency, CASE WHEN rate IS NULL
      THEN format('currency mix: {} in {} (total {} {}) left out of money figures; supply a rate or choose the reporting currency',
        CASE WHEN order_lines = 1 THEN '1 order line' ELSE format('{:,} order lines', order_lines) END,
        currency, format('{:,.2f}', coalesce(line_value, 0)), currency)
      ELSE format('currency mix: {} in {} converted to {} at {} per {}',
        CASE WHEN order_lines = 1 THEN '1 order line' ELSE format('{:,} order lines', order_lines) END,
        currency, reporting_currency, CAST(rate AS VARCHAR), currency) END
  FROM currency_rates_applied WHERE currency IS DISTINCT FROM reporting_currency
), notes AS (
  SELECT 'order_lines' AS table_name, string_agg(note, chr(10) ORDER BY ord, currency) AS notes FROM note_lines
), rejections AS (
  SELECT table_name, regexp_replace(reason, ':\s*".*$', '') AS reason, count(*) AS n
  FROM load_issues
  WHERE severity = 'rejected'
  GROUP BY ALL
), top_rejection AS (
  SELECT table_name, arg_min(reason, (-n, reason)) AS reason
  FROM rejections
  GROUP BY table_name
)
SELECT
  t.table_name,
  coalesce(l.rows_read, f.rows_now) AS rows_read,
  coalesce(l.rows_loaded, f.rows_now) AS rows_loaded,
  coalesce(l.rows_rejected, 0) AS rows_rejected,
  coalesce(l.rows_merged, 0) AS rows_merged,
  coalesce(l.rows_excluded, 0) AS rows_excluded,
  coalesce(l.rows_warned, 0) AS rows_warned,
  f.rows_now,
  f.orphans,
  t.orphan_rule,
  f.unmapped_reasons,
  f.returns_without_order,
  f.returns_before_order,
  f.date_min, f.date_max,
  tr.reason AS top_rejection,
  n.notes
FROM tables t
JOIN facts f USING (table_name)
LEFT JOIN log l USING (table_name)
LEFT JOIN top_rejection tr USING (table_name)
LEFT JOIN notes n USING (table_name)
ORDER BY t.table_order;
