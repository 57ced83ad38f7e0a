-- derive: rebuilt after every load. Joins the canonical tables once into the two wide
-- tables every model reads, so a filter change scans them instead of re-joining.

-- Money in one currency, applied here once so that no model sums two currencies. The
-- reporting currency is the user's choice (currency_settings, written by the runner from bound
-- values) or else the most common currency of the order lines (ties: alphabetical). Each
-- currency of the data gets a rate to it: 1 for the reporting currency itself, the user's rate
-- (reporting-currency units per unit) when one was given, else NULL: lines in that currency,
-- and their returns, are then left out of every money figure (their amounts are NULL below)
-- but still count as orders, units and returns. Lines without a currency are taken to be in
-- the reporting currency.
CREATE OR REPLACE TABLE currency_rates_applied AS
WITH seen AS (
  SELECT currency, count(*) AS order_lines, sum(quantity * unit_price) AS line_value
  FROM order_lines WHERE currency IS NOT NULL GROUP BY currency
), reporting AS (
  SELECT coalesce((SELECT currency FROM currency_settings WHERE reporting),
                  (SELECT currency FROM seen ORDER BY order_lines DESC, currency LIMIT 1)) AS currency
)
SELECT s.currency, s.order_lines, s.line_value, r.currency AS reporting_currency,
  CASE WHEN s.currency = r.currency THEN 1.0 ELSE c.rate END AS rate
FROM seen s CROSS JOIN reporting r
LEFT JOIN currency_settings c ON c.currency = s.currency AND NOT c.reporting;

-- customer_keys: a number per customer id, as order_key is per order: the Customers page groups
-- per customer and order on two integers instead of the id's text (40% less time natively),
-- and looks the ids up here for its one row per customer only (carrying the text through the
-- grouping of every order line cost ~20% of that step in DuckDB-WASM at 1M order lines).
CREATE OR REPLACE TABLE customer_keys AS
SELECT customer_id, CAST(row_number() OVER () AS INTEGER) AS customer_key
FROM (SELECT DISTINCT customer_id FROM order_lines WHERE customer_id IS NOT NULL);

-- Order lines with their product and outbound shipment. Missing dimension values become
-- '(unknown)' so they can be grouped and filtered like any other value. unit_price and
-- line_value are in the reporting currency (NULL when the line's currency has no rate);
-- currency is the currency they are in, original_currency the one in the file. An order has one
-- shipment (the row checks refuse a second); has_shipment says whether the shipments file has a
-- row for the order at all (a shipment naming no carrier shows as '(unknown)' like no shipment),
-- and service_level is that shipment's, so the carrier models need not read shipments again.
CREATE OR REPLACE TABLE lines_enriched AS
SELECT
  l.order_id, l.line_id, l.order_date, l.sku, l.quantity,
  l.unit_price * cr.rate AS unit_price,
  l.quantity * l.unit_price * cr.rate AS line_value,
  CASE WHEN cr.rate IS NULL THEN l.currency ELSE cr.reporting_currency END AS currency,
  l.currency AS original_currency,
  cr.rate AS money_rate,
  cr.rate IS NOT NULL AS money_included,
  -- converted from another currency at a rate the user gave (kpis counts them; a flag read
  -- once instead of two currency texts compared on every line of every view)
  cr.rate IS NOT NULL AND l.currency IS NOT NULL AND l.currency IS DISTINCT FROM cr.reporting_currency AS money_converted,
  coalesce(l.channel, '(unknown)') AS channel,
  l.customer_id,
  ck.customer_key,
  coalesce(l.region, '(unknown)') AS region,
  p.product_name, coalesce(p.category, '(unknown)') AS category,
  coalesce(p.supplier, '(unknown)') AS supplier, p.unit_cost,
  p.product_group, p.size, p.color,
  coalesce(s.carrier, '(unknown)') AS carrier,
  s.shipped_at, s.promised_at, s.delivered_at, s.status AS shipment_status,
  s.order_id IS NOT NULL AS has_shipment, s.service_level,
  k.order_key,
  -- order_uniform: the order's lines share their date, channel and region (the carrier is the
  -- order's shipment's); order_first_line: its first line. Under filters on those only, such an
  -- order passes with all its lines or with none, so its first line stands for it and distinct
  -- orders are counted as rows (distinct_orders in schema/macros.sql)
  k.uniform AS order_uniform,
  l.rowid = k.first_rowid AS order_first_line,
  -- the order's only line of this SKU: such a line is an (order, SKU) pair of its own, so a
  -- count of distinct orders per SKU counts these lines as rows (return_rate_by)
  dup.order_id IS NULL AS sku_alone_in_order
FROM order_lines l
-- a line without a currency is in the reporting currency: rate 1
LEFT JOIN (SELECT currency, rate, reporting_currency FROM currency_rates_applied
           UNION ALL SELECT NULL, 1.0, (SELECT any_value(reporting_currency) FROM currency_rates_applied)) cr
  ON cr.currency IS NOT DISTINCT FROM l.currency
LEFT JOIN products p ON p.sku = l.sku
LEFT JOIN (SELECT DISTINCT ON (order_id) * FROM shipments ORDER BY order_id, shipped_at) s
  ON s.order_id = l.order_id
-- order_key: a number per order id, so the models count distinct orders by hashing an integer
-- rather than the id's text (a quarter less time in DuckDB-WASM at 1M order lines); with the
-- order's first line and whether its lines share date, channel and region. (A missing value
-- next to a given one makes an order not uniform: always safe, its lines are then counted as
-- before. Comparing the raw texts, not their '(unknown)' fallbacks, keeps this step at about
-- 0.35 s in DuckDB-WASM at 1M lines, where coalescing each value cost 2.7 s.)
LEFT JOIN (SELECT order_id, CAST(row_number() OVER () AS INTEGER) AS order_key, first_rowid, uniform
           FROM (SELECT order_id, min(rowid) AS first_rowid,
                   count(order_date) = count(*) AND min(order_date) = max(order_date)
                   AND count(channel) IN (0, count(*)) AND min(channel) IS NOT DISTINCT FROM max(channel)
                   AND count(region) IN (0, count(*)) AND min(region) IS NOT DISTINCT FROM max(region) AS uniform
                 FROM order_lines GROUP BY order_id)) k
  ON k.order_id = l.order_id
-- customer_key: a number per customer id (customer_keys, above)
LEFT JOIN customer_keys ck ON ck.customer_id = l.customer_id
-- (order, SKU) pairs with more than one line (hashed, not a window: a window sorted the million
-- lines, a second more of derive in DuckDB-WASM)
LEFT JOIN (SELECT order_id, sku FROM order_lines GROUP BY order_id, sku HAVING count(*) > 1) dup
  ON dup.order_id = l.order_id AND dup.sku IS NOT DISTINCT FROM l.sku;

-- Raw reasons resolved once per distinct value: exact code first, then free-text patterns.
CREATE OR REPLACE TABLE reason_lookup AS
WITH raw AS (
  SELECT DISTINCT reason_raw,
    trim(regexp_replace(lower(trim(reason_raw)), '[^a-z0-9]+', '_', 'g'), '_') AS norm
  FROM returns WHERE reason_raw IS NOT NULL AND trim(reason_raw) <> ''
), candidates AS (
  SELECT raw.reason_raw, m.reason, m.priority
  FROM raw JOIN reason_map m ON m.match_kind = 'exact' AND m.pattern = raw.norm
  UNION ALL
  SELECT raw.reason_raw, m.reason, m.priority
  FROM raw JOIN reason_map m ON m.match_kind = 'regex'
    AND regexp_matches(lower(raw.reason_raw), m.pattern)
)
SELECT raw.reason_raw, coalesce(arg_min(c.reason, c.priority), 'unknown') AS reason,
       count(c.reason) > 0 AS mapped
FROM raw LEFT JOIN candidates c USING (reason_raw)
GROUP BY raw.reason_raw;

-- Returns with their order line. A return names its line directly (line_id), or by order +
-- SKU (first such line), or by order alone when the order has a single line. Returns keep
-- their own sku/region when they have them and inherit the line's otherwise.
CREATE OR REPLACE TABLE returns_enriched AS
WITH returned_orders AS (
  -- Only the orders some return names: every join below is on the return's order id, so the
  -- lines of other orders can never match (most of them at scale: sorting and hashing all the
  -- lines here was the load's memory peak)
  SELECT DISTINCT order_id FROM returns WHERE order_id IS NOT NULL
), ranked_lines AS (
  SELECT order_id, line_id, sku,
    row_number() OVER (PARTITION BY order_id, sku ORDER BY line_id) AS nth_with_sku,
    count(*) OVER (PARTITION BY order_id) AS lines_in_order
  FROM order_lines SEMI JOIN returned_orders USING (order_id)
), matched AS (
  SELECT r.*,
    coalesce(by_id.line_id, by_sku.line_id, by_order.line_id) AS matched_line_id
  FROM returns r
  -- Each condition is a plain equi-join (the CASE yields NULL when the rule does not apply),
  -- so DuckDB hashes them; a leading 'r.x IS NULL AND ...' would force a nested loop.
  LEFT JOIN ranked_lines by_id
    ON by_id.order_id = r.order_id AND by_id.line_id = r.line_id
  LEFT JOIN ranked_lines by_sku
    ON by_sku.order_id = CASE WHEN r.line_id IS NULL THEN r.order_id END
       AND by_sku.sku = r.sku AND by_sku.nth_with_sku = 1
  LEFT JOIN ranked_lines by_order
    ON by_order.order_id = CASE WHEN r.line_id IS NULL AND r.sku IS NULL THEN r.order_id END
       AND by_order.lines_in_order = 1
), order_dates AS (
  SELECT order_id, min(order_date) AS order_date, min(order_key) AS order_key,
    CASE WHEN bool_and(money_included) THEN min(money_rate) END AS money_rate
  FROM lines_enriched SEMI JOIN returned_orders USING (order_id) GROUP BY order_id
)
SELECT
  m.return_id, m.order_id, m.matched_line_id AS line_id,
  coalesce(m.sku, l.sku, '(unknown)') AS sku,
  m.quantity,
  CASE WHEN m.reason IN (SELECT reason FROM reason_taxonomy) THEN m.reason
       ELSE coalesce(rl.reason, 'unknown') END AS reason,
  m.reason_raw, m.customer_comment,
  m.requested_at, m.approved_at, m.received_at, m.inspected_at, m.refunded_at,
  m.refund_amount * x.money_rate AS refund_amount, m.resolution, m.condition, m.disposition,
  m.recovery_value * x.money_rate AS recovery_value_reported,
  CASE WHEN x.money_rate IS NOT NULL THEN coalesce(m.recovery_value * x.money_rate,
    CASE m.disposition
      WHEN 'restock' THEN assumption('recovery_rate_restock')
      WHEN 'refurbish' THEN assumption('recovery_rate_refurbish')
      WHEN 'liquidate' THEN assumption('recovery_rate_liquidate')
      WHEN 'return_to_vendor' THEN assumption('recovery_rate_return_to_vendor')
      WHEN 'dispose' THEN assumption('recovery_rate_dispose')
    END * coalesce(p.unit_cost, 0) * m.quantity, 0) END AS recovery_value,
  m.recovery_value IS NULL AS recovery_estimated,
  m.return_carrier, m.label_cost * x.money_rate AS label_cost, m.pickup_attempts, m.pickup_failed,
  -- carried here so retained_revenue needs no join back to returns on every filter change
  m.exchange_value * x.money_rate AS exchange_value,
  x.money_rate, x.money_rate IS NOT NULL AS money_included,
  coalesce(m.region, l.region, '(unknown)') AS region,
  coalesce(l.channel, '(unknown)') AS channel,
  l.customer_id, l.customer_key,
  coalesce(p.category, '(unknown)') AS category,
  coalesce(p.supplier, '(unknown)') AS supplier,
  p.unit_cost,
  coalesce(l.carrier, '(unknown)') AS carrier,
  l.order_date, l.unit_price, l.quantity AS line_quantity, l.line_value,
  l.delivered_at,
  l.line_id IS NOT NULL AS line_matched,
  -- matched to an order line with that line's SKU and region: every filter value of the return
  -- (channel, region, category, supplier, carrier, SKU, cohort date) is then its line's, so when
  -- the return passes the filters its line does too, and "orders with a returned line in the
  -- selection" need not look for the line among all the order lines (kpis, return_rate_by)
  coalesce(l.line_id IS NOT NULL AND coalesce(m.sku, l.sku) = l.sku AND coalesce(m.region, l.region) = l.region, false) AS line_alike,
  od.order_id IS NOT NULL AS order_known,
  od.order_key,
  CAST(coalesce(l.order_date, od.order_date, m.requested_at, m.received_at, m.refunded_at) AS DATE) AS cohort_date
FROM matched m
LEFT JOIN lines_enriched l ON l.order_id = m.order_id AND l.line_id = m.matched_line_id
LEFT JOIN products p ON p.sku = coalesce(m.sku, l.sku)
LEFT JOIN reason_lookup rl ON rl.reason_raw = m.reason_raw
LEFT JOIN order_dates od ON od.order_id = m.order_id
-- a return's money is in its order line's currency (else its order's; with no order known,
-- the reporting currency): converted at the same rate, or left out with its line
CROSS JOIN LATERAL (SELECT CASE WHEN l.line_id IS NOT NULL THEN l.money_rate
                                WHEN od.order_id IS NOT NULL THEN od.money_rate ELSE 1.0 END AS money_rate) x;

-- The fault of each return's reason, kept on the row so models need no extra join.
ALTER TABLE returns_enriched ADD COLUMN fault VARCHAR;
UPDATE returns_enriched r SET fault = coalesce(t.fault, 'unknown')
FROM reason_taxonomy t WHERE t.reason = r.reason;

-- product_names: one row per SKU of the products table with the names a merchant reads.
-- parent is the SKU's parent product (product_group); a SKU without one is its own parent.
-- parent_name is the parent's name as the data gives it: the variants' product names with
-- their size and then their colour cut off the end ('Essential Hiking Boot Navy 38' with size
-- 38 and colour Navy -> 'Essential Hiking Boot'), the most common result over the variants
-- (ties alphabetical). NULL names stay NULL: missing is not zero, the page says "not in the data".
-- Worked out once per load: the names do not change with the filters, and the two window passes
-- were part of every SKU ranking, detail and listing that names its products.
CREATE OR REPLACE TABLE product_names AS
WITH cut_size AS (
  SELECT sku, product_name, coalesce(product_group, sku) AS parent, size, color,
    CASE WHEN size IS NOT NULL AND ends_with(product_name, ' ' || size)
         THEN rtrim(left(product_name, length(product_name) - length(size) - 1)) ELSE product_name END AS base
  FROM products
), cut_color AS (
  SELECT *, CASE WHEN color IS NOT NULL AND ends_with(base, ' ' || color)
                 THEN rtrim(left(base, length(base) - length(color) - 1)) ELSE base END AS stem
  FROM cut_size
)
SELECT sku, product_name, parent, size, color,
  first(stem ORDER BY n DESC, stem) OVER (PARTITION BY parent) AS parent_name
FROM (SELECT *, count(*) OVER (PARTITION BY parent, stem) AS n FROM cut_color);

-- The order lines bracketing can be found in (rule 1 of abuse_case_rows, schema/abuse_rules.sql):
-- every line of each (order, product group) pair with lines of two SKUs or more, in orders with
-- an accepted return matched to a line. The rule judges a pair on all its lines, whatever the
-- filters, so the pairs do not change with them: found once per load, the rule's per-view step
-- joins the few returned pairs of the selection to these rows instead of all million order lines
-- (most of the Signals page's time on each filter change at 1M lines). A pair outside (no
-- accepted return on any of its lines) can never have "all lines but one returned".
CREATE OR REPLACE TABLE bracket_lines AS
WITH candidate AS (
  SELECT l.order_id, l.order_key, l.line_id, l.product_group, l.sku, l.customer_id,
    coalesce(nullif(concat_ws(' ', l.size, l.color), ''), l.sku) AS variant
  FROM lines_enriched l
  SEMI JOIN (SELECT DISTINCT order_key FROM returns_enriched
             WHERE resolution IS DISTINCT FROM 'rejected' AND line_id IS NOT NULL) r ON r.order_key = l.order_key
  WHERE l.product_group IS NOT NULL
)
SELECT c.* FROM candidate c
SEMI JOIN (SELECT order_key, product_group FROM candidate GROUP BY ALL HAVING min(sku) <> max(sku)) m
  ON m.order_key = c.order_key AND m.product_group = c.product_group;

-- Leakage's two line rules (schema/leakage_rules.sql) judge an order line on all its returns,
-- whatever the filters, so their cases do not change with them: found once per load, a view
-- keeps those of its own returns (duplicate refunds) or lines (units above ordered) instead of
-- reading every return of the selection's lines again (most of the Leakage page's time at 1M
-- order lines). A return has line_id only when it is matched to its line (line_matched).
-- leak_duplicate_refunds: the refunded returns (refund_amount > 0) of a line after its first
-- (earliest refunded_at, then requested_at, then return_id), on lines whose refunded returns
-- add up to more units than the line sold.
CREATE OR REPLACE TABLE leak_duplicate_refunds AS
SELECT order_id, line_id, return_id, refund_amount,
  printf('refund %d of %d on the line: %d units refunded of %d sold', nth, n_refunded, qty_refunded, line_quantity) AS detail
FROM (
  SELECT order_id, line_id, return_id, quantity, line_quantity, refund_amount,
    row_number() OVER (PARTITION BY order_id, line_id
                       ORDER BY refunded_at NULLS LAST, requested_at NULLS LAST, return_id) AS nth,
    count(*) OVER (PARTITION BY order_id, line_id) AS n_refunded,
    sum(quantity) OVER (PARTITION BY order_id, line_id) AS qty_refunded
  FROM returns_enriched WHERE line_id IS NOT NULL AND refund_amount > 0
)
WHERE n_refunded > 1 AND qty_refunded > line_quantity AND nth > 1;

-- leak_over_lines: order lines whose accepted (not rejected) returns add up to more units than
-- the line sold, with those returns (by return_id) and the excess units' value.
CREATE OR REPLACE TABLE leak_over_lines AS
SELECT order_id, line_id,
  (sum(quantity) - any_value(line_quantity)) * any_value(unit_price) AS amount,
  list(return_id ORDER BY return_id) AS return_ids,
  any_value(sku) AS sku, any_value(customer_id) AS customer_id,
  printf('%d units returned (accepted) of %d sold', sum(quantity), any_value(line_quantity)) AS detail
FROM returns_enriched
WHERE line_id IS NOT NULL AND resolution IS DISTINCT FROM 'rejected'
GROUP BY order_id, line_id
HAVING sum(quantity) > any_value(line_quantity);

-- The terms of the dictionary (review_terms() in schema/macros.sql) each text mentions, matched
-- once per load: a text does not change with the filters, and testing every phrase in every
-- text was most of review_signals' time on each click. One row per text and term it mentions.
-- A text is a review (title and body together) or a return's customer comment, lower-cased with
-- curly apostrophes straightened; it mentions a term when it contains one of the term's phrases
-- and none of its not_phrases. source: 'review' or 'return'; id: its review_id or return_id.
-- review_signals counts these texts per SKU, review_texts shows them.
CREATE OR REPLACE TABLE text_terms AS
WITH docs AS (
  SELECT 'review' AS source, review_id AS id, replace(lower(concat_ws(' ', title, body)), '’', '''') AS txt
  FROM reviews
  UNION ALL
  SELECT 'return', return_id, replace(lower(customer_comment), '’', '''')
  FROM returns_enriched
  WHERE customer_comment IS NOT NULL AND trim(customer_comment) <> ''
), phrases AS (
  SELECT term, kind, unnest(string_split(phrases, '|')) AS phrase FROM review_terms()
), vetoes AS (
  SELECT term, unnest(string_split(not_phrases, '|')) AS phrase FROM review_terms() WHERE not_phrases IS NOT NULL
)
SELECT DISTINCT d.source, d.id, p.term, p.kind
FROM docs d
JOIN phrases p ON contains(d.txt, p.phrase)
ANTI JOIN (SELECT DISTINCT d.source, d.id, v.term FROM docs d JOIN vetoes v ON contains(d.txt, v.phrase)) x
  ON x.source = d.source AND x.id = d.id AND x.term = p.term;

-- The values each global filter can take, with their order lines, over all the data: one
-- pass at load, so the filter bar (filter_options.sql) reads a few rows instead of grouping
-- every order line per dimension on the first view of every page after a load (~70 ms each
-- of five in DuckDB-WASM at 1M order lines, in front of the page's own panels).
-- grouping_id has a bit per column, 1 where the column is not grouped: 15 = channel alone, ...
CREATE OR REPLACE TABLE filter_values AS
SELECT
  CASE grouping_id(channel, region, category, supplier, carrier)
    WHEN 15 THEN 'channel' WHEN 23 THEN 'region' WHEN 27 THEN 'category' WHEN 29 THEN 'supplier' WHEN 30 THEN 'carrier'
  END AS dim,
  coalesce(channel, region, category, supplier, carrier) AS value,
  count(*) AS order_lines
FROM lines_enriched
GROUP BY GROUPING SETS ((channel), (region), (category), (supplier), (carrier));

-- The data set's own facts, one row. load_day: the day the batch was loaded (the latest
-- load_log timestamp; NULL when the tables were filled without the loader). A date after it
-- cannot be right (the loader keeps such rows with a warning), so the as-of date is the last
-- plausible one: last_order_date is the latest order date not after load_day, and as_of (the
-- day comparisons, date presets and maturing flags are judged at) is that, or the latest such
-- return date when no order lines are loaded. The engine has no clock of its own.
CREATE OR REPLACE TABLE dataset_info AS
WITH loaded AS (
  SELECT CAST(max(loaded_at) AS DATE) AS load_day FROM load_log
), lines AS (
  SELECT
    max(order_date) FILTER (WHERE load_day IS NULL OR order_date <= load_day) AS last_order_date,
    count(*) FILTER (WHERE order_date > load_day) AS lines_after_load_day,
    max(order_date) FILTER (WHERE order_date > load_day) AS latest_after_load_day,
    count(*) FILTER (WHERE NOT money_included) AS money_lines_excluded
  FROM lines_enriched, loaded
), rets AS (
  SELECT max(cohort_date) FILTER (WHERE load_day IS NULL OR cohort_date <= load_day) AS last_return_date
  FROM returns_enriched, loaded
)
SELECT loaded.load_day, lines.last_order_date,
  coalesce(lines.last_order_date, rets.last_return_date) AS as_of,
  lines.lines_after_load_day, lines.latest_after_load_day,
  coalesce((SELECT currency FROM currency_settings WHERE reporting),
           (SELECT any_value(reporting_currency) FROM currency_rates_applied)) AS reporting_currency,
  lines.money_lines_excluded
FROM loaded, lines, rets;
