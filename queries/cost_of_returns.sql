-- cost_of_returns: what returns cost, per value of one dimension
-- One row per value of `dim`, over ACCEPTED returns only: returns whose resolution is
-- 'rejected' were refused (nothing refunded, nothing restocked), so they cost nothing here.
-- Date basis ($basis, see basis_date in queries/schema/filters.sql): 'order' (default, cohort
-- view) places a return in the period its order was placed, like every model; 'refund' (cash
-- view) in the period its refund was issued (else received, else requested). The date filters
-- and dim = month follow the basis; every other figure is the same sum over other returns.
-- gross_cost = refund_amount + label_cost + handling_cost + inspection_cost (before recovery);
-- net_cost = gross_cost − recovery_value.
-- lost_margin is shown for information and is NOT added to net_cost: it is the part of the
-- refund that was margin, already inside refund_amount (adding it would count it twice).
-- dim = 'all' gives the one total row (dim_value 'All returns'); for every other dim the rows
-- add up to it (each return falls in exactly one value: missing values become '(unknown)').
-- Decisions: handling is charged per accepted return, inspection per accepted return that has
-- an inspected_at; missing refund or label amounts count 0; recovery_value is the reported
-- value, else estimated from the disposition × unit cost × recovery_rate_<disposition>
-- assumption (0 when there is no disposition or no unit cost). lost_margin uses the return's
-- quantity × the matched line's unit price as the item value (the refund itself when the
-- order line is unknown) and counts 0 when the SKU's unit cost is unknown. `carrier` is the
-- outbound carrier (the one the global carrier filter uses); `month` is the month of the
-- return's basis date (the order's with basis = order), as text YYYY-MM.
-- Missing is not zero: a part whose input column holds no value in the loaded data (no refund
-- amounts, no label costs; no unit costs for lost margin; neither reported recovery values nor
-- unit costs with dispositions for recovery) is NULL, "not in the data" (if_present,
-- macros.sql), never 0; gross_cost and net_cost then add up the parts the data has, and
-- not_in_data names the parts left out.
-- @filters
-- @param dim enum(reason|fault|sku|category|supplier|carrier|region|channel|disposition|month|all) = reason : dimension to group the costs by (month = month of the basis date; all = one total row)
-- @param basis enum(order|refund) = order : date the date filters and months apply to: order = the order's date (cohort), refund = the refund date (else received, else requested: cash)
-- @requires returns.return_id
-- @missing refund_amount when returns.refund_amount
-- @missing label_cost when returns.label_cost
-- @missing lost_margin when returns.refund_amount
-- @missing lost_margin when products.unit_cost
-- @missing recovery_value when returns.recovery_value and products.unit_cost
-- @missing recovery_value when returns.recovery_value and returns.disposition
-- @missing recovery_estimated_share when returns.recovery_value and products.unit_cost
-- @missing recovery_estimated_share when returns.recovery_value and returns.disposition
-- @output dim_value : the value of the dimension ('(unknown)' when missing)
-- @output returns : accepted (not rejected) return lines
-- @output units_returned : units on those returns
-- @output refund_amount : money refunded (or credited)
-- @output label_cost : return labels paid by the merchant
-- @output handling_cost : returns × assumption handling_cost_per_return
-- @output inspection_cost : inspected returns × assumption inspection_cost_per_return
-- @output lost_margin : part of the refunds that was margin: per refunded return, max(0, min(refund, quantity × unit price) − quantity × unit cost); already inside refund_amount, not added to net_cost
-- @output recovery_value : money recovered from the returned items (reported, or estimated from disposition × unit cost)
-- @output recovery_estimated_share : share of recovery_value that is estimated rather than reported (NULL when recovery_value is 0)
-- @output gross_cost : refund_amount + label_cost + handling_cost + inspection_cost (what the returns cost before recovery; the parts in not_in_data left out)
-- @output net_cost : gross_cost − recovery_value (recovery left out when not in the data)
-- @output net_cost_per_return : net_cost / returns
-- @output not_in_data : the cost parts the loaded data has no values for, comma-separated (left out of gross_cost and net_cost); NULL when none
WITH rets AS (
  SELECT * FROM filtered_returns_on($basis, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), accepted AS (
  SELECT
    CASE $dim
      WHEN 'reason' THEN reason
      WHEN 'fault' THEN fault
      WHEN 'sku' THEN sku
      WHEN 'category' THEN category
      WHEN 'supplier' THEN supplier
      WHEN 'carrier' THEN carrier
      WHEN 'region' THEN region
      WHEN 'channel' THEN channel
      WHEN 'disposition' THEN disposition
      WHEN 'month' THEN strftime(basis_date, '%Y-%m')
      WHEN 'all' THEN 'All returns'
    END AS dim_raw,
    quantity,
    coalesce(refund_amount, 0) AS refund,
    coalesce(label_cost, 0) AS label,
    inspected_at IS NOT NULL AS inspected,
    CASE WHEN refund_amount > 0 AND unit_cost IS NOT NULL
      THEN greatest(0.0, least(refund_amount, coalesce(quantity * unit_price, refund_amount)) - quantity * unit_cost)
      ELSE 0.0 END AS margin,
    coalesce(recovery_value, 0) AS recovery,
    recovery_estimated
  FROM rets
  WHERE resolution IS DISTINCT FROM 'rejected'
), has AS (
  SELECT has_values('returns.refund_amount') AS refunds, has_values('returns.label_cost') AS labels,
    has_values('products.unit_cost') AS unit_costs,
    recovery_in_data() AS recovery_known
), per_dim AS (
  SELECT
    coalesce(dim_raw, '(unknown)') AS dim_value,
    count(*) AS returns,
    CAST(coalesce(sum(quantity), 0) AS BIGINT) AS units_returned,
    CASE WHEN any_value(has.refunds) THEN sum(refund) END AS refund_amount,
    CASE WHEN any_value(has.labels) THEN sum(label) END AS label_cost,
    count(*) * assumption('handling_cost_per_return') AS handling_cost,
    count(*) FILTER (WHERE inspected) * assumption('inspection_cost_per_return') AS inspection_cost,
    CASE WHEN any_value(has.refunds AND has.unit_costs) THEN sum(margin) END AS lost_margin,
    CASE WHEN any_value(has.recovery_known) THEN sum(recovery) END AS recovery_value,
    coalesce(sum(recovery) FILTER (WHERE recovery_estimated), 0) AS recovery_estimated_value,
    nullif(concat_ws(', ', CASE WHEN NOT any_value(has.refunds) THEN 'refund_amount' END,
      CASE WHEN NOT any_value(has.labels) THEN 'label_cost' END,
      CASE WHEN NOT any_value(has.recovery_known) THEN 'recovery_value' END), '') AS not_in_data
  FROM accepted CROSS JOIN has
  GROUP BY 1
), with_gross AS (
  SELECT *, coalesce(refund_amount, 0) + coalesce(label_cost, 0) + handling_cost + inspection_cost AS gross_cost FROM per_dim
)
SELECT
  dim_value, returns, units_returned, refund_amount, label_cost, handling_cost, inspection_cost,
  lost_margin, recovery_value,
  safe_div(recovery_estimated_value, recovery_value) AS recovery_estimated_share,
  gross_cost,
  gross_cost - coalesce(recovery_value, 0) AS net_cost,
  safe_div(gross_cost - coalesce(recovery_value, 0), returns) AS net_cost_per_return,
  not_in_data
FROM with_gross
ORDER BY net_cost DESC, dim_value;
