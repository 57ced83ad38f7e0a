-- filters: the global dashboard filters as table macros. Every model that takes @filters
-- reads its rows through these two, so a filter means the same thing on every chart.
-- Created after derive.sql (a table macro needs its tables to exist).

-- in_period(d, p_date_from, p_date_to): whether date d lies in the view's date range (both ends
-- included; a NULL end is open). A NULL date is in the period only when the range is open.
CREATE OR REPLACE MACRO in_period(d, p_date_from, p_date_to) AS
  (p_date_from IS NULL OR d >= CAST(p_date_from AS DATE)) AND (p_date_to IS NULL OR d <= CAST(p_date_to AS DATE));

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

-- category_rates_by(p_by, ...the filters but supplier and SKU, reason): the unit return rate of
-- each category (accepted returned units / units sold, by_value as in filtered_lines_by), over
-- every supplier and SKU of the category. THE baseline a SKU, a parent product or a supplier is
-- measured against (return_rate_by, supplier_scorecard, sku_profile): the supplier and SKU
-- filters do not narrow it, so with a supplier filter a SKU is still compared with its whole
-- category and a supplier-wide problem stays visible. Categories without sales are left out.
CREATE OR REPLACE MACRO category_rates_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category,
                                          p_carrier, p_reason) AS TABLE
  WITH sold AS (
    SELECT by_value, category, sum(quantity) AS units_sold
    FROM filtered_lines_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, NULL, p_carrier, NULL)
    GROUP BY ALL
  ), returned AS (
    SELECT by_value, category, sum(quantity) AS units_returned
    FROM filtered_returns_by(p_by, p_date_from, p_date_to, p_channel, p_region, p_category, NULL, p_carrier, NULL, p_reason)
    WHERE resolution IS DISTINCT FROM 'rejected'
    GROUP BY ALL
  )
  SELECT s.by_value, s.category, s.units_sold, coalesce(r.units_returned, 0) AS units_returned,
    coalesce(r.units_returned, 0) / s.units_sold AS rate
  FROM sold s LEFT JOIN returned r ON r.by_value = s.by_value AND r.category = s.category
  WHERE s.units_sold > 0;

-- filtered_reviews(p_date_from, p_date_to, p_category, p_supplier, p_sku): the reviews in the
-- selection, with the filters that make sense for a review (review_signals and review_texts
-- read the same ones): SKU, and category and supplier through the product (a SKU missing from
-- products is '(unknown)', as in the order lines); the date range applies to the review's
-- created_at, so an undated review is left out when a date is set. A review has no channel,
-- region, carrier or reason: those filters do not apply. Rows: every reviews column (the terms
-- each review mentions are in text_terms, schema/derive.sql).
CREATE OR REPLACE MACRO filtered_reviews(p_date_from, p_date_to, p_category, p_supplier, p_sku) AS TABLE
  SELECT r.*
  FROM reviews r
  LEFT JOIN products p ON p.sku = r.sku
  WHERE (p_date_from IS NULL OR CAST(r.created_at AS DATE) >= CAST(p_date_from AS DATE))
    AND (p_date_to IS NULL OR CAST(r.created_at AS DATE) <= CAST(p_date_to AS DATE))
    AND in_list(p_sku, r.sku)
    AND in_list(p_category, coalesce(p.category, '(unknown)'))
    AND in_list(p_supplier, coalesce(p.supplier, '(unknown)'));
