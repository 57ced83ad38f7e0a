-- column_profile: what each column of one canonical table holds, one row per column.
-- For the Data page: how full each column is, how many different values it has, its range and
-- its most frequent value, over the whole loaded table (not filtered). One row per column of
-- the data contract, in contract order, whether or not the import had that column (a column
-- the files did not have shows non_null 0). min_value / max_value compare values as their type
-- (numbers as numbers, dates as dates) and are shown as text; distinct_values is exact; the
-- most frequent value is the one with the highest count, ties going to the smallest value as
-- text, and is NULL when no value occurs twice (identifiers, free text), since "the most
-- frequent" of values that are all unique means nothing. Static SQL: each table has its
-- own branch, guarded by table_name (no table name is spliced into the text).
-- @param table_name enum(order_lines|products|shipments|returns|reviews) = order_lines : canonical table to profile
-- @output column_name : column of the table (data contract name)
-- @output column_type : its SQL type (VARCHAR, DATE, TIMESTAMP, INTEGER, DOUBLE, BOOLEAN)
-- @output ordinal : position of the column in the table (1 = first)
-- @output table_rows : rows in the table (the same on every row)
-- @output non_null : rows holding a value in this column
-- @output null_share : share of rows without a value (NULL when the table is empty)
-- @output distinct_values : different non-NULL values
-- @output min_value : smallest value, as text (compared as its type)
-- @output max_value : largest value, as text (compared as its type)
-- @output top_value : most frequent value, as text (NULL when no value occurs twice)
-- @output top_count : rows holding top_value (NULL with it)
WITH cols AS (
  SELECT column_name, data_type AS column_type, column_index AS ordinal
  FROM duckdb_columns()
  -- the current database only: a kept data set read in place is attached beside it with the same names
  WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table_name
), table_rows AS (
  SELECT CASE $table_name
    WHEN 'order_lines' THEN (SELECT count(*) FROM order_lines)
    WHEN 'products' THEN (SELECT count(*) FROM products)
    WHEN 'shipments' THEN (SELECT count(*) FROM shipments)
    WHEN 'returns' THEN (SELECT count(*) FROM returns)
    WHEN 'reviews' THEN (SELECT count(*) FROM reviews)
  END AS n
), stats AS (
  -- per column: values held, smallest and largest (compared as their own type). An aggregate
  -- over no rows still gives a row, hence the outer guard as well.
  SELECT * FROM (UNPIVOT (SELECT struct_pack(n := count(COLUMNS(*)), lo := min(COLUMNS(*))::VARCHAR, hi := max(COLUMNS(*))::VARCHAR)
    FROM order_lines WHERE $table_name = 'order_lines') ON COLUMNS(*) INTO NAME column_name VALUE s) WHERE $table_name = 'order_lines'
  UNION ALL
  SELECT * FROM (UNPIVOT (SELECT struct_pack(n := count(COLUMNS(*)), lo := min(COLUMNS(*))::VARCHAR, hi := max(COLUMNS(*))::VARCHAR)
    FROM products WHERE $table_name = 'products') ON COLUMNS(*) INTO NAME column_name VALUE s) WHERE $table_name = 'products'
  UNION ALL
  SELECT * FROM (UNPIVOT (SELECT struct_pack(n := count(COLUMNS(*)), lo := min(COLUMNS(*))::VARCHAR, hi := max(COLUMNS(*))::VARCHAR)
    FROM shipments WHERE $table_name = 'shipments') ON COLUMNS(*) INTO NAME column_name VALUE s) WHERE $table_name = 'shipments'
  UNION ALL
  SELECT * FROM (UNPIVOT (SELECT struct_pack(n := count(COLUMNS(*)), lo := min(COLUMNS(*))::VARCHAR, hi := max(COLUMNS(*))::VARCHAR)
    FROM returns WHERE $table_name = 'returns') ON COLUMNS(*) INTO NAME column_name VALUE s) WHERE $table_name = 'returns'
  UNION ALL
  SELECT * FROM (UNPIVOT (SELECT struct_pack(n := count(COLUMNS(*)), lo := min(COLUMNS(*))::VARCHAR, hi := max(COLUMNS(*))::VARCHAR)
    FROM reviews WHERE $table_name = 'reviews') ON COLUMNS(*) INTO NAME column_name VALUE s) WHERE $table_name = 'reviews'
), cells AS (
  -- every non-NULL cell as (column, value as text); UNPIVOT leaves NULLs out
  UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM order_lines WHERE $table_name = 'order_lines')
    ON COLUMNS(*) INTO NAME column_name VALUE v
  UNION ALL
  UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM products WHERE $table_name = 'products')
    ON COLUMNS(*) INTO NAME column_name VALUE v
  UNION ALL
  UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM shipments WHERE $table_name = 'shipments')
    ON COLUMNS(*) INTO NAME column_name VALUE v
  UNION ALL
  UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM returns WHERE $table_name = 'returns')
    ON COLUMNS(*) INTO NAME column_name VALUE v
  UNION ALL
  UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM reviews WHERE $table_name = 'reviews')
    ON COLUMNS(*) INTO NAME column_name VALUE v
), value_counts AS (
  SELECT column_name, v, count(*) AS n FROM cells GROUP BY column_name, v
), tops AS (
  SELECT column_name, count(*) AS distinct_values,
    max(n) AS top_count
  FROM value_counts GROUP BY column_name
), top_pick AS (
  -- deterministic top: highest count, then smallest value as text
  SELECT column_name, min(v) AS top_value
  FROM value_counts JOIN tops USING (column_name)
  WHERE value_counts.n = tops.top_count AND tops.top_count > 1
  GROUP BY column_name
)
SELECT
  c.column_name, c.column_type, CAST(c.ordinal AS INTEGER) AS ordinal,
  CAST(t.n AS BIGINT) AS table_rows,
  CAST(coalesce(s.s.n, 0) AS BIGINT) AS non_null,
  safe_div(t.n - coalesce(s.s.n, 0), t.n) AS null_share,
  CAST(coalesce(tp.distinct_values, 0) AS BIGINT) AS distinct_values,
  s.s.lo AS min_value, s.s.hi AS max_value,
  p.top_value,
  CASE WHEN p.top_value IS NOT NULL THEN CAST(tp.top_count AS BIGINT) END AS top_count
FROM cols c CROSS JOIN table_rows t
LEFT JOIN stats s ON s.column_name = c.column_name
LEFT JOIN tops tp ON tp.column_name = c.column_name
LEFT JOIN top_pick p ON p.column_name = c.column_name
ORDER BY c.ordinal;
