-- carrier_performance: delivery and return-leg performance per carrier.
-- One row per carrier that shipped a filtered order (outbound) or carried a filtered return back
-- (return leg). Outbound figures count each order once: an order is a shipment when the
-- shipments file has a row for it; orders without one are not counted, and a shipment without
-- a carrier is grouped under '(unknown)'. The carrier filter selects orders by their OUTBOUND
-- carrier (and the returns of those orders), whatever carrier took the return back.
-- Late = delivered_at later than promised_at, as timestamps: a promise given as a bare date
-- means midnight at the start of that day. late_rate is among delivered shipments that had a
-- promise. A shipment is delivered when it has delivered_at or its status is 'delivered'.
-- Transit-damage and late-delivery returns are accepted returns (not 'rejected') of shipped
-- orders, credited to the order's outbound carrier; returns without a known shipped order are
-- not credited to anyone. Return-leg figures (pickups, transit) cover every return naming a
-- return_carrier, rejected ones included: the carrier moved the parcel all the same. Returns
-- without a return_carrier have no return leg. Return transit runs from approval (or the
-- request when there is no approval date) to receipt; a receipt dated before that start is a
-- data error and is left out of the median.
-- @filters
-- @requires shipments.carrier
-- @output carrier : carrier name ('(unknown)' for shipments without a carrier)
-- @output shipments : filtered orders shipped with this carrier (each order once)
-- @output delivered : of those, delivered (delivered_at set or status 'delivered')
-- @output late_rate : delivered after the promised time / delivered shipments with a promise
-- @output median_delay_days : median days late, among late shipments
-- @output lost : shipments with status 'lost'
-- @output lost_rate : lost / shipments
-- @output transit_damage_returns : accepted returns 'damaged_in_transit' of orders shipped with this carrier
-- @output transit_damage_rate : transit_damage_returns / shipments
-- @output late_delivery_returns : accepted returns 'late_delivery' of orders shipped with this carrier
-- @output reverse_pickups : returns carried back by this carrier with a pickup attempt (pickup_attempts > 0 or pickup_failed set)
-- @output pickup_failures : of those, pickups that finally failed
-- @output pickup_failure_rate : pickup_failures / reverse_pickups
-- @output return_legs : returns carried back by this carrier
-- @output median_return_transit_days : median days from approval (else request) to receipt, over its return legs
WITH rets AS (
  -- only the columns read below: read twice, this is materialized first, every column it names
  SELECT order_key, reason, resolution, return_carrier, pickup_attempts, pickup_failed, requested_at, approved_at, received_at
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), shipped AS (
  -- One row per filtered order that has a shipment (the shipment columns repeat on its lines).
  -- An order passing the filters whole (orders_whole, schema/macros.sql) with uniform lines is
  -- its first line, so only the other orders are grouped (grouping a million lines by order
  -- was most of this model's time).
  SELECT order_key, carrier, promised_at, delivered_at, lower(trim(shipment_status)) AS status
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  WHERE has_shipment AND orders_whole(NULL, $category, $supplier, $sku) AND order_uniform AND order_first_line
  UNION ALL
  SELECT order_key, any_value(carrier) AS carrier, any_value(promised_at) AS promised_at,
         any_value(delivered_at) AS delivered_at, any_value(lower(trim(shipment_status))) AS status
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
  WHERE has_shipment AND NOT (orders_whole(NULL, $category, $supplier, $sku) AND order_uniform)
  GROUP BY order_key
), outbound AS (
  SELECT carrier,
    count(*) AS shipments,
    count(*) FILTER (WHERE delivered_at IS NOT NULL OR status = 'delivered') AS delivered,
    count(*) FILTER (WHERE delivered_at IS NOT NULL AND promised_at IS NOT NULL) AS with_promise,
    count(*) FILTER (WHERE delivered_at > promised_at) AS late,
    median(days_between(promised_at, delivered_at)) FILTER (WHERE delivered_at > promised_at) AS median_delay_days,
    count(*) FILTER (WHERE status = 'lost') AS lost
  FROM shipped
  GROUP BY carrier
), carrier_returns AS (
  SELECT s.carrier,
    count(*) FILTER (WHERE r.reason = 'damaged_in_transit') AS transit_damage_returns,
    count(*) FILTER (WHERE r.reason = 'late_delivery') AS late_delivery_returns
  FROM rets r
  JOIN shipped s ON s.order_key = r.order_key
  WHERE r.resolution IS DISTINCT FROM 'rejected'
  GROUP BY s.carrier
), legs AS (
  SELECT return_carrier AS carrier,
    count(*) AS return_legs,
    count(*) FILTER (WHERE pickup_attempts > 0 OR pickup_failed IS NOT NULL) AS reverse_pickups,
    count(*) FILTER (WHERE pickup_failed) AS pickup_failures,
    median(days_between(coalesce(approved_at, requested_at), received_at))
      FILTER (WHERE received_at >= coalesce(approved_at, requested_at)) AS median_return_transit_days
  FROM rets
  WHERE return_carrier IS NOT NULL
  GROUP BY return_carrier
), carriers AS (
  SELECT carrier FROM outbound UNION SELECT carrier FROM legs
)
SELECT
  c.carrier,
  coalesce(o.shipments, 0) AS shipments,
  coalesce(o.delivered, 0) AS delivered,
  safe_div(o.late, o.with_promise) AS late_rate,
  o.median_delay_days,
  coalesce(o.lost, 0) AS lost,
  safe_div(o.lost, o.shipments) AS lost_rate,
  coalesce(cr.transit_damage_returns, 0) AS transit_damage_returns,
  safe_div(coalesce(cr.transit_damage_returns, 0), o.shipments) AS transit_damage_rate,
  coalesce(cr.late_delivery_returns, 0) AS late_delivery_returns,
  coalesce(l.reverse_pickups, 0) AS reverse_pickups,
  coalesce(l.pickup_failures, 0) AS pickup_failures,
  safe_div(l.pickup_failures, l.reverse_pickups) AS pickup_failure_rate,
  coalesce(l.return_legs, 0) AS return_legs,
  l.median_return_transit_days
FROM carriers c
LEFT JOIN outbound o ON o.carrier = c.carrier
LEFT JOIN carrier_returns cr ON cr.carrier = c.carrier
LEFT JOIN legs l ON l.carrier = c.carrier
ORDER BY shipments DESC, c.carrier;
