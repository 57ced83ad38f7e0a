-- derive: rebuilt after every load. Joins the canonical tables once into the two wide
-- tables every model reads, so a filter change scans them instead of re-joining.

-- Order lines with their product and outbound shipment. Missing dimension values become
-- '(unknown)' so they can be grouped and filtered like any other value.
CREATE OR REPLACE TABLE lines_enriched AS
SELECT
  l.order_id, l.line_id, l.order_date, l.sku, l.quantity, l.unit_price,
  l.quantity * l.unit_price AS line_value,
  l.currency,
  coalesce(l.channel, '(unknown)') AS channel,
  l.customer_id,
  coalesce(l.region, '(unknown)') AS region,
  p.product_name, coalesce(p.category, '(unknown)') AS category,
  coalesce(p.supplier, '(unknown)') AS supplier, p.unit_cost,
  p.product_group, p.size, p.color,
  coalesce(s.carrier, '(unknown)') AS carrier,
  s.shipped_at, s.promised_at, s.delivered_at, s.status AS shipment_status,
  k.order_key
FROM order_lines l
LEFT JOIN products p ON p.sku = l.sku
LEFT JOIN (SELECT DISTINCT ON (order_id) * FROM shipments ORDER BY order_id, shipped_at) s
  ON s.order_id = l.order_id
-- order_key: a number per order id, so the models count distinct orders by hashing an integer
-- rather than the id's text (a quarter less time in DuckDB-WASM at 1M order lines)
LEFT JOIN (SELECT order_id, CAST(row_number() OVER () AS INTEGER) AS order_key
           FROM (SELECT DISTINCT order_id FROM order_lines)) k
  ON k.order_id = l.order_id;

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
WITH ranked_lines AS (
  SELECT order_id, line_id, sku,
    row_number() OVER (PARTITION BY order_id, sku ORDER BY line_id) AS nth_with_sku,
    count(*) OVER (PARTITION BY order_id) AS lines_in_order
  FROM order_lines
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
  SELECT order_id, min(order_date) AS order_date, min(order_key) AS order_key FROM lines_enriched GROUP BY order_id
)
SELECT
  m.return_id, m.order_id, m.matched_line_id AS line_id,
  coalesce(m.sku, l.sku, '(unknown)') AS sku,
  m.quantity,
  CASE WHEN m.reason IN (SELECT reason FROM reason_taxonomy) THEN m.reason
       ELSE coalesce(rl.reason, 'unknown') END AS reason,
  m.reason_raw, m.customer_comment,
  m.requested_at, m.approved_at, m.received_at, m.inspected_at, m.refunded_at,
  m.refund_amount, m.resolution, m.condition, m.disposition,
  m.recovery_value AS recovery_value_reported,
  coalesce(m.recovery_value,
    CASE m.disposition
      WHEN 'restock' THEN assumption('recovery_rate_restock')
      WHEN 'refurbish' THEN assumption('recovery_rate_refurbish')
      WHEN 'liquidate' THEN assumption('recovery_rate_liquidate')
      WHEN 'return_to_vendor' THEN assumption('recovery_rate_return_to_vendor')
      WHEN 'dispose' THEN assumption('recovery_rate_dispose')
    END * coalesce(p.unit_cost, 0) * m.quantity, 0) AS recovery_value,
  m.recovery_value IS NULL AS recovery_estimated,
  m.return_carrier, m.label_cost, m.pickup_attempts, m.pickup_failed,
  -- carried here so retained_revenue needs no join back to returns on every filter change
  m.exchange_value,
  coalesce(m.region, l.region, '(unknown)') AS region,
  coalesce(l.channel, '(unknown)') AS channel,
  l.customer_id,
  coalesce(p.category, '(unknown)') AS category,
  coalesce(p.supplier, '(unknown)') AS supplier,
  p.unit_cost,
  coalesce(l.carrier, '(unknown)') AS carrier,
  l.order_date, l.unit_price, l.quantity AS line_quantity, l.line_value,
  l.delivered_at,
  l.line_id IS NOT NULL AS line_matched,
  od.order_id IS NOT NULL AS order_known,
  od.order_key,
  CAST(coalesce(l.order_date, od.order_date, m.requested_at, m.received_at, m.refunded_at) AS DATE) AS cohort_date
FROM matched m
LEFT JOIN lines_enriched l ON l.order_id = m.order_id AND l.line_id = m.matched_line_id
LEFT JOIN products p ON p.sku = coalesce(m.sku, l.sku)
LEFT JOIN reason_lookup rl ON rl.reason_raw = m.reason_raw
LEFT JOIN order_dates od ON od.order_id = m.order_id;

-- The fault of each return's reason, kept on the row so models need no extra join.
ALTER TABLE returns_enriched ADD COLUMN fault VARCHAR;
UPDATE returns_enriched r SET fault = coalesce(t.fault, 'unknown')
FROM reason_taxonomy t WHERE t.reason = r.reason;
