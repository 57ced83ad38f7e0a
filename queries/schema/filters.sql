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

-- The date basis of money figures (finance reads them two ways). A model taking $basis dates
-- each return by its
--   'order'  (cohort view, the default): its cohort_date, the day its order was placed, as
--            every rate does: "what did the returns of Q2's orders cost";
--   'refund' (cash view): the day its money moved: refunded_at when a refund was issued, else
--            (exchange, store credit, rejected, still open) received_at, else requested_at:
--            "what was refunded in Q2". A return with none of the three keeps its cohort date
--            (its order's, the only date it has), so no return drops out of the totals.
CREATE OR REPLACE MACRO basis_date(p_basis, cohort_date, refunded_at, received_at, requested_at) AS
  CASE WHEN p_basis = 'refund' THEN CAST(coalesce(refunded_at, received_at, requested_at, cohort_date) AS DATE)
       ELSE cohort_date END;

-- filtered_returns_on(p_basis, ...the filters of filtered_returns): the same returns with the
-- date range applied to their basis_date (a column of the rows) instead of their order date;
-- the list filters are filtered_returns' own.
CREATE OR REPLACE MACRO filtered_returns_on(p_basis, p_date_from, p_date_to, p_channel, p_region, p_category,
                                            p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  SELECT * FROM (
    SELECT *, basis_date(p_basis, cohort_date, refunded_at, received_at, requested_at) AS basis_date
    FROM filtered_returns(NULL, NULL, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason)
  ) r
  WHERE (p_date_from IS NULL OR r.basis_date >= CAST(p_date_from AS DATE))
    AND (p_date_to IS NULL OR r.basis_date <= CAST(p_date_to AS DATE));

-- filtered_returns_on_by(p_basis, p_by, ...): filtered_returns_on with `by_value`, as
-- filtered_returns_by is filtered_returns with it.
CREATE OR REPLACE MACRO filtered_returns_on_by(p_basis, p_by, p_date_from, p_date_to, p_channel, p_region, p_category,
                                               p_supplier, p_carrier, p_sku, p_reason) AS TABLE
  SELECT *, by_value_of(p_by, channel, region, category, supplier, carrier) AS by_value
  FROM filtered_returns_on(p_basis, p_date_from, p_date_to, p_channel, p_region, p_category, p_supplier, p_carrier, p_sku, p_reason);
