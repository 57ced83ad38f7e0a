-- filters: the global dashboard filters as table macros. Every model that takes @filters
-- reads its rows through these two, so a filter means the same thing on every chart.
-- Created after derive.sql (a table macro needs its tables to exist).

-- filtered_lines(...): order lines (enriched with product and shipment attributes) that pass
-- the global filters. Dates filter on order_date (cohort view: a return counts in the period
-- its order was placed, so a rate's numerator and denominator describe the same orders).
CREATE OR REPLACE MACRO filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category,
                                       p_supplier, p_carrier, p_sku) AS TABLE
  SELECT * FROM lines_enriched l
  WHERE (p_date_from IS NULL OR l.order_date >= CAST(p_date_from AS DATE))
    AND (p_date_to IS NULL OR l.order_date <= CAST(p_date_to AS DATE))
    AND in_list(p_channel, l.channel) AND in_list(p_region, l.region)
    AND in_list(p_category, l.category) AND in_list(p_supplier, l.supplier)
    AND in_list(p_carrier, l.carrier) AND in_list(p_sku, l.sku);

-- filtered_returns(...): returns that pass the same filters, plus a reason filter. A return
-- is dated by its order's date when its order line is known, else by its own request /
-- receipt date (exports keyed by product + region + date have no order).
CREATE OR REPLACE MACRO filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category,
                                         p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  SELECT * FROM returns_enriched r
  WHERE (p_date_from IS NULL OR r.cohort_date >= CAST(p_date_from AS DATE))
    AND (p_date_to IS NULL OR r.cohort_date <= CAST(p_date_to AS DATE))
    AND in_list(p_channel, r.channel) AND in_list(p_region, r.region)
    AND in_list(p_category, r.category) AND in_list(p_supplier, r.supplier)
    AND in_list(p_carrier, r.carrier) AND in_list(p_sku, r.sku)
    AND in_list(p_reason, r.reason);

-- filtered_lines_by / filtered_returns_by(p_by, ...the same filters): the same rows with
-- `by_value`, their value of the dimension p_by ('channel', 'region', 'category', 'supplier'
-- or 'carrier'; '' for every row when p_by is NULL). A model grouping by it answers for every
-- value of that filter at once: the group of a value holds exactly the rows the filter set to
-- that value keeps. The runner keeps such answers as filter indexes and reads the next click
-- from them (src/runner/runner.ts, fromFilterIndex).
CREATE OR REPLACE MACRO filtered_lines_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category,
                                          p_supplier, p_carrier, p_sku) AS TABLE
  SELECT *, by_value_of(p_by, channel, region, category, supplier, carrier) AS by_value
  FROM filtered_lines(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku);

CREATE OR REPLACE MACRO filtered_returns_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category,
                                            p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  SELECT *, by_value_of(p_by, channel, region, category, supplier, carrier) AS by_value
  FROM filtered_returns(p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason);
