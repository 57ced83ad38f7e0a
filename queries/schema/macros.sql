-- Shared helpers the models call. Defined once here so every model computes a rate,
-- an interval or a filter the same way.

-- assumption(key): the current value of a business assumption (see the assumptions table).
CREATE OR REPLACE MACRO assumption(k) AS (SELECT a.value FROM assumptions a WHERE a.key = k);

-- safe_div(a, b): a / b, NULL (not an error, not infinity) when b is 0 or NULL.
CREATE OR REPLACE MACRO safe_div(a, b) AS CASE WHEN b IS NULL OR b = 0 THEN NULL ELSE a / b END;

-- Wilson score interval (95%, z = 1.96) for x successes out of n trials.
-- Used instead of the raw rate wherever ranking by a rate, so that 2 returns out of 3 sales
-- does not look worse than 600 out of 2,000: the interval is wide when n is small.
-- wilson_share(x, n): the share x / n, with x counted as n when larger or NULL (a share above
-- 1 has no interval). wilson_bound(p, n, side): the interval's low (side -1) or high (side +1)
-- end for share p of n, unclamped. wilson_low / wilson_high keep it within [0, 1] against
-- rounding. Written with CASE rather than least() and greatest(), which DuckDB-WASM runs several
-- times slower (~60 ns a row each against ~5): eight calls per row took ~90 of the ~450 ms the
-- Customers page's 166,730 customer rows cost at 1M order lines.
CREATE OR REPLACE MACRO wilson_share(x, n) AS CASE WHEN x < n THEN x ELSE n END / n;
CREATE OR REPLACE MACRO wilson_bound(p, n, side) AS
  (p + 1.9208 / n + side * 1.96 * sqrt(p * (1 - p) / n + 0.9604 / (n * n))) / (1 + 3.8416 / n);
CREATE OR REPLACE MACRO wilson_low(x, n) AS CASE WHEN n IS NULL OR n <= 0 THEN NULL
  WHEN wilson_bound(wilson_share(x, n), n, -1) < 0 THEN 0.0
  ELSE wilson_bound(wilson_share(x, n), n, -1) END;
CREATE OR REPLACE MACRO wilson_high(x, n) AS CASE WHEN n IS NULL OR n <= 0 THEN NULL
  WHEN wilson_bound(wilson_share(x, n), n, 1) > 1 THEN 1.0
  ELSE wilson_bound(wilson_share(x, n), n, 1) END;

-- Measuring a count against a baseline rate, one definition for every ranking (return_rate_by,
-- product_sizes, sku_profile, review_signals): k events (returned units, low ratings) out of
-- n (units sold, reviews), against the rate the baseline predicts.
-- excess_over(k, n, rate): k − n × rate, what the baseline does not explain, in the units of k:
-- a share weighed by its volume (1 of 1 is not worse than 40 of 100). NULL when n is 0 or NULL
-- (nothing to measure) or the rate is unknown.
CREATE OR REPLACE MACRO excess_over(k, n, rate) AS CASE WHEN n > 0 THEN k - n * rate END;
-- clearly_above(k, n, rate): whether k of n is above the rate beyond chance, i.e. the low end of
-- its 95% Wilson interval is above it; false (not proven) when n or the rate is unknown.
CREATE OR REPLACE MACRO clearly_above(k, n, rate) AS coalesce(wilson_low(k, n) > rate, false);

-- size_code(size): a size written the one way size_letter reads it: upper case, no spaces or
-- dashes, the words EXTRA / SMALL / MEDIUM / LARGE as X / S / M / L ('Extra Large' -> 'XL').
CREATE OR REPLACE MACRO size_code(size) AS
  replace(replace(replace(replace(replace(replace(upper(size), ' ', ''), '-', ''), 'EXTRA', 'X'), 'SMALL', 'S'), 'MEDIUM', 'M'), 'LARGE', 'L');

-- size_letter(size): a letter size's place around M (M 0, S −1, XS −2, XXS / 2XS −3, L 1, XL 2,
-- XXL / 2XL 3, XXXL / 3XL 4), NULL when the size is not a letter size.
CREATE OR REPLACE MACRO size_letter(size) AS (
  CASE WHEN size_code(size) = 'M' THEN 0
       WHEN regexp_full_match(size_code(size), '\d+X[SL]')
         THEN (CAST(regexp_extract(size_code(size), '^\d+') AS INTEGER) + 1) * CASE WHEN right(size_code(size), 1) = 'S' THEN -1 ELSE 1 END
       WHEN regexp_full_match(size_code(size), 'X*[SL]')
         THEN length(size_code(size)) * CASE WHEN right(size_code(size), 1) = 'S' THEN -1 ELSE 1 END
  END);

-- size_rank(size): the order a merchant reads sizes in, as a sort key (ORDER BY size_rank(size)).
-- Numeric sizes first, by value ('38' < '39' < '40' < '41.5'; a decimal comma '41,5' is 41.5);
-- then letter sizes, XXS < XS < S < M < L < XL < XXL < 3XL (size_letter); then any other size
-- alphabetically, case ignored ('One size', '38/40'); a missing size last. A catalogue's SKU
-- numbering need not follow this ('…-XL' may come before '…-XS').
CREATE OR REPLACE MACRO size_rank(size) AS {
  'kind': CASE WHEN size IS NULL THEN 3 WHEN TRY_CAST(replace(trim(size), ',', '.') AS DOUBLE) IS NOT NULL THEN 0
               WHEN size_letter(size) IS NOT NULL THEN 1 ELSE 2 END,
  'value': coalesce(TRY_CAST(replace(trim(size), ',', '.') AS DOUBLE), size_letter(size), 0),
  -- equal numeric / letter sizes ('41,5' and '41.5', 'XS' and 'extra small') tie: the caller's next key decides
  'text': CASE WHEN TRY_CAST(replace(trim(size), ',', '.') AS DOUBLE) IS NULL AND size_letter(size) IS NULL
               THEN coalesce(lower(size), '') ELSE '' END};

-- days_between(a, b): elapsed days from a to b, fractional (timestamps carry hours).
CREATE OR REPLACE MACRO days_between(a, b) AS (epoch(CAST(b AS TIMESTAMP)) - epoch(CAST(a AS TIMESTAMP))) / 86400.0;

-- orders_whole(p_by, p_category, p_supplier, p_sku): whether, under the view's filters, an order
-- whose lines share their date, channel and region (lines_enriched.order_uniform) passes with
-- all its lines or with none: no filter on a line's own product (category, supplier, SKU) and no
-- answer per one (`by`). The other filters (dates, channel, region, carrier) are the order's own.
CREATE OR REPLACE MACRO orders_whole(p_by, p_category, p_supplier, p_sku) AS
  p_category IS NULL AND p_supplier IS NULL AND p_sku IS NULL AND (p_by IS NULL OR p_by IN ('channel', 'region', 'carrier'));

-- distinct_orders(p_whole, order_key, order_uniform, order_first_line): count(DISTINCT order_key)
-- over the aggregated lines. When orders pass whole (p_whole, orders_whole above), a uniform
-- order is counted by its first line as a row, and only the other orders' keys are hashed (a
-- distinct count over a million lines was most of the order counts' time in DuckDB-WASM).
CREATE OR REPLACE MACRO distinct_orders(p_whole, order_key, order_uniform, order_first_line) AS
  count(*) FILTER (WHERE p_whole AND order_uniform AND order_first_line)
    + count(DISTINCT order_key) FILTER (WHERE NOT (p_whole AND order_uniform));

-- in_list(list, value): the dashboard's multi-select filters arrive as one string with the
-- values separated by chr(31) (prepared statements take no arrays). NULL list = no filter.
CREATE OR REPLACE MACRO in_list(list, value) AS
  list IS NULL OR list_contains(string_split(list, chr(31)), CAST(value AS VARCHAR));

-- dim_value_of(p_dim, ...a row's dimensions): the row's value of the dimension a ranking groups
-- by (return_rate_by's $dim): 'product' is the parent product (product_group, else the SKU).
CREATE OR REPLACE MACRO dim_value_of(p_dim, sku, product_group, category, supplier, carrier, region, channel) AS
  CASE p_dim WHEN 'sku' THEN sku WHEN 'product' THEN coalesce(product_group, sku) WHEN 'category' THEN category
    WHEN 'supplier' THEN supplier WHEN 'carrier' THEN carrier WHEN 'region' THEN region WHEN 'channel' THEN channel END;

-- by_value_of(p_by, ...dimensions): a row's value of the dimension named p_by, '' when p_by
-- is NULL (see filtered_lines_by in filters.sql).
CREATE OR REPLACE MACRO by_value_of(p_by, channel, region, category, supplier, carrier) AS
  CASE p_by WHEN 'channel' THEN channel WHEN 'region' THEN region WHEN 'category' THEN category
    WHEN 'supplier' THEN supplier WHEN 'carrier' THEN carrier ELSE '' END;

-- has_values(column): whether 'table.column' (a canonical column) holds at least one value in
-- the loaded data, over all of it (not just the filtered selection). column_presence is
-- rebuilt by the runner after every load (Runner.readPresence).
CREATE OR REPLACE MACRO has_values(c) AS
  coalesce((SELECT p.non_null > 0 FROM main.column_presence p WHERE p.table_name || '.' || p.column_name = c), false);

-- if_present(column, v): v, or NULL when that column holds no value in the loaded data.
-- Missing is not zero: a sum over a column the data does not have is unknown ("not in the
-- data"), never 0. A model using it says so in its header (@missing <output> when <column>).
CREATE OR REPLACE MACRO if_present(c, v) AS CASE WHEN has_values(c) THEN v END;

-- recovery_in_data(): whether a recovery value can be given at all: reported values, or unit
-- costs and dispositions to estimate them from (returns_enriched.recovery_value in derive.sql).
CREATE OR REPLACE MACRO recovery_in_data() AS
  has_values('returns.recovery_value') OR (has_values('products.unit_cost') AND has_values('returns.disposition'));

-- review_terms(): THE term dictionary of review and return-comment text, matched once per load
-- (text_terms in schema/derive.sql; review_signals counts the texts mentioning each term,
-- review_texts shows them). Data: add a row or a phrase here to
-- teach both models a new term. phrases / not_phrases: '|'-separated literal phrases, matched
-- anywhere in lower-case text; a text mentions a term when it contains one of its phrases and
-- none of its not_phrases. kind groups the terms (size_small, size_large, quality, description,
-- transit, positive).
CREATE OR REPLACE MACRO review_terms() AS TABLE
  SELECT * FROM (
  VALUES
    ('runs small', 'size_small', 'runs small|too small|too tight|size up|smaller than', NULL),
    ('runs large', 'size_large', 'runs large|runs big|too large|too big|too baggy|too loose|too long|size down|larger than',
       'took too long'),
    ('broke', 'quality', 'broke|stopped working|does not work|doesn''t work|does not charge|came apart|fell apart|defect|faulty',
       'broken on arrival|damaged on arrival|arrived broken|arrived damaged|crushed'),
    ('cheap material', 'quality', 'cheap material|cheaply made|feels cheap|flimsy|poor quality|low quality|bad quality|not great quality|not good quality',
       NULL),
    ('not as pictured', 'description', 'not as pictured|not as described|not as shown|nothing like the photo|nothing like the picture|nothing like the description|different from the photo|different from the picture|not like the photo|not like the picture|not like the description|colour is off|color is off',
       NULL),
    ('arrived damaged', 'transit', 'arrived damaged|arrived broken|arrived with a crack|broken on arrival|damaged on arrival|crushed|soaked|damaged in shipping|damaged in transit',
       NULL),
    ('great quality', 'positive', 'great quality|good quality|high quality|excellent quality|well made',
       'not great quality|not good quality|not high quality|not well made'),
    ('true to size', 'positive', 'true to size|fits perfectly|perfect fit', NULL),
    ('as described', 'positive', 'exactly as described|exactly like the photo|"exactly" like the photo', NULL)
  ) t(term, kind, phrases, not_phrases);
