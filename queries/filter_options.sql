-- filter_options: the values a global filter can take, for the filter bar's lists.
-- Over ALL the data (no filters), so choosing one channel does not hide the others. Missing
-- values ('(unknown)' in lines_enriched) are left out: a filter cannot select a missing value.
-- Alphabetical, case-insensitive, then as written.
-- @param dim enum(channel|region|category|supplier|carrier) = channel : which filter's values
-- @requires order_lines.channel when dim=channel
-- @requires order_lines.region when dim=region
-- @requires products.category when dim=category
-- @requires products.supplier when dim=supplier
-- @requires shipments.carrier when dim=carrier
-- @output value : a value of the dimension
-- @output order_lines : order lines with that value (for a hint next to the value)
SELECT value, count(*) AS order_lines
FROM (
  SELECT CASE $dim
      WHEN 'channel' THEN channel
      WHEN 'region' THEN region
      WHEN 'category' THEN category
      WHEN 'supplier' THEN supplier
      WHEN 'carrier' THEN carrier
    END AS value
  FROM lines_enriched
)
WHERE value IS NOT NULL AND value <> '(unknown)'
GROUP BY value
ORDER BY lower(value), value;
