-- carrier_service_levels: delivery turnaround per carrier and service level (standard, express,
-- same day ...), so a slow carrier is told apart from a slow service.
-- One row per outbound carrier and service level among the filtered orders that have a
-- shipment (each order once, its first shipment as in lines_enriched). The service level is the
-- shipping service sold (a ship mode or shipping method: shipments.service_level); a shipment
-- without one is grouped under '(none)', one without a carrier under '(unknown)'. When no
-- shipment of the loaded data has a service level, service_level is NULL ("not in the data") and
-- there is one row per carrier. Delivery days run from shipped_at to delivered_at (fractional
-- days) over shipments with both; a delivery dated before its shipping is a data error and is
-- left out of the medians. A shipment is delivered when it has delivered_at or its status is
-- 'delivered'. Late is as in carrier_performance: delivered after promised_at, among delivered
-- shipments with a promise. Grouped by carrier (the carrier with most shipments first), its
-- service levels by shipments (most first), then by name.
-- @filters
-- @missing service_level when shipments.service_level
-- @output carrier : outbound carrier ('(unknown)' for shipments without a carrier)
-- @output service_level : service level as sold ('(none)' for shipments without one; NULL when the data has none at all)
-- @output shipments : filtered orders shipped with this carrier and service level (each order once)
-- @output delivered : of those, delivered (delivered_at set or status 'delivered')
-- @output median_delivery_days : median days from shipped_at to delivered_at
-- @output p90_delivery_days : 90th percentile of those days
-- @output late_rate : delivered after the promised time / delivered shipments with a promise
WITH shipped AS (
  -- One row per filtered order that has a shipment (the shipment columns repeat on its lines,
  -- service level included: schema/derive.sql joins the order's shipment once).
  -- An order passing the filters whole (orders_whole, schema/macros.sql) with uniform lines is
  -- its first line, so only the other orders are grouped (grouping a million lines by order
  -- was most of this model's time).
  SELECT order_key, carrier, shipped_at, promised_at, delivered_at, lower(trim(shipment_status)) AS status, service_level
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  WHERE has_shipment AND orders_whole(NULL, $category, $supplier, $sku) AND order_uniform AND order_first_line
  UNION ALL
  SELECT order_key, any_value(carrier) AS carrier, any_value(shipped_at) AS shipped_at, any_value(promised_at) AS promised_at,
         any_value(delivered_at) AS delivered_at, any_value(lower(trim(shipment_status))) AS status,
         any_value(service_level) AS service_level
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  WHERE has_shipment AND NOT (orders_whole(NULL, $category, $supplier, $sku) AND order_uniform)
  GROUP BY order_key
), levels AS (
  SELECT s.* EXCLUDE (service_level),
    if_present('shipments.service_level', coalesce(nullif(trim(s.service_level), ''), '(none)')) AS service_level,
    CASE WHEN s.delivered_at >= s.shipped_at THEN days_between(s.shipped_at, s.delivered_at) END AS delivery_days
  FROM shipped s
)
SELECT
  carrier,
  service_level,
  count(*) AS shipments,
  count(*) FILTER (WHERE delivered_at IS NOT NULL OR status = 'delivered') AS delivered,
  median(delivery_days) AS median_delivery_days,
  quantile_cont(delivery_days, 0.9) AS p90_delivery_days,
  safe_div(count(*) FILTER (WHERE delivered_at > promised_at),
           count(*) FILTER (WHERE delivered_at IS NOT NULL AND promised_at IS NOT NULL)) AS late_rate
FROM levels
GROUP BY carrier, service_level
ORDER BY sum(count(*)) OVER (PARTITION BY carrier) DESC, carrier, shipments DESC, service_level;
