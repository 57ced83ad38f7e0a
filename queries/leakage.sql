-- leakage: refund and returns-policy leaks, one audit rule per row
-- Exactly one row per rule, always in this order, always present. None of these findings is
-- proof of fraud or error: they are audit findings to check, and some can be deliberate
-- policy (instant refunds, "keep it" refunds for cheap items). Date basis ($basis, basis_date in
-- queries/schema/filters.sql): 'order' (default, cohort) dates each case by its order; 'refund'
-- (cash) by the day its money moved (refund, else receipt, else request): leakage is money paid
-- out wrongly, so finance reads "what leaked in Q2" by refund date. A line case
-- (quantity_above_ordered) is in the period when one of its returns is. The rules, exactly:
--   refund_above_price: refund_amount > quantity returned × unit_price of the matched order
--     line + 0.01 (one cent of rounding tolerance); returns without a matched line are not
--     judged. Amount: refund_amount − quantity × unit_price.
--   refund_before_receipt: refunded_at < received_at (both known). Amount: the refund.
--   refund_without_return: (resolution = 'refund' or refund_amount > 0) and refunded_at is
--     set and received_at is not. Amount: the refund.
--   outside_window: an accepted (not rejected) return whose request date is more than
--     assumption('return_window_days') calendar days after the delivery date, or after the
--     order date when the delivery date is unknown. Amount: the refund.
--   duplicate_refund: an order line (order_id + line_id) with more than one refunded return
--     (refund_amount > 0) whose refunded quantities add up to more than the line quantity.
--     The first refund of the line (earliest refunded_at, then requested_at, then return_id)
--     is taken as the legitimate one; cases are the refunded returns after it, amount their
--     refunds.
--   quantity_above_ordered: an order line whose accepted returns add up to more units than
--     the line sold. Cases: lines; amount: excess units × unit_price.
--   label_above_value: label_cost > quantity returned × unit_price of the matched line.
--     Amount: label_cost − that item value.
-- The rules overlap (a line refunded twice usually also has more units returned than sold, so
-- it shows in duplicate_refund and quantity_above_ordered): do not add amounts across rules.
-- Rejected returns are left out of outside_window and quantity_above_ordered only; the other
-- rules look at every return, because money was paid out either way. A return without a
-- refund amount, in data that has refund amounts, counts 0 in the amounts.
-- Missing is not zero: a rule runs when the data has the columns that find its cases (status
-- 'ok'); its amount also needs the columns that price them. Data with no refund amounts at
-- all still counts refunds before receipt, refunds without a return and returns outside the
-- window (their refunds are known to have happened from dates and resolutions), but their
-- amounts are NULL ("not in the data"), never 0: see the @missing lines.
-- Line rules (duplicate_refund, quantity_above_ordered) judge a line on ALL its returns, so a
-- filter (e.g. on reason) never hides the other half of a duplicate. The line is in scope when
-- at least one of its returns passes the filters; duplicate_refund then counts only the
-- duplicates that pass the filters, quantity_above_ordered counts the line.
-- status is 'ok', or 'needs <table.column, ...>' when a column the rule needs holds no value
-- at all in the loaded data (not just in the filtered selection); cases, amount and
-- example_ids are then NULL. example_ids lists up to 5 return_ids, largest amount first,
-- comma-separated without spaces (for quantity_above_ordered: the returns of the flagged
-- lines).
-- The cases are the rows of leakage_case_rows (queries/schema/leakage_rules.sql), which
-- queries/leakage_cases.sql lists for the drill-down: this model counts and sums them.
-- @filters
-- @param basis enum(order|refund) = order : date the date range applies to: order = the order's date (cohort), refund = the refund date (else received, else requested: cash)
-- @missing cases[rule=refund_above_price] when returns.refund_amount
-- @missing cases[rule=refund_above_price] when order_lines.unit_price
-- @missing amount[rule=refund_above_price] when returns.refund_amount
-- @missing amount[rule=refund_above_price] when order_lines.unit_price
-- @missing cases[rule=refund_before_receipt] when returns.refunded_at
-- @missing cases[rule=refund_before_receipt] when returns.received_at
-- @missing amount[rule=refund_before_receipt] when returns.refunded_at
-- @missing amount[rule=refund_before_receipt] when returns.received_at
-- @missing amount[rule=refund_before_receipt] when returns.refund_amount
-- @missing cases[rule=refund_without_return] when returns.refunded_at
-- @missing cases[rule=refund_without_return] when returns.received_at
-- @missing amount[rule=refund_without_return] when returns.refunded_at
-- @missing amount[rule=refund_without_return] when returns.received_at
-- @missing amount[rule=refund_without_return] when returns.refund_amount
-- @missing cases[rule=outside_window] when returns.requested_at
-- @missing cases[rule=outside_window] when order_lines.order_date
-- @missing amount[rule=outside_window] when returns.requested_at
-- @missing amount[rule=outside_window] when order_lines.order_date
-- @missing amount[rule=outside_window] when returns.refund_amount
-- @missing cases[rule=duplicate_refund] when returns.refund_amount
-- @missing cases[rule=duplicate_refund] when order_lines.quantity
-- @missing amount[rule=duplicate_refund] when returns.refund_amount
-- @missing amount[rule=duplicate_refund] when order_lines.quantity
-- @missing cases[rule=quantity_above_ordered] when order_lines.quantity
-- @missing amount[rule=quantity_above_ordered] when order_lines.quantity
-- @missing amount[rule=quantity_above_ordered] when order_lines.unit_price
-- @missing cases[rule=label_above_value] when returns.label_cost
-- @missing cases[rule=label_above_value] when order_lines.unit_price
-- @missing amount[rule=label_above_value] when returns.label_cost
-- @missing amount[rule=label_above_value] when order_lines.unit_price
-- @output rule : rule code
-- @output description : what the rule flags, in plain words
-- @output cases : returns flagged (order lines for quantity_above_ordered); NULL when the rule cannot run
-- @output amount : money at stake in the flagged cases; NULL when the rule cannot run or the data has no values for the amount (no refund amounts at all: "not in the data", never 0)
-- @output status : 'ok', or 'needs ...' naming the empty columns the rule needs to find its cases
-- @output example_ids : up to 5 return_ids of flagged cases, comma-separated, for drill-down
WITH cases AS (
  -- one row per flagged case (queries/schema/leakage_rules.sql)
  SELECT * FROM leakage_case_rows($basis, $date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), present AS (
  -- columns holding at least one value in the loaded data
  SELECT list(col) FILTER (WHERE n > 0) AS cols FROM (
    UNPIVOT (
      SELECT
        count(refund_amount) AS "returns.refund_amount",
        count(received_at) AS "returns.received_at",
        count(refunded_at) AS "returns.refunded_at",
        count(requested_at) AS "returns.requested_at",
        count(label_cost) AS "returns.label_cost",
        (SELECT count(unit_price) FROM lines_enriched) AS "order_lines.unit_price",
        (SELECT count(quantity) FROM lines_enriched) AS "order_lines.quantity",
        (SELECT count(order_date) FROM lines_enriched) AS "order_lines.order_date"
      FROM returns_enriched
    ) ON COLUMNS(*) INTO NAME col VALUE n
  )
), window_days AS (
  SELECT assumption('return_window_days') AS days
), found AS (
  -- example ids: largest amount first; ties by return_id (return rules) or by order line
  -- (quantity_above_ordered, whose case lists all the line's returns)
  SELECT rule_order AS ord, count(*) AS cases, coalesce(sum(amount), 0) AS amount,
    array_to_string(list_slice(flatten(list(return_ids
      ORDER BY amount DESC, CASE WHEN return_id IS NULL THEN order_id END,
               CASE WHEN return_id IS NULL THEN line_id END, return_id)), 1, 5), ',') AS example_ids
  FROM cases GROUP BY rule_order
), rules AS (
  SELECT * FROM (VALUES
    (1, 'refund_above_price',
     'Refund larger than what was paid for the returned units (quantity × unit price of the order line, plus one cent). Amount: the excess.',
     ['returns.refund_amount', 'order_lines.unit_price'], []),
    (2, 'refund_before_receipt',
     'Refund issued before the item reached the warehouse (may be a deliberate instant-refund policy). Amount: the refund.',
     ['returns.refunded_at', 'returns.received_at'], ['returns.refund_amount']),
    (3, 'refund_without_return',
     'Refund issued but the item was never recorded as received (a "keep it" refund or a missed receipt scan). Amount: the refund.',
     ['returns.refunded_at', 'returns.received_at'], ['returns.refund_amount']),
    (4, 'outside_window',
     'Return accepted although requested more than {window} days after delivery (after the order date when delivery is unknown). Amount: the refund.',
     ['returns.requested_at', 'order_lines.order_date'], ['returns.refund_amount']),
    (5, 'duplicate_refund',
     'Order line refunded more than once for more units than it had. Cases: the refunds after the first one; amount: those refunds.',
     ['returns.refund_amount', 'order_lines.quantity'], []),
    (6, 'quantity_above_ordered',
     'Order line with more units returned (accepted returns) than it sold. Cases: order lines; amount: excess units × unit price.',
     ['order_lines.quantity'], ['order_lines.unit_price']),
    (7, 'label_above_value',
     'Return label cost more than the returned item was worth (quantity × unit price). Amount: label cost minus item value.',
     ['returns.label_cost', 'order_lines.unit_price'], [])
  ) AS t(ord, rule, description, needs, amount_needs)
), judged AS (
  SELECT r.ord, r.rule,
    replace(r.description, '{window}', printf('%g', w.days)) AS description,
    list_filter(r.needs, lambda c: NOT list_contains(coalesce(p.cols, []), c)) AS missing,
    list_filter(r.needs || r.amount_needs, lambda c: NOT list_contains(coalesce(p.cols, []), c)) AS amount_missing,
    f.cases, f.amount, f.example_ids
  FROM rules r CROSS JOIN present p CROSS JOIN window_days w
  LEFT JOIN found f ON f.ord = r.ord
)
SELECT
  rule, description,
  CASE WHEN len(missing) = 0 THEN coalesce(cases, 0) END AS cases,
  CASE WHEN len(amount_missing) = 0 THEN coalesce(amount, 0.0) END AS amount,
  CASE WHEN len(missing) = 0 THEN 'ok' ELSE 'needs ' || array_to_string(missing, ', ') END AS status,
  CASE WHEN len(missing) = 0 THEN example_ids END AS example_ids
FROM judged
ORDER BY ord;
