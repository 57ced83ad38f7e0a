-- abuse_rules: the customer rules, as table macros shared by several models so they always agree:
-- customer_return_rows (per-customer return statistics and segment: customer_returns,
-- customer_return_distribution) and abuse_case_rows (abuse signals, below).

-- customer_return_rows(<the 9 global filters>, p_serial_rate_low, p_min_orders): one row per
-- customer id among the filtered order lines (lines without a customer_id are left out) and
-- their returns (a return's customer is its order line's). See queries/customer_returns.sql
-- for the meaning of every column; in short:
--   units_returned, orders_with_return, orders_fully_returned and refund_amount count accepted
--   (not rejected) returns; `returns` counts every request. An order is fully returned when its
--   accepted returns cover all its units. rate_low/rate_high: 95% Wilson interval of
--   units_returned / units_bought. baseline_rate: units returned / units bought over all the
--   customers of the selection.
--   segment: 'serial returner' when orders >= p_min_orders and rate_low > p_serial_rate_low;
--   else 'frequent returner' when orders >= p_min_orders and rate_low > baseline_rate; else
--   'regular' when orders >= p_min_orders; else 'few orders' (too few to judge).
-- Worked out once per filter state: the Customers page's panels all read the same rows
-- (src/runner/view-tables.ts keeps them in a temporary table while the filters stay).
-- @once-per-view customer_return_rows
CREATE OR REPLACE MACRO customer_return_rows(p_date_from, p_date_to, p_channel, p_region, p_category,
                                             p_supplier, p_carrier, p_sku, p_reason,
                                             p_serial_rate_low, p_min_orders) AS TABLE
WITH bought AS (
  -- one row per customer and order, grouped on integers (order_key, customer_key: numbers per
  -- order id and customer id, schema/derive.sql), cheaper to hash than the ids' text, which is
  -- looked up once per customer at the end
  SELECT customer_key, order_key, min(order_date) AS order_date,
    CAST(sum(quantity) AS BIGINT) AS units, sum(line_value) AS value
  FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku)
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key, order_key
), returned AS (
  -- a return has a customer only through its order line, so its order is known (order_key set)
  SELECT customer_key, order_key,
    count(*) AS returns,
    count(*) FILTER (WHERE resolution IS DISTINCT FROM 'rejected') AS accepted,
    CAST(coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS BIGINT) AS units_returned,
    coalesce(sum(refund_amount) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS refund_amount
  FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
  WHERE customer_key IS NOT NULL
  GROUP BY customer_key, order_key
), per_order AS (
  SELECT coalesce(b.customer_key, r.customer_key) AS customer_key,
    b.order_key IS NOT NULL AS bought,
    b.order_date, coalesce(b.units, 0) AS units, coalesce(b.value, 0) AS value,
    coalesce(r.returns, 0) AS returns, coalesce(r.accepted, 0) AS accepted,
    coalesce(r.units_returned, 0) AS units_returned, coalesce(r.refund_amount, 0) AS refund_amount
  FROM bought b
  FULL OUTER JOIN returned r ON r.customer_key = b.customer_key AND r.order_key = b.order_key
), customers AS (
  -- unit counts summed as BIGINT: sum() of integers is a 128-bit HUGEINT, whose arithmetic
  -- (the rates and intervals below) cost this step ~15% of its time in DuckDB-WASM at 1M lines
  SELECT customer_key,
    count(*) FILTER (WHERE bought) AS orders,
    CAST(sum(units) AS BIGINT) AS units_bought,
    sum(value) AS gross_sales,
    CAST(sum(returns) AS BIGINT) AS returns,
    CAST(sum(units_returned) AS BIGINT) AS units_returned,
    count(*) FILTER (WHERE bought AND accepted > 0) AS orders_with_return,
    count(*) FILTER (WHERE bought AND units > 0 AND units_returned >= units) AS orders_fully_returned,
    sum(refund_amount) AS refund_amount,
    min(order_date) AS first_order,
    max(order_date) AS last_order
  FROM per_order
  GROUP BY customer_key
), scored AS (
  SELECT c.*,
    wilson_low(c.units_returned, c.units_bought) AS rate_low,
    wilson_high(c.units_returned, c.units_bought) AS rate_high,
    safe_div(sum(c.units_returned) OVER (), sum(c.units_bought) OVER ()) AS baseline_rate
  FROM customers c
)
SELECT
  customer_id,
  CAST(orders AS BIGINT) AS orders,
  CAST(units_bought AS BIGINT) AS units_bought,
  CAST(returns AS BIGINT) AS returns,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(units_returned, units_bought) AS unit_return_rate,
  rate_low, rate_high, baseline_rate,
  CAST(orders_with_return AS BIGINT) AS orders_with_return,
  safe_div(orders_with_return, orders) AS order_return_rate,
  CAST(orders_fully_returned AS BIGINT) AS orders_fully_returned,
  safe_div(orders_fully_returned, orders) AS fully_returned_share,
  CAST(gross_sales AS DOUBLE) AS gross_sales,
  CAST(refund_amount AS DOUBLE) AS refund_amount,
  CAST(gross_sales - refund_amount AS DOUBLE) AS net_revenue,
  first_order, last_order,
  CASE
    WHEN orders >= p_min_orders AND rate_low > p_serial_rate_low THEN 'serial returner'
    WHEN orders >= p_min_orders AND rate_low > baseline_rate THEN 'frequent returner'
    WHEN orders >= p_min_orders THEN 'regular'
    ELSE 'few orders'
  END AS segment
FROM scored
-- the id text for the one row per customer (schema/derive.sql customer_keys)
LEFT JOIN customer_keys USING (customer_key);

-- abuse_case_rows lists the order lines and
-- returns behind every abuse signal. queries/abuse_signals.sql rolls them up to one row per signal,
-- queries/abuse_signal_summary.sql to one row per rule, queries/abuse_cases.sql lists them for
-- the drill-down, so all three always agree. Created after filters.sql (it reads
-- filtered_returns / filtered_lines). A signal is something to review, never proof.
-- The rules, exactly (thresholds are the macro's parameters; see abuse_signals.sql):
--   1 bracketing (one signal per order + product_group): the order has lines of at least
--     p_bracketing_min_variants (and at least 2) different SKUs of one products.product_group, and every line
--     of that group but exactly one has an accepted (not rejected) return. In scope when one
--     of the group's returns passes the filters (the group of the returned SKU); judged on all
--     the order's lines and returns.
--   2 wardrobing (one signal per customer): at least p_wardrobe_min_returns accepted returns
--     of one customer, in the categories p_wardrobe_categories (comma-separated, compared
--     case-insensitively), each requested more than (return window − p_wardrobe_days_before_end)
--     and at most return-window days after delivery (days_between, fractional; window =
--     assumption('return_window_days')). Returns without a delivery or request time are not judged.
--   3 refund_without_receipt (one signal per return): (resolution = 'refund' or refund_amount > 0),
--     refunded_at set, received_at empty (the same test as leakage's refund_without_return).
--     Not judged at all when no return in the loaded data has a received_at.
--   4 condition_mismatch (one signal per return): the inspected condition is one of
--     p_mismatch_conditions (comma-separated, case-insensitive) and the canonical reason is not
--     that same word (a 'wrong_item' condition is consistent with the reason 'wrong_item';
--     an empty box is consistent with no reason). Rejected returns are included: the claim was made.
--   5 refunds_exceed_purchases (one signal per customer): the customer's refunds (refund_amount
--     of their returns in the selection) exceed their purchases (quantity × unit_price of their
--     lines in the selection) by more than 0.01.
-- Customer-level rules only see returns whose order line is known (that is where customer_id
-- comes from).

-- abuse_case_rows(<the 9 global filters>, <5 thresholds>): one row per order line or return
-- behind a signal.
--   rule_order, rule    : 1..5 and the rule code
--   level               : what one signal is: 'order', 'customer' or 'return'
--   signal_id           : rule|order_id|product_group, rule|customer_id or rule|return_id
--   customer_id         : the customer of the signal, as exported (NULL when unknown)
--   signal_order_id     : the order of an order- or return-level signal (NULL for customer level)
--   order_id, line_id   : the order line of this row
--   return_id           : the return of this row (NULL for the kept line of a bracketing order)
--   sku                 : the SKU of this row: its return's, else (the kept line) its order line's
--   role                : 'returned' (a return behind the signal) or 'kept' (bracketing's kept line)
--   amount              : money refunded or credited on this row's return (0 when missing or kept;
--                         NULL on every row when the loaded data has no refund amount at all)
--   signal_amount       : money at stake for the whole signal: the sum of its rows' amounts,
--                         except refunds_exceed_purchases: refunds − purchases
--   detail              : the facts that triggered the rule, in words (same on every row of a signal)
-- Worked out once per filter state, as customer_return_rows is: the Signals page's summary and
-- list read the same rows.
-- @once-per-view abuse_case_rows
CREATE OR REPLACE MACRO abuse_case_rows(p_date_from, p_date_to, p_channel, p_region, p_category,
                                        p_supplier, p_carrier, p_sku, p_reason,
                                        p_wardrobe_categories, p_wardrobe_days_before_end,
                                        p_wardrobe_min_returns, p_bracketing_min_variants,
                                        p_mismatch_conditions) AS TABLE
WITH rets AS (
  SELECT * FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category,
                                 p_supplier, p_carrier, p_sku, p_reason)
), lines AS (
  SELECT * FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category,
                               p_supplier, p_carrier, p_sku)
), settings AS (
  SELECT
    assumption('return_window_days') AS window_days,
    list_transform(string_split(lower(coalesce(p_wardrobe_categories, '')), ','), x -> trim(x)) AS categories,
    list_transform(string_split(lower(coalesce(p_mismatch_conditions, '')), ','), x -> trim(x)) AS conditions
),
-- 1 bracketing ------------------------------------------------------------------------------
bracket_scope AS (
  -- (order, product group) pairs with a return in the selection (the group of the returned SKU)
  SELECT DISTINCT r.order_id, p.product_group
  FROM rets r JOIN products p ON p.sku = r.sku
  WHERE r.line_matched AND p.product_group IS NOT NULL
), group_lines AS (
  -- every line of those pairs that has lines of two SKUs or more (bracket_lines in
  -- schema/derive.sql: found once per load, as the pairs are judged on all their lines)
  SELECT b.order_id, b.line_id, b.product_group, b.sku, b.customer_id, b.variant
  FROM bracket_lines b
  SEMI JOIN bracket_scope s ON s.order_id = b.order_id AND s.product_group = b.product_group
), group_returns AS (
  -- their accepted returns (all of them, whether or not they pass the filters)
  SELECT r.return_id, r.order_id, r.line_id, r.sku, coalesce(r.refund_amount, 0) AS amount
  FROM returns_enriched r
  SEMI JOIN group_lines g ON g.order_id = r.order_id AND g.line_id = r.line_id
  WHERE r.resolution IS DISTINCT FROM 'rejected'
), marked_lines AS (
  SELECT g.*, x.line_id IS NOT NULL AS returned
  FROM group_lines g
  LEFT JOIN (SELECT DISTINCT order_id, line_id FROM group_returns) x
    ON x.order_id = g.order_id AND x.line_id = g.line_id
), bracket_groups AS (
  SELECT order_id, product_group, any_value(customer_id) AS customer_id,
    count(DISTINCT sku) AS variants,
    count(*) FILTER (WHERE returned) AS returned_lines,
    string_agg(variant, ', ' ORDER BY variant) FILTER (WHERE returned) AS returned_variants,
    string_agg(variant, ', ') FILTER (WHERE NOT returned) AS kept_variant
  FROM marked_lines
  GROUP BY order_id, product_group
  HAVING count(DISTINCT sku) >= p_bracketing_min_variants AND count(*) FILTER (WHERE NOT returned) = 1
), bracket_rows AS (
  SELECT b.order_id, b.product_group, b.customer_id, m.line_id, x.return_id, coalesce(x.sku, m.sku) AS sku,
    CASE WHEN m.returned THEN 'returned' ELSE 'kept' END AS role, coalesce(x.amount, 0) AS amount,
    printf('%d variants of %s in one order: %s returned, %s kept',
      b.variants, b.product_group, b.returned_variants, b.kept_variant) AS detail
  FROM bracket_groups b
  JOIN marked_lines m ON m.order_id = b.order_id AND m.product_group = b.product_group
  LEFT JOIN group_returns x ON x.order_id = m.order_id AND x.line_id = m.line_id
),
-- 2 wardrobing ------------------------------------------------------------------------------
late_returns AS (
  SELECT r.return_id, r.order_id, r.line_id, r.sku, r.customer_id, coalesce(r.refund_amount, 0) AS amount,
    days_between(r.delivered_at, r.requested_at) AS days_after
  FROM rets r, settings s
  WHERE r.customer_id IS NOT NULL
    AND r.resolution IS DISTINCT FROM 'rejected'
    AND list_contains(s.categories, lower(r.category))
    AND days_between(r.delivered_at, r.requested_at) > s.window_days - p_wardrobe_days_before_end
    AND days_between(r.delivered_at, r.requested_at) <= s.window_days
), late_by_customer AS (
  SELECT customer_id, count(*) AS n, min(days_after) AS first_day, max(days_after) AS last_day
  FROM late_returns
  GROUP BY customer_id
  HAVING count(*) >= p_wardrobe_min_returns
), wardrobers AS (
  SELECT c.customer_id,
    printf('%d %s returns requested in the last %g days of the %g-day window (%.1f to %.1f days after delivery)',
      c.n, array_to_string(s.categories, '/'), CAST(p_wardrobe_days_before_end AS DOUBLE), s.window_days,
      c.first_day, c.last_day) AS detail
  FROM late_by_customer c, settings s
),
-- 5 refunds_exceed_purchases -----------------------------------------------------------------
customer_refunds AS (
  -- per customer_key (schema/derive.sql customer_keys): the purchases below look every order
  -- line up by it, an integer, not by the id's text (~55 ms of ~310 for these rows in
  -- DuckDB-WASM at 1M order lines)
  SELECT customer_key, any_value(customer_id) AS customer_id, sum(refund_amount) AS refunds
  FROM rets WHERE customer_key IS NOT NULL AND refund_amount > 0
  GROUP BY customer_key
), customer_purchases AS (
  SELECT customer_key, sum(line_value) AS purchases
  FROM lines SEMI JOIN customer_refunds USING (customer_key)
  GROUP BY customer_key
), over_refunded AS (
  SELECT c.customer_key, c.customer_id, c.refunds - coalesce(p.purchases, 0) AS excess,
    printf('refunds %.2f vs purchases %.2f', c.refunds, coalesce(p.purchases, 0)) AS detail
  FROM customer_refunds c LEFT JOIN customer_purchases p USING (customer_key)
  WHERE c.refunds > coalesce(p.purchases, 0) + 0.01
), cases AS (
  SELECT 1 AS rule_order, 'bracketing' AS rule, 'order' AS level,
    'bracketing|' || order_id || '|' || product_group AS signal_id,
    customer_id, order_id AS signal_order_id, order_id, line_id, return_id, sku, role, amount,
    CAST(NULL AS DOUBLE) AS excess, detail
  FROM bracket_rows
  UNION ALL
  SELECT 2, 'wardrobing', 'customer', 'wardrobing|' || w.customer_id, w.customer_id, NULL,
    l.order_id, l.line_id, l.return_id, l.sku, 'returned', l.amount, NULL, w.detail
  FROM wardrobers w JOIN late_returns l USING (customer_id)
  UNION ALL
  SELECT 3, 'refund_without_receipt', 'return', 'refund_without_receipt|' || return_id, customer_id, order_id,
    order_id, line_id, return_id, sku, 'returned', coalesce(refund_amount, 0), NULL,
    'refunded ' || strftime(refunded_at, '%Y-%m-%d') || ', no receipt recorded'
  FROM rets
  WHERE (resolution = 'refund' OR refund_amount > 0) AND refunded_at IS NOT NULL AND received_at IS NULL
    -- an export without any receipt date cannot tell: every refund would look unreceived
    AND (SELECT count(received_at) FROM returns_enriched) > 0
  UNION ALL
  SELECT 4, 'condition_mismatch', 'return', 'condition_mismatch|' || r.return_id, r.customer_id, r.order_id,
    r.order_id, r.line_id, r.return_id, r.sku, 'returned', coalesce(r.refund_amount, 0), NULL,
    printf('received as %s; reason given: %s; resolution: %s',
      r.condition, r.reason, coalesce(r.resolution, 'open'))
  FROM rets r, settings s
  WHERE list_contains(s.conditions, lower(trim(r.condition)))
    AND r.reason IS DISTINCT FROM lower(trim(r.condition))
  UNION ALL
  SELECT 5, 'refunds_exceed_purchases', 'customer', 'refunds_exceed_purchases|' || o.customer_id,
    o.customer_id, NULL, r.order_id, r.line_id, r.return_id, r.sku, 'returned', r.refund_amount, o.excess, o.detail
  FROM over_refunded o JOIN rets r ON r.customer_key = o.customer_key AND r.refund_amount > 0
)
-- Missing is not zero: with no refund amount in the loaded data at all, every amount is NULL
-- ("not in the data"), never 0 (refunds_exceed_purchases has no cases then).
SELECT rule_order, rule, level, signal_id, customer_id, signal_order_id, order_id, line_id, return_id,
  sku, role, if_present('returns.refund_amount', CAST(amount AS DOUBLE)) AS amount,
  if_present('returns.refund_amount', CAST(coalesce(excess, sum(amount) OVER (PARTITION BY signal_id)) AS DOUBLE)) AS signal_amount,
  detail
FROM cases;
