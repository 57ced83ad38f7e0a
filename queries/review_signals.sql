-- review_signals: what reviews and return comments say about each SKU, next to its return rate
-- One row per SKU that has reviews, or returns with a customer comment, in the selection.
-- Filters: sku, category and supplier apply to reviews through the product (a SKU missing
-- from products is '(unknown)', as in the order lines); date filters apply to the review's
-- created_at (a review without a date is left out when a date filter is set). Channel,
-- region, carrier and reason do NOT apply to reviews (a review has none of them); they do
-- apply to units_sold, units_returned and the return comments, like in every model.
-- Returns whose resolution is 'rejected' were refused: they are not in units_returned, but
-- their comments are still read (the customer's words are a signal either way).
-- Text matching: the term dictionary (review_terms() in schema/macros.sql, matched once per load
-- into text_terms by schema/derive.sql, shared with review_texts) is data: (term, kind, phrases,
-- not_phrases), phrases being '|'-separated literal phrases. A text is a review (title and
-- body together) or a return comment, lower-cased; it mentions a term when it contains one
-- of its phrases and none of its not_phrases (e.g. 'not great quality' is not praise;
-- 'broken on arrival' is transit damage, not a product that broke). Phrases, not regexes:
-- DuckDB compiles a regex taken from a table once per row (~50 µs in WASM, so 1M text×term
-- pairs took minutes), while a phrase test is a plain substring search. Negations in general
-- are not understood. *_mentions count texts with at least one term of that kind;
-- top_terms lists the 3 terms found in most texts (ties alphabetical) with their counts.
-- Ranking: excess_low_ratings descending = low-rated reviews (1–2 stars) minus what the
-- SKU's review count predicts at its category's low-rating share in the same selection;
-- then complaint_mentions descending, then sku. Like return_rate_by's excess_units it
-- weighs a share by its volume: 1 bad review out of 1 (share 100%, excess < 1) does not
-- outrank 40 out of 100 where the category has 10% (excess 30); and it compares within the
-- category, so a category that is rated low overall does not fill the list. SKUs with
-- comments but no reviews have NULL excess and rank as 0 (no rating evidence either way).
-- @filters
-- @requires reviews.rating
-- @output sku : the SKU
-- @output product_name : its product name (NULL when not in the data)
-- @output category : its category ('(unknown)' when not in products)
-- @output reviews : reviews in the selection
-- @output avg_rating : mean stars (1–5)
-- @output low_ratings : reviews with 1 or 2 stars
-- @output low_rating_share : low_ratings / reviews
-- @output baseline_low_share : low-rating share of the SKU's category in the selection
-- @output excess_low_ratings : low_ratings − reviews × baseline_low_share (NULL without reviews); the ranking key
-- @output return_comments : returns of the SKU with a customer comment (rejected ones included)
-- @output units_sold : units sold in the selection
-- @output units_returned : units on accepted (not rejected) returns
-- @output unit_return_rate : units_returned / units_sold
-- @output size_small_mentions : texts (reviews + return comments) saying it runs small
-- @output size_large_mentions : texts saying it runs large
-- @output quality_mentions : texts saying it broke or is made cheaply
-- @output description_mentions : texts saying it differs from the listing
-- @output transit_mentions : texts saying it arrived damaged
-- @output positive_mentions : texts praising quality, fit or accuracy of the listing
-- @output complaint_mentions : texts with at least one term that is not positive
-- @output top_terms : the 3 most frequent terms with their counts, e.g. 'runs small (5), broke (2)'
WITH lines AS (
  SELECT * FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)
), rets AS (
  -- only the columns read below: read three times, this is materialized first, every column it names
  SELECT return_id, sku, quantity, resolution, customer_comment
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
), revs AS (
  -- reviews take the filters that make sense for them (see header; filtered_reviews in schema/filters.sql)
  SELECT review_id, sku, rating
  FROM filtered_reviews($date_from, $date_to, $category, $supplier, $sku)
), docs AS (
  SELECT 'review' AS source, review_id AS id, sku FROM revs
  UNION ALL
  SELECT 'return', return_id, sku
  FROM rets
  WHERE customer_comment IS NOT NULL AND trim(customer_comment) <> ''
), hits AS (
  -- one row per (text, term) that matches and is not vetoed (matched once per load: text_terms)
  SELECT d.sku, d.source || ':' || d.id AS doc, t.term, t.kind
  FROM docs d
  JOIN text_terms t ON t.source = d.source AND t.id = d.id
), mentions AS (
  SELECT sku,
    count(DISTINCT doc) FILTER (WHERE kind = 'size_small') AS size_small_mentions,
    count(DISTINCT doc) FILTER (WHERE kind = 'size_large') AS size_large_mentions,
    count(DISTINCT doc) FILTER (WHERE kind = 'quality') AS quality_mentions,
    count(DISTINCT doc) FILTER (WHERE kind = 'description') AS description_mentions,
    count(DISTINCT doc) FILTER (WHERE kind = 'transit') AS transit_mentions,
    count(DISTINCT doc) FILTER (WHERE kind = 'positive') AS positive_mentions,
    count(DISTINCT doc) FILTER (WHERE kind <> 'positive') AS complaint_mentions
  FROM hits
  GROUP BY sku
), term_counts AS (
  SELECT sku, term, count(*) AS n FROM hits GROUP BY sku, term
), top_terms AS (
  SELECT sku,
    array_to_string(list(term || ' (' || n || ')' ORDER BY n DESC, term)[1:3], ', ') AS top_terms
  FROM term_counts
  GROUP BY sku
), rated AS (
  SELECT sku, count(*) AS reviews, avg(rating) AS avg_rating,
    count(*) FILTER (WHERE rating <= 2) AS low_ratings
  FROM revs
  GROUP BY sku
), commented AS (
  SELECT sku, count(*) AS return_comments
  FROM rets
  WHERE customer_comment IS NOT NULL AND trim(customer_comment) <> ''
  GROUP BY sku
), sold AS (
  SELECT sku, sum(quantity) AS units_sold FROM lines GROUP BY sku
), returned AS (
  SELECT sku, sum(quantity) AS units_returned
  FROM rets WHERE resolution IS DISTINCT FROM 'rejected'
  GROUP BY sku
), skus AS (
  SELECT sku FROM rated UNION SELECT sku FROM commented
), assembled AS (
  SELECT
    k.sku,
    p.product_name,
    coalesce(p.category, '(unknown)') AS category,
    coalesce(rt.reviews, 0) AS reviews,
    rt.avg_rating,
    coalesce(rt.low_ratings, 0) AS low_ratings,
    coalesce(c.return_comments, 0) AS return_comments,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(r.units_returned, 0) AS units_returned,
    coalesce(m.size_small_mentions, 0) AS size_small_mentions,
    coalesce(m.size_large_mentions, 0) AS size_large_mentions,
    coalesce(m.quality_mentions, 0) AS quality_mentions,
    coalesce(m.description_mentions, 0) AS description_mentions,
    coalesce(m.transit_mentions, 0) AS transit_mentions,
    coalesce(m.positive_mentions, 0) AS positive_mentions,
    coalesce(m.complaint_mentions, 0) AS complaint_mentions,
    tt.top_terms
  FROM skus k
  LEFT JOIN products p ON p.sku = k.sku
  LEFT JOIN rated rt ON rt.sku = k.sku
  LEFT JOIN commented c ON c.sku = k.sku
  LEFT JOIN sold s ON s.sku = k.sku
  LEFT JOIN returned r ON r.sku = k.sku
  LEFT JOIN mentions m ON m.sku = k.sku
  LEFT JOIN top_terms tt ON tt.sku = k.sku
), based AS (
  SELECT *,
    safe_div(sum(low_ratings) OVER (PARTITION BY category), sum(reviews) OVER (PARTITION BY category))
      AS baseline_low_share
  FROM assembled
)
SELECT
  sku,
  product_name,
  category,
  CAST(reviews AS BIGINT) AS reviews,
  avg_rating,
  CAST(low_ratings AS BIGINT) AS low_ratings,
  safe_div(low_ratings, reviews) AS low_rating_share,
  baseline_low_share,
  excess_over(low_ratings, reviews, baseline_low_share) AS excess_low_ratings,
  CAST(return_comments AS BIGINT) AS return_comments,
  CAST(units_sold AS BIGINT) AS units_sold,
  CAST(units_returned AS BIGINT) AS units_returned,
  safe_div(units_returned, units_sold) AS unit_return_rate,
  CAST(size_small_mentions AS BIGINT) AS size_small_mentions,
  CAST(size_large_mentions AS BIGINT) AS size_large_mentions,
  CAST(quality_mentions AS BIGINT) AS quality_mentions,
  CAST(description_mentions AS BIGINT) AS description_mentions,
  CAST(transit_mentions AS BIGINT) AS transit_mentions,
  CAST(positive_mentions AS BIGINT) AS positive_mentions,
  CAST(complaint_mentions AS BIGINT) AS complaint_mentions,
  top_terms
FROM based
ORDER BY coalesce(excess_over(low_ratings, reviews, baseline_low_share), 0) DESC,
  complaint_mentions DESC, sku;
