-- returns_by_reason: returned units per canonical reason, and how much each adds to the return rate
-- One row per canonical reason (see reason_taxonomy) that has at least one return request in
-- the filtered selection. Returns are attributed to the period their order was placed
-- (cohort view). Returns whose resolution is 'rejected' were refused: they count in
-- `returns` (requests) but not in units_returned, shares, contributions or refund_amount, so
-- a reason with only rejected returns shows 0 units.
-- contribution_to_rate = units returned for the reason / all units sold in the selection, so
-- the rows add up to the selection's unit return rate (the kpis number); it is NULL when
-- the selection has no sales (no order lines loaded: the breakdown of returns still shows).
-- share_of_units divides by all accepted returned units in the selection; with the reason
-- filter set the selection holds only those reasons, so their shares add up to 1.
-- Ordered by units_returned descending, then reason.
-- With `by`, these rows for each value of that filter dimension (a filter index, see
-- filtered_lines_by in queries/schema/filters.sql), named in a first column by_value.
-- @filters
-- @param by enum(channel|region|category|supplier|carrier) = null : answer per value of this filter dimension
-- @requires returns.return_id
-- @output reason : canonical reason code
-- @output fault : who is at fault for this reason (supplier, merchant, carrier, customer, unknown)
-- @output label : readable name of the reason
-- @output returns : return lines (requests), rejected ones included
-- @output units_returned : units on accepted (not rejected) returns
-- @output share_of_units : units_returned / all accepted returned units in the selection
-- @output contribution_to_rate : units_returned / units sold in the selection (rows add up to the unit return rate)
-- @missing refund_amount when returns.refund_amount
-- @output refund_amount : money refunded on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
WITH lines AS (
  SELECT * FROM filtered_lines_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  SELECT * FROM filtered_returns_by($by, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), by_reason AS (
  SELECT
    by_value,
    reason,
    count(*) AS returns,
    coalesce(sum(quantity) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS units_returned,
    coalesce(sum(refund_amount) FILTER (WHERE resolution IS DISTINCT FROM 'rejected'), 0) AS refund_amount
  FROM rets
  GROUP BY by_value, reason
), sold AS (
  SELECT by_value, sum(quantity) AS units_sold FROM lines GROUP BY by_value
)
SELECT
  b.by_value,
  b.reason,
  coalesce(t.fault, 'unknown') AS fault,
  coalesce(t.label, b.reason) AS label,
  CAST(b.returns AS BIGINT) AS returns,
  CAST(b.units_returned AS BIGINT) AS units_returned,
  safe_div(b.units_returned, sum(b.units_returned) OVER (PARTITION BY b.by_value)) AS share_of_units,
  safe_div(b.units_returned, s.units_sold) AS contribution_to_rate,
  if_present('returns.refund_amount', CAST(b.refund_amount AS DOUBLE)) AS refund_amount
FROM by_reason b
LEFT JOIN sold s ON s.by_value = b.by_value
LEFT JOIN reason_taxonomy t ON t.reason = b.reason
ORDER BY b.by_value, b.units_returned DESC, b.reason;
