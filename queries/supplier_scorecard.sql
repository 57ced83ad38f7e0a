-- supplier_scorecard: return and defect figures per supplier, ranked by returns above its category mix.
-- One row per supplier of the SKUs sold or returned in the selection; SKUs without a product
-- record (or without a supplier) are grouped under '(unknown)'. Units sold are the filtered
-- order lines; returned units are the accepted returns of the same filters (returns whose
-- resolution is 'rejected' were refused and count nowhere here, refunds and recovery included).
-- Defect units = units returned as 'defective' or 'missing_parts'.
-- Ranking: THE supplier ranking of the dashboard, the same as return_rate_by with dim=supplier:
-- excess_units, the supplier's accepted returned units minus what its own mix of categories
-- predicts (Σ over its lines of units sold × their category's unit return rate, categories
-- taken over every supplier: category_rates_by in schema/filters.sql), descending; ties by name (as
-- return_rate_by). A supplier with 2 returns out of 2 units sold has a 100% rate but at
-- most ~2 excess units, while one moderately above its categories over thousands of units
-- piles up many: the ranking follows how many returns a supplier causes beyond what its
-- products' categories explain, so neither a tiny sample nor selling shoes rather than beauty
-- products tops the list. expected_rate is that mix's rate; significant = the low end of the
-- 95% Wilson interval of the supplier's rate (rate_low) is above it. excess_defect_units
-- (defect units − units sold × the selection's overall defect rate) stays as a column: how
-- many of the excess are defects.
-- Returns without a known order still count (their supplier comes from their SKU), as in kpis;
-- a supplier with returns but no sales in the selection has NULL rates.
-- @filters
-- @requires products.supplier
-- @output supplier : supplier ('(unknown)' for SKUs without one)
-- @output skus : distinct SKUs of this supplier sold in the selection
-- @output units_sold : units sold
-- @output units_returned : units on accepted returns
-- @output unit_return_rate : units_returned / units_sold
-- @output rate_low : lower bound of the 95% Wilson interval of unit_return_rate
-- @output rate_high : upper bound of the 95% Wilson interval of unit_return_rate
-- @output defect_rate : units returned as defective or missing_parts / units_sold
-- @output not_as_described_rate : units returned as not_as_described / units_sold
-- @output wrong_item_rate : units returned as wrong_item / units_sold
-- @output supplier_fault_units : returned units whose reason is the supplier's fault (reason taxonomy)
-- @output expected_rate : unit return rate the supplier's category mix predicts (categories over every supplier)
-- @output expected_units : units_sold × expected_rate
-- @output excess_units : units_returned − expected_units; the ranking key (NULL without sales)
-- @output significant : rate_low > expected_rate (false when either is unknown)
-- @output excess_defect_units : defect units − units_sold × the selection's overall defect rate
-- @missing refund_amount when returns.refund_amount
-- @missing recovery_value when returns.recovery_value and products.unit_cost
-- @missing recovery_value when returns.recovery_value and returns.disposition
-- @output refund_amount : money refunded on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
-- @output recovery_value : money recovered from the returned items (reported, or estimated from the disposition); NULL when the data has neither reported values nor unit costs and dispositions
-- @output returned_to_vendor_units : returned units sent back to the supplier (disposition return_to_vendor)
WITH lines AS (
  -- only the columns read below: read twice, this is materialized first, every column it names
  SELECT supplier, sku, category, quantity
  FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  SELECT * FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), accepted AS (
  SELECT * FROM rets WHERE resolution IS DISTINCT FROM 'rejected'
), sold AS (
  SELECT supplier, count(DISTINCT sku) AS skus, sum(quantity) AS units_sold
  FROM lines
  GROUP BY supplier
), returned AS (
  SELECT supplier,
    sum(quantity) AS units_returned,
    coalesce(sum(quantity) FILTER (WHERE reason IN ('defective', 'missing_parts')), 0) AS defect_units,
    coalesce(sum(quantity) FILTER (WHERE reason = 'not_as_described'), 0) AS nad_units,
    coalesce(sum(quantity) FILTER (WHERE reason = 'wrong_item'), 0) AS wrong_units,
    coalesce(sum(quantity) FILTER (WHERE fault = 'supplier'), 0) AS supplier_fault_units,
    coalesce(sum(refund_amount), 0) AS refund_amount,
    coalesce(sum(recovery_value), 0) AS recovery_value,
    coalesce(sum(quantity) FILTER (WHERE disposition = 'return_to_vendor'), 0) AS rtv_units
  FROM accepted
  GROUP BY supplier
), mix AS (
  SELECT l.supplier, sum(l.quantity * c.rate) AS expected_units
  FROM lines l
  JOIN category_rates_by(NULL, $date_from, $date_to, $channel, $region, $category, $carrier, $reason) c ON c.category = l.category
  GROUP BY l.supplier
), overall AS (
  SELECT coalesce(safe_div((SELECT sum(defect_units) FROM returned), (SELECT sum(units_sold) FROM sold)), 0) AS defect_rate
), scored AS (
  SELECT
    coalesce(s.supplier, r.supplier) AS supplier,
    coalesce(s.skus, 0) AS skus,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(r.units_returned, 0) AS units_returned,
    coalesce(r.defect_units, 0) AS defect_units,
    coalesce(r.nad_units, 0) AS nad_units,
    coalesce(r.wrong_units, 0) AS wrong_units,
    coalesce(r.supplier_fault_units, 0) AS supplier_fault_units,
    if_present('returns.refund_amount', coalesce(r.refund_amount, 0.0)) AS refund_amount,
    CASE WHEN recovery_in_data() THEN coalesce(r.recovery_value, 0.0) END AS recovery_value,
    coalesce(r.rtv_units, 0) AS rtv_units,
    m.expected_units
  FROM sold s
  FULL OUTER JOIN returned r ON r.supplier = s.supplier
  LEFT JOIN mix m ON m.supplier = s.supplier
)
SELECT
  supplier, skus, units_sold, units_returned,
  safe_div(units_returned, units_sold) AS unit_return_rate,
  wilson_low(units_returned, units_sold) AS rate_low,
  wilson_high(units_returned, units_sold) AS rate_high,
  safe_div(defect_units, units_sold) AS defect_rate,
  safe_div(nad_units, units_sold) AS not_as_described_rate,
  safe_div(wrong_units, units_sold) AS wrong_item_rate,
  supplier_fault_units,
  safe_div(expected_units, units_sold) AS expected_rate,
  CASE WHEN units_sold > 0 THEN expected_units END AS expected_units,
  CASE WHEN units_sold > 0 THEN units_returned - expected_units END AS excess_units,
  clearly_above(units_returned, units_sold, safe_div(expected_units, units_sold)) AS significant,
  defect_units - units_sold * (SELECT defect_rate FROM overall) AS excess_defect_units,
  refund_amount, recovery_value,
  rtv_units AS returned_to_vendor_units
FROM scored
-- rounded for the order only, as in return_rate_by: float noise must not decide ties
ORDER BY round(units_returned - expected_units, 9) DESC NULLS LAST, supplier;
