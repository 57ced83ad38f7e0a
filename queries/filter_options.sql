-- filter_options: the values a global filter can take, for the filter bar's lists.
-- Over ALL the data (no filters), so choosing one channel does not hide the others. Missing
-- values ('(unknown)' in lines_enriched) are left out: a filter cannot select a missing value.
-- Alphabetical, case-insensitive, then as written. The counts are worked out once per load
-- (filter_values in schema/derive.sql).
-- @param dim enum(channel|region|category|supplier|carrier) = channel : which filter's values
-- @requires order_lines.channel when dim=channel
-- @requires order_lines.region when dim=region
-- @requires products.category when dim=category
-- @requires products.supplier when dim=supplier
-- @requires shipments.carrier when dim=carrier
-- @output value : a value of the dimension
-- @output order_lines : order lines with that value (for a hint next to the value)
SELECT value, order_lines
FROM filter_values
WHERE dim = $dim AND value IS NOT NULL AND value <> '(unknown)'
ORDER BY lower(value), value;
