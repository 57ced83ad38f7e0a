-- row_checks: every check a loaded row goes through, and the reason text it gets when it fails.
-- One file for every path: a canonical file (the identity mapping of its table), a preset or a
-- saved mapping; CSV, TSV, JSON or Parquet; the page or the command line. The import engine
-- (src/loader/import/sql-build.ts, load-target.ts) asks these macros for each row's verdict and
-- reason; the values themselves are read by import_macros.sql. Column names, formats and words
-- arrive as bound parameters or come from the data contract. The reason's fixed part comes
-- first, the offending value after ': "', so reports can group rows by reason (they strip the
-- value). The outcome of each check (rejected, merged, excluded, warning) is listed in the README,
-- "What happens to bad rows". TEMP macros, created with import_macros.sql.

-- Per row, in this order (the first that fails gives the reason):

-- A lookup key the lookup file lacks (a mapping with lookups): rejected.
CREATE OR REPLACE TEMP MACRO chk_lookup_miss(key_col, files, lookup, key) AS
  key_col || ' not found in ' || files || ' (lookup ' || lookup || '): "' || key || '"';

-- A cell whose text does not read as its column's type: NaN, 1e999, 0x1F for a number; 2.5 or
-- 1e2 for a whole number; 2025-02-31, epoch or year 0001 for a date (see import_macros.sql).
-- what: 'number', 'whole number', 'date', 'true/false value' ...; detail: how it was expected
-- to be written, e.g. ' (expected ISO 8601 (year-month-day))'.
CREATE OR REPLACE TEMP MACRO chk_unreadable(src, parsed_ok) AS src IS NOT NULL AND NOT parsed_ok;
CREATE OR REPLACE TEMP MACRO chk_bad_value(what, col, detail, src) AS
  'bad ' || what || ' in ' || col || detail || ': "' || src || '"';

-- A required column (data contract) left empty.
CREATE OR REPLACE TEMP MACRO chk_missing(col) AS 'missing ' || col;

-- Quantities and money must not be negative.
CREATE OR REPLACE TEMP MACRO chk_negative(col, v) AS 'negative ' || col || ': "' || v || '"';

-- Reviews: stars from 1 to 5.
CREATE OR REPLACE TEMP MACRO chk_rating_ok(v) AS v BETWEEN 1 AND 5;
CREATE OR REPLACE TEMP MACRO chk_rating(v) AS 'rating outside 1-5: "' || v || '"';

-- Across rows and tables, on the rows that passed the checks above:

-- A key (data contract) seen on an earlier line of the file: rejected; or, where the mapping
-- folds repeated keys (duplicates 'first': a product listed on every order line), merged into
-- the key's first row (severity 'merged': not an error, the row's facts are already loaded).
CREATE OR REPLACE TEMP MACRO chk_duplicate(key_cols, key, first_line) AS
  'duplicate ' || key_cols || ': "' || key || '" (first on line ' || first_line || ')';
CREATE OR REPLACE TEMP MACRO chk_repeated(key_cols, key, first_line) AS
  key_cols || ' repeated, merged into its first row: "' || key || '" (first on line ' || first_line || ')';

-- A key already loaded from an earlier file of the batch (rejected; merged where folded).
CREATE OR REPLACE TEMP MACRO chk_already_loaded(key_cols, key) AS
  'duplicate ' || key_cols || ': "' || key || '" (already loaded)';
CREATE OR REPLACE TEMP MACRO chk_repeated_loaded(key_cols, key) AS
  key_cols || ' already loaded, merged into the loaded row: "' || key || '" (already loaded)';

-- A list of returned orders (expandToOrderLines): the order must have loaded lines.
CREATE OR REPLACE TEMP MACRO chk_order_without_lines(order_id) AS
  'order has no loaded order lines: "' || order_id || '"';

-- A SKU the products loaded do not have (only when products are loaded): a warning by default
-- (the sale happened; the catalogue is incomplete), or rejected when the mapping says so.
CREATE OR REPLACE TEMP MACRO chk_unknown_sku(sku) AS
  'unknown SKU: "' || sku || '" (not among the products loaded)';

-- A return dated (requested, else received, else refunded) before its order: rejected, or a
-- warning when the mapping says so.
CREATE OR REPLACE TEMP MACRO chk_return_before_order(returned, ordered) AS
  'return dated before its order: "' || strftime(returned, '%Y-%m-%d') || '" (order date ' || strftime(ordered, '%Y-%m-%d') || ')';

-- A return long after its order (more than lateReturnDays, default 730): a warning.
CREATE OR REPLACE TEMP MACRO chk_late_return(days, returned, ordered) AS
  'return ' || days || ' days after its order: "' || strftime(returned, '%Y-%m-%d') || '" (order date ' || strftime(ordered, '%Y-%m-%d') || ')';

-- A date after the load time (more than futureDays, default 1): a warning; the as-of date
-- leaves it out (derive.sql, dataset_info).
CREATE OR REPLACE TEMP MACRO chk_is_future(v, now, days) AS v > CAST(now AS TIMESTAMP) + to_days(CAST(days AS INTEGER));
CREATE OR REPLACE TEMP MACRO chk_future(col, v) AS col || ' is in the future: "' || strftime(v, '%Y-%m-%d') || '"';

-- A whole file that cannot be used (a required column missing, a mapping that does not fit):
-- each of its rows is listed as rejected with this reason.
CREATE OR REPLACE TEMP MACRO chk_file_refused(why) AS 'file not loaded: ' || why;
