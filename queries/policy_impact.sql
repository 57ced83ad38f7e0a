-- policy_impact: effect of a returns-policy change, and what a stricter policy would save
-- Long format, one row per metric, in a fixed order: 7 'before_after' rows, 5 'what_if' rows,
-- then one 'assumption' row per assumption or setting the numbers rest on.
-- before_after compares orders placed before change_date with orders placed on or after it
-- (cohort view: a return belongs to the period of its order; a return with no known order is
-- dated by its request date). Returns whose resolution is 'rejected' were refused: they are
-- left out of units, rates and costs, but they are requests, so they count in
-- median_days_order_to_request. Recent orders may still be returned, so the 'after' rates can
-- still rise as returns arrive. When change_date is not set the seven rows are still there,
-- with NULL numbers and the note 'set change_date'.
-- net_cost_per_order = (refund + label + handling − recovery) / orders, as specified for this
-- view (inspection cost is left out; cost_of_returns has the full breakdown); handling =
-- accepted returns × assumption handling_cost_per_return; recovery = reported recovery value,
-- else estimated from the disposition × unit cost × recovery_rate_<disposition>.
-- what_if covers the whole selection (no before/after split), over accepted returns:
--   returns_outside_window: requested more than window_days calendar days after delivery
--     (after the order date when there is no delivery date; returns with neither date are
--     never outside). window_days not set = assumption return_window_days.
--   refunds_saved_by_window: the refunds of those returns (their labels and handling are not
--     counted: a conservative figure).
--   restocking_fee_revenue: refund_amount × restocking_fee_pct / 100 over refunded
--     (refund_amount > 0) customer-fault returns that the window still allows.
--   label_costs_shifted: label_cost of customer-fault returns that the window still allows,
--     when paid_returns is true (else 0).
--   total_saved: the sum of the three money figures. Returns the window forbids are left out
--     of the fee and label figures so no return is counted twice.
-- No change in customer behaviour is assumed (see the assumption rows).
-- Date basis: none, on purpose. A returns policy applies to orders (the window runs from
-- delivery, the change splits orders by their order date) and every figure here is per order,
-- so the dates are order dates whatever the view's basis ('refund' dates money by when it moved
-- in kpis, cost_of_returns, retained_revenue and leakage; a what-if about orders has no cash date).
-- Missing is not zero: when the loaded data has no refund amounts at all, refund_per_order,
-- refunds_saved_by_window and restocking_fee_revenue are NULL ("not in the data"), never 0;
-- with no label costs at all, label_costs_shifted is NULL (whether or not paid_returns is on:
-- the labels are unknown), and so is total_saved when either is missing: a total of the parts
-- the data has would read "$0 saved" when only the labels (off by default) are known.
-- net_cost_per_order is NULL without refund amounts too (the bulk of what a return costs:
-- labels + handling − recovery alone came out negative on the demo); without label costs or
-- recovery values it adds up the parts the data has and its note names the parts left out,
-- the rule of cost_of_returns. Single returns without a refund or label amount in data that
-- has them elsewhere count 0, as before.
-- @filters
-- @param change_date date = null : date the policy changed (orders before vs on or after it)
-- @param window_days number = null : what-if return window in days (empty = assumption return_window_days)
-- @param restocking_fee_pct number = 0 : what-if restocking fee, % of the refund, on customer-fault returns
-- @param paid_returns bool = false : what-if: customers pay the return label of customer-fault returns
-- @requires order_lines.order_id
-- @requires returns.return_id
-- @missing before[metric=refund_per_order] when returns.refund_amount
-- @missing after[metric=refund_per_order] when returns.refund_amount
-- @missing delta[metric=refund_per_order] when returns.refund_amount
-- @missing before[metric=net_cost_per_order] when returns.refund_amount
-- @missing after[metric=net_cost_per_order] when returns.refund_amount
-- @missing delta[metric=net_cost_per_order] when returns.refund_amount
-- @missing value[metric=refunds_saved_by_window] when returns.refund_amount
-- @missing value[metric=restocking_fee_revenue] when returns.refund_amount
-- @missing value[metric=label_costs_shifted] when returns.label_cost
-- @missing value[metric=total_saved] when returns.refund_amount
-- @missing value[metric=total_saved] when returns.label_cost
-- @output section : 'before_after', 'what_if' or 'assumption'
-- @output metric : metric name (before_after, what_if) or assumption / setting name
-- @output before : before_after: value for orders placed before change_date
-- @output after : before_after: value for orders placed on or after change_date
-- @output delta : before_after: after − before
-- @output value : what_if: money or count over the selection; assumption: the value used (bools as 1/0)
-- @output note : what the number means, in plain words ('set change_date' when it is not set)
WITH lines AS (
  SELECT * FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  -- only the columns read below: read three times, this is materialized first, every column it names
  SELECT order_id, order_date, cohort_date, requested_at, delivered_at, quantity, reason, fault, resolution,
    refund_amount, label_cost, recovery_value
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), p AS (
  SELECT
    CAST($change_date AS DATE) AS change_date,
    coalesce(CAST($window_days AS DOUBLE), assumption('return_window_days')) AS window_days,
    CAST($window_days AS DOUBLE) IS NULL AS window_from_assumption,
    coalesce(CAST($restocking_fee_pct AS DOUBLE), 0) AS fee_pct,
    coalesce(CAST($paid_returns AS BOOLEAN), false) AS paid_returns,
    assumption('handling_cost_per_return') AS handling,
    -- what the loaded data has at all (not only the selection): a part it lacks is unknown
    has_values('returns.refund_amount') AS has_refunds,
    has_values('returns.label_cost') AS has_labels,
    recovery_in_data() AS has_recovery
), left_out AS (
  -- the cost parts the data has no values for, for the notes ('' when none)
  SELECT
    -- (net cost is NULL without refunds: only labels and recovery can be left out of it)
    concat_ws(', ', CASE WHEN NOT has_labels THEN 'label costs' END, CASE WHEN NOT has_recovery THEN 'recovery values' END) AS net_cost,
    concat_ws(', ', CASE WHEN NOT has_refunds THEN 'refund amounts' END, CASE WHEN NOT has_labels THEN 'label costs' END) AS saved
  FROM p
), periods AS (
  SELECT * FROM (VALUES ('before'), ('after')) AS t(period)
), line_orders AS (
  -- one row per order (lines of one order share its date), with its period
  SELECT order_id,
    CASE WHEN min(order_date) < any_value(p.change_date) THEN 'before'
         WHEN min(order_date) >= any_value(p.change_date) THEN 'after' END AS period,
    sum(quantity) AS units_sold
  FROM lines, p GROUP BY order_id
), returned_orders AS (
  SELECT DISTINCT order_id FROM rets WHERE resolution IS DISTINCT FROM 'rejected' AND order_id IS NOT NULL
), order_stats AS (
  SELECT o.period, count(*) AS orders, sum(o.units_sold) AS units_sold, count(r.order_id) AS orders_returned
  FROM line_orders o LEFT JOIN returned_orders r ON r.order_id = o.order_id
  GROUP BY o.period
), rets_p AS (
  SELECT r.*,
    CASE WHEN r.cohort_date < p.change_date THEN 'before' WHEN r.cohort_date >= p.change_date THEN 'after' END AS period
  FROM rets r, p
), return_stats AS (
  SELECT period,
    sum(quantity) FILTER (WHERE accepted) AS units_returned,
    coalesce(sum(refund_amount) FILTER (WHERE accepted), 0) AS refund,
    coalesce(sum(label_cost) FILTER (WHERE accepted), 0) AS label,
    count(*) FILTER (WHERE accepted) AS accepted_returns,
    coalesce(sum(recovery_value) FILTER (WHERE accepted), 0) AS recovery,
    coalesce(sum(quantity) FILTER (WHERE accepted AND reason = 'changed_mind'), 0) AS changed_mind_units,
    median(days_between(order_date, requested_at)) AS median_days
  FROM (SELECT *, resolution IS DISTINCT FROM 'rejected' AS accepted FROM rets_p)
  GROUP BY period
), per_period AS (
  SELECT pr.period,
    CAST(coalesce(o.orders, 0) AS DOUBLE) AS orders,
    safe_div(coalesce(r.units_returned, 0), o.units_sold) AS unit_return_rate,
    safe_div(coalesce(o.orders_returned, 0), o.orders) AS order_return_rate,
    CASE WHEN p.has_refunds THEN safe_div(coalesce(r.refund, 0), o.orders) END AS refund_per_order,
    CASE WHEN p.has_refunds THEN safe_div(coalesce(r.refund, 0) + coalesce(r.label, 0) + coalesce(r.accepted_returns, 0) * p.handling
             - coalesce(r.recovery, 0), o.orders) END AS net_cost_per_order,
    safe_div(r.changed_mind_units, r.units_returned) AS changed_mind_share,
    r.median_days AS median_days_order_to_request
  FROM periods pr CROSS JOIN p
  LEFT JOIN order_stats o ON o.period = pr.period
  LEFT JOIN return_stats r ON r.period = pr.period
  WHERE p.change_date IS NOT NULL
), long_period AS (
  SELECT period,
    unnest([1, 2, 3, 4, 5, 6, 7]) AS ord,
    unnest([orders, unit_return_rate, order_return_rate, refund_per_order, net_cost_per_order,
            changed_mind_share, median_days_order_to_request]) AS v
  FROM per_period
), before_after AS (
  SELECT m.ord, 'before_after' AS section, m.metric,
    max(l.v) FILTER (WHERE l.period = 'before') AS before,
    max(l.v) FILTER (WHERE l.period = 'after') AS after,
    CAST(NULL AS DOUBLE) AS value,
    CASE WHEN any_value(p.change_date) IS NULL THEN 'set change_date'
         ELSE replace(any_value(m.note), '{date}', strftime(any_value(p.change_date), '%Y-%m-%d'))
           || CASE WHEN m.metric = 'net_cost_per_order' AND any_value(p.has_refunds) AND any_value(x.net_cost) <> ''
                THEN ' (not in the data, left out: ' || any_value(x.net_cost) || ')' ELSE '' END END AS note
  FROM (VALUES
    (1, 'orders', 'orders placed before {date} vs on or after it (recent orders may still be returned)'),
    (2, 'unit_return_rate', 'units on accepted returns / units sold'),
    (3, 'order_return_rate', 'share of orders with at least one accepted return'),
    (4, 'refund_per_order', 'refunds of accepted returns / orders'),
    (5, 'net_cost_per_order', 'refund + return label + handling − recovery value, per order'),
    (6, 'changed_mind_share', 'share of returned units whose reason is changed_mind'),
    (7, 'median_days_order_to_request', 'median days from order to return request (all requests, rejected included)')
  ) AS m(ord, metric, note)
  CROSS JOIN p CROSS JOIN left_out x
  LEFT JOIN long_period l ON l.ord = m.ord
  GROUP BY m.ord, m.metric
), judged AS (
  -- accepted returns of the whole selection, judged against the what-if window
  SELECT coalesce(refund_amount, 0) AS refund, coalesce(label_cost, 0) AS label,
    fault = 'customer' AS customer_fault,
    coalesce(date_diff('day', CAST(coalesce(delivered_at, order_date) AS DATE), CAST(requested_at AS DATE))
             > p.window_days, false) AS outside
  FROM rets, p
  WHERE resolution IS DISTINCT FROM 'rejected'
), what_if_values AS (
  SELECT
    count(*) FILTER (WHERE outside) AS returns_outside_window,
    CASE WHEN any_value(p.has_refunds) THEN coalesce(sum(refund) FILTER (WHERE outside), 0) END AS refunds_saved,
    CASE WHEN any_value(p.has_refunds) THEN coalesce(sum(refund) FILTER (WHERE NOT outside AND customer_fault AND refund > 0), 0)
      * any_value(p.fee_pct) / 100 END AS fee_revenue,
    CASE WHEN NOT any_value(p.has_labels) THEN NULL WHEN any_value(p.paid_returns)
      THEN coalesce(sum(label) FILTER (WHERE NOT outside AND customer_fault), 0) ELSE 0 END AS labels_shifted
  FROM p LEFT JOIN judged ON true
), what_if AS (
  SELECT 7 + ord AS ord, 'what_if' AS section, metric, v AS value, note
  FROM (
    SELECT
      unnest([1, 2, 3, 4, 5]) AS ord,
      unnest(['returns_outside_window', 'refunds_saved_by_window', 'restocking_fee_revenue',
              'label_costs_shifted', 'total_saved']) AS metric,
      unnest([CAST(w.returns_outside_window AS DOUBLE), w.refunds_saved, w.fee_revenue, w.labels_shifted,
              w.refunds_saved + w.fee_revenue + w.labels_shifted]) AS v,
      unnest([
        'accepted returns requested more than ' || printf('%g', p.window_days)
          || ' days after delivery (after the order date when there is no delivery date)',
        'refunds of those returns, which the window would have refused (their labels and handling not counted)',
        printf('%g', p.fee_pct) || '% of the refund on refunded customer-fault returns the window still allows',
        CASE WHEN p.paid_returns
          THEN 'return labels of customer-fault returns the window still allows, paid by the customer instead'
          ELSE 'customers do not pay return labels in this what-if: the merchant keeps paying them' END,
        'refunds saved + restocking fees + labels shifted'
          || CASE WHEN x.saved <> '' THEN ' (not in the data: ' || x.saved || ')' ELSE '' END]) AS note
    FROM what_if_values w, p, left_out x
  )
), assumption_rows AS (
  SELECT 12 + ord AS ord, 'assumption' AS section, metric, v AS value, note
  FROM (
    SELECT
      unnest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) AS ord,
      unnest(['window_days', 'restocking_fee_pct', 'paid_returns', 'handling_cost_per_return',
              'recovery_rate_restock', 'recovery_rate_refurbish', 'recovery_rate_liquidate',
              'recovery_rate_return_to_vendor', 'recovery_rate_dispose', 'customer_behaviour',
              'fault']) AS metric,
      unnest([p.window_days, p.fee_pct, CASE WHEN p.paid_returns THEN 1.0 ELSE 0.0 END, p.handling,
              assumption('recovery_rate_restock'), assumption('recovery_rate_refurbish'),
              assumption('recovery_rate_liquidate'), assumption('recovery_rate_return_to_vendor'),
              assumption('recovery_rate_dispose'), NULL, NULL]) AS v,
      unnest([
        CASE WHEN p.window_from_assumption
          THEN 'what-if return window in days: no what-if window set, so the return window assumption'
          ELSE 'what-if return window in days, as set here (the return window assumption is '
               || printf('%g', assumption('return_window_days')) || ' days)' END,
        'what-if restocking fee, % of the refund; refunds are taken as recorded (a fee charged today, the restocking fee assumption of '
          || printf('%g', assumption('restocking_fee_pct')) || '%, is already inside them: enter the extra points)',
        'what-if: whether customers pay the return label of customer-fault returns (yes) or the merchant does (no)',
        'handling cost per accepted return, in the net cost per order',
        'share of unit cost recovered when restocked and no recovery value is reported',
        'share of unit cost recovered after refurbishing, when no recovery value is reported',
        'share of unit cost recovered when liquidated, when no recovery value is reported',
        'share of unit cost credited by the supplier, when no recovery value is reported',
        'share of unit cost recovered when disposed, when no recovery value is reported',
        'no change in customer behaviour assumed: returns that a shorter window would forbid are counted as saved refunds, and fees or paid labels do not make customers return less',
        'fees and paid labels apply only to customer-fault reasons (see the reason taxonomy); supplier, merchant and carrier faults stay free']) AS note
    FROM p
  )
), all_rows AS (
  SELECT ord, section, metric, before, after, after - before AS delta, value, note FROM before_after
  UNION ALL
  SELECT ord, section, metric, NULL, NULL, NULL, value, note FROM what_if
  UNION ALL
  SELECT ord, section, metric, NULL, NULL, NULL, value, note FROM assumption_rows
)
SELECT section, metric, before, after, delta, value, note
FROM all_rows
ORDER BY ord;
