-- customer_return_distribution: how customers spread over unit return rates (histogram) or over segments
-- dim = rate: exactly 11 rows, always present, in this order: customers who returned nothing
-- ('0%'), then ten buckets of the unit return rate, each including its upper bound: '0-10%'
-- holds rates above 0 up to 0.10, '10-20%' above 0.10 up to 0.20 ... '90-100%' above 0.90
-- (rates above 1, more units back than sold, are put in '90-100%'). Customers without units
-- bought in the selection have no rate and are left out of dim = rate.
-- dim = segment: exactly 4 rows, always present: 'serial returner', 'frequent returner',
-- 'regular', 'few orders', with the thresholds serial_rate_low and min_orders (see
-- customer_returns for what each segment means).
-- Customers are the customer ids of the filtered order lines; their rows, rates and segments
-- come from customer_return_rows (queries/schema/abuse_rules.sql), the same rows as
-- customer_returns, so the counts here add up to its total_rows (dim = segment) and the money
-- to its columns. Accepted returns only in units_returned and refund_amount (rejected ones were
-- refused). Needs customer ids on the order lines, and returns that name their order (else
-- returns cannot be attributed to customers). Customer ids are personal data; this model
-- shows none.
-- @filters
-- @param dim enum(rate|segment) = rate : group customers by unit return rate bucket or by segment
-- @param serial_rate_low number = 0.5 : serial returner when the low end of the unit return rate's 95% interval is above this
-- @param min_orders number = 5 : orders a customer needs before being judged (segments other than 'few orders')
-- @requires order_lines.customer_id returns.order_id
-- @output bucket : '0%', '0-10%' ... '90-100%' (dim = rate) or the segment name (dim = segment)
-- @output rate_from : lower bound of the bucket's unit return rate, excluded except for '0%' (NULL for segments)
-- @output rate_to : upper bound of the bucket's unit return rate, included (NULL for segments)
-- @output customers : customers in the bucket
-- @output share_of_customers : customers / all customers of this dim's rows
-- @output units_bought : units those customers bought
-- @output units_returned : units they returned (accepted returns)
-- @output unit_return_rate : units_returned / units_bought of the bucket (NULL without purchases)
-- @missing refund_amount when returns.refund_amount
-- @missing net_revenue when returns.refund_amount
-- @output refund_amount : money refunded or credited to them on accepted returns; NULL ("not in the data") when the loaded data has no refund amount
-- @output net_revenue : their gross sales − refund_amount; NULL when refund_amount is
WITH customers AS (
  -- join key: the rate bucket number (0 = nothing returned, k = rate in ((k-1)/10, k/10]) or the
  -- segment; customers without units bought have no bucket
  SELECT *,
    CASE WHEN $dim = 'segment' THEN segment
         WHEN units_bought > 0 AND units_returned = 0 THEN '0'
         WHEN units_bought > 0 THEN
           -- CASE, not least(): several times cheaper in DuckDB-WASM (see wilson_share)
           CAST(CAST(CASE WHEN units_returned >= units_bought THEN 10 ELSE ceil(CAST(10 * units_returned AS DOUBLE) / units_bought) END AS INTEGER) AS VARCHAR)
    END AS bucket_key
  FROM customer_return_rows($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason,
                            $serial_rate_low, $min_orders)
), buckets AS (
  SELECT * FROM (VALUES
    (0, '0%', 0.0, 0.0, NULL),
    (1, '0-10%', 0.0, 0.1, NULL), (2, '10-20%', 0.1, 0.2, NULL), (3, '20-30%', 0.2, 0.3, NULL),
    (4, '30-40%', 0.3, 0.4, NULL), (5, '40-50%', 0.4, 0.5, NULL), (6, '50-60%', 0.5, 0.6, NULL),
    (7, '60-70%', 0.6, 0.7, NULL), (8, '70-80%', 0.7, 0.8, NULL), (9, '80-90%', 0.8, 0.9, NULL),
    (10, '90-100%', 0.9, 1.0, NULL),
    (11, 'serial returner', NULL, NULL, 'serial returner'), (12, 'frequent returner', NULL, NULL, 'frequent returner'),
    (13, 'regular', NULL, NULL, 'regular'), (14, 'few orders', NULL, NULL, 'few orders')
  ) AS t(ord, bucket, rate_from, rate_to, segment)
  WHERE (ord <= 10) = ($dim = 'rate')
), keyed AS (
  SELECT *, CASE WHEN ord <= 10 THEN CAST(ord AS VARCHAR) ELSE segment END AS bucket_key FROM buckets
), grouped AS (
  SELECT b.ord, b.bucket, b.rate_from, b.rate_to,
    count(c.customer_id) AS customers,
    coalesce(sum(c.units_bought), 0) AS units_bought,
    coalesce(sum(c.units_returned), 0) AS units_returned,
    coalesce(sum(c.refund_amount), 0) AS refund_amount,
    coalesce(sum(c.net_revenue), 0) AS net_revenue
  FROM keyed b
  LEFT JOIN customers c ON c.bucket_key = b.bucket_key
  GROUP BY b.ord, b.bucket, b.rate_from, b.rate_to
)
SELECT
  bucket,
  CAST(rate_from AS DOUBLE) AS rate_from,
  CAST(rate_to AS DOUBLE) AS rate_to,
  CAST(customers AS BIGINT) AS customers,
  safe_div(customers, sum(customers) OVER ()) AS share_of_customers,
  CAST(units_bought AS BIGINT) AS units_bought,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(units_returned, units_bought) AS unit_return_rate,
  if_present('returns.refund_amount', CAST(refund_amount AS DOUBLE)) AS refund_amount,
  if_present('returns.refund_amount', CAST(net_revenue AS DOUBLE)) AS net_revenue
FROM grouped
ORDER BY ord;
