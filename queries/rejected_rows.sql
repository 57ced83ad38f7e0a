-- rejected_rows: the rows of the imported files that were refused or flagged, with file, line and reason.
-- One row per entry of load_issues (the loader's record of every row it did not load as is),
-- for the Data page and its export. Not filtered by the dashboard filters: it describes the
-- import. severity is 'rejected' (not loaded: unreadable, a required value missing or
-- malformed, a negative amount, a duplicate key ...), 'warning' (loaded, but suspicious, e.g.
-- a date in the future) or 'excluded' (deliberately left out by a rule of the mapping, e.g. a
-- lookup row repeating a key: the first row is used) or 'merged' (a row repeating a key the
-- mapping folds, e.g. a product listed on every order line: merged into the key's first row).
-- Merged rows are not problems: they are listed only when asked for (severity 'merged'), so the
-- rows to fix are not buried under thousands of repeated products.
-- raw is the row as read from the file (fields joined with commas), so it can be fixed and
-- loaded again. Sorted by table (contract order), file, line; limit NULL returns every row.
-- @param table_name text = null : only issues of this canonical table (order_lines, products, shipments, returns, reviews)
-- @param severity enum(rejected|warning|excluded|merged) = null : only issues of this severity (NULL: every severity but merged)
-- @param limit number = null : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @output table_name : canonical table the file was loaded into, or lookup:<name> for a row of a file a mapping looked values up in
-- @output source_file : file name as given
-- @output line_number : line of the row in the file (1 = header line, so data starts at 2)
-- @output severity : rejected, warning, excluded or merged
-- @output reason : why, in words (e.g. 'bad date in order_date: "notadate"', 'duplicate order_id + line_id')
-- @output raw : the row as read, fields joined with commas
-- @output total_rows : issues matching the parameters before paging (the same on every row)
SELECT
  i.table_name, i.source_file, i.line_number, i.severity, i.reason, i.raw,
  count(*) OVER () AS total_rows
FROM load_issues i
WHERE ($table_name IS NULL OR i.table_name = $table_name)
  AND (CASE WHEN $severity IS NULL THEN i.severity <> 'merged' ELSE i.severity = $severity END)
ORDER BY
  CASE i.table_name WHEN 'order_lines' THEN 1 WHEN 'products' THEN 2 WHEN 'shipments' THEN 3
    WHEN 'returns' THEN 4 WHEN 'reviews' THEN 5 ELSE 6 END,
  i.table_name, i.source_file, i.line_number, i.severity, i.reason
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
