-- stage_times: how long each step of the return process takes, against its target (SLA).
-- Always five rows, in process order: request → approval → receipt at the warehouse →
-- inspection → refund, then request → refund end to end. Each row measures the returns of
-- the selection that carry BOTH timestamps of the stage; durations are fractional days.
-- A duration below zero (end stamped before start) is a data error: it is counted in
-- `negative` and left out of the median, the 90th percentile and the breach count.
-- Rejected returns are included: the time spent handling them was spent all the same.
-- `breach_rate` = breaches / (returns − negative), i.e. among the valid durations.
-- `open` counts returns that reached the start of the stage but not its end (rejected ones
-- excluded, they will never get there); it is a snapshot at the time of the export.
-- When a column of the stage holds no value at all in the imported returns, the stage cannot
-- be measured: `note` says which column is needed ('needs returns.approved_at'), `returns`,
-- `breaches` and `negative` are 0 and `open` is NULL (it would otherwise count every return).
-- The carrier filter here means the RETURN leg: the carrier that brought the return back
-- (returns.return_carrier), whose transit is the approve → receive stage, not the outbound
-- carrier the filter means on every other page. A return with no return carrier is then out of
-- a carrier-filtered view. An import that names no return carrier at all has only the outbound
-- one to go by: the filter then means the outbound carrier, and carrier_leg says which.
-- @filters
-- @requires returns.requested_at
-- @output stage : request_to_approve, approve_to_receive, receive_to_inspect, inspect_to_refund or request_to_refund
-- @output stage_order : 1 to 5, process order
-- @output from_column : returns column the stage starts at
-- @output to_column : returns column the stage ends at
-- @output returns : returns of the selection with both timestamps (negative durations included)
-- @output median_days : median duration in days (valid durations only)
-- @output p90_days : 90th percentile duration in days (interpolated; valid durations only)
-- @output sla_days : target duration (assumption sla_days_<stage>)
-- @output breaches : valid durations longer than the target
-- @output breach_rate : breaches / valid durations
-- @output open : returns with the start timestamp but not the end one, rejected excluded (NULL when the stage cannot be measured)
-- @output negative : durations below zero (end before start): data errors, excluded from the statistics
-- @output note : 'needs returns.<column>' when a column of the stage is empty in the whole import, else NULL
-- @output carrier_leg : what the carrier filter selects on: 'return' (returns.return_carrier) or 'outbound' (the import names no return carrier)
WITH leg AS (
  SELECT CASE WHEN count(return_carrier) > 0 THEN 'return' ELSE 'outbound' END AS carrier_leg FROM returns
), rets AS (
  SELECT r.* FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier,
    CASE WHEN (SELECT carrier_leg FROM leg) = 'outbound' THEN $carrier END, $sku, $reason) r
  WHERE (SELECT carrier_leg FROM leg) = 'outbound' OR in_list($carrier, r.return_carrier)
), stages(stage, stage_order, from_column, to_column, sla_days) AS (
  VALUES
    ('request_to_approve', 1, 'requested_at', 'approved_at', assumption('sla_days_request_approve')),
    ('approve_to_receive', 2, 'approved_at', 'received_at', assumption('sla_days_approve_receive')),
    ('receive_to_inspect', 3, 'received_at', 'inspected_at', assumption('sla_days_receive_inspect')),
    ('inspect_to_refund', 4, 'inspected_at', 'refunded_at', assumption('sla_days_inspect_refund')),
    ('request_to_refund', 5, 'requested_at', 'refunded_at', assumption('sla_days_request_refund'))
), presence AS (
  -- Whole import, not the selection: "no value at all" means the export lacks the column.
  SELECT * FROM (
    SELECT count(requested_at) AS requested_at, count(approved_at) AS approved_at,
           count(received_at) AS received_at, count(inspected_at) AS inspected_at,
           count(refunded_at) AS refunded_at
    FROM returns
  ) UNPIVOT (non_null FOR column_name IN (requested_at, approved_at, received_at, inspected_at, refunded_at))
), notes AS (
  SELECT s.stage,
    'needs ' || string_agg('returns.' || p.column_name, ', ' ORDER BY p.column_name = s.to_column) AS note
  FROM stages s
  JOIN presence p ON p.column_name IN (s.from_column, s.to_column) AND p.non_null = 0
  GROUP BY s.stage
), stamps AS (
  SELECT s.stage, s.sla_days, r.resolution,
    CASE s.from_column WHEN 'requested_at' THEN r.requested_at WHEN 'approved_at' THEN r.approved_at
      WHEN 'received_at' THEN r.received_at WHEN 'inspected_at' THEN r.inspected_at END AS t_from,
    CASE s.to_column WHEN 'approved_at' THEN r.approved_at WHEN 'received_at' THEN r.received_at
      WHEN 'inspected_at' THEN r.inspected_at WHEN 'refunded_at' THEN r.refunded_at END AS t_to
  FROM stages s CROSS JOIN rets r
), durations AS (
  SELECT stage, sla_days, resolution, t_from, t_to,
    CASE WHEN t_from IS NOT NULL AND t_to IS NOT NULL THEN days_between(t_from, t_to) END AS days
  FROM stamps
), agg AS (
  SELECT stage,
    count(days) AS returns,
    count(*) FILTER (WHERE days < 0) AS negative,
    median(days) FILTER (WHERE days >= 0) AS median_days,
    quantile_cont(days, 0.9) FILTER (WHERE days >= 0) AS p90_days,
    count(*) FILTER (WHERE days >= 0 AND days > sla_days) AS breaches,
    count(*) FILTER (WHERE t_from IS NOT NULL AND t_to IS NULL
                       AND resolution IS DISTINCT FROM 'rejected') AS open
  FROM durations
  GROUP BY stage
)
SELECT
  s.stage, s.stage_order, s.from_column, s.to_column,
  coalesce(a.returns, 0) AS returns,
  a.median_days, a.p90_days,
  s.sla_days,
  coalesce(a.breaches, 0) AS breaches,
  safe_div(coalesce(a.breaches, 0), coalesce(a.returns, 0) - coalesce(a.negative, 0)) AS breach_rate,
  CASE WHEN n.note IS NULL THEN coalesce(a.open, 0) END AS open,
  coalesce(a.negative, 0) AS negative,
  n.note,
  l.carrier_leg
FROM stages s
LEFT JOIN agg a USING (stage)
LEFT JOIN notes n USING (stage)
CROSS JOIN leg l
ORDER BY s.stage_order;
