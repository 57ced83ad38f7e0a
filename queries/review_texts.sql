-- review_texts: the review and return-comment texts behind review_signals' term counts, to read them
-- One row per text: a review (title and body) or a return's customer comment, of the SKUs in
-- the selection, newest first (undated texts last, then by id), paged. The same texts and the
-- same filters as review_signals: sku, category and supplier apply to reviews through the
-- product, dates to the review's created_at (an undated review is left out when a date filter
-- is set); return comments are those of the filtered returns (all filters, reason included;
-- rejected returns included: the customer's words are a signal either way), dated by their
-- request. `term` / `kind` keep only the texts mentioning that dictionary term / a term of that
-- kind, by the same matching (text_terms in schema/derive.sql: a phrase present, no veto
-- phrase); 'complaint' = any kind but positive. `terms` lists every term a text mentions.
-- @filters
-- @param term text = null : only texts mentioning this term of the dictionary (e.g. runs small)
-- @param kind enum(size_small|size_large|quality|description|transit|positive|complaint) = null : only texts mentioning a term of this kind
-- @param source enum(review|return) = null : only reviews, or only return comments
-- @param limit number = 20 : rows per page; NULL = all rows
-- @param offset number = 0 : rows to skip (page × page size)
-- @requires reviews.rating
-- @output source : 'review' or 'return' (a return's customer comment)
-- @output id : review_id or return_id
-- @output sku : the SKU the text is about
-- @output product_name : its product name (NULL when not in the data)
-- @output written_at : when it was written (review created_at, return requested_at; NULL when not in the data)
-- @output rating : stars of a review (NULL for return comments)
-- @output reason : canonical reason of a return (NULL for reviews)
-- @output title : review title (NULL for return comments)
-- @output text : the review body or the comment, as written
-- @output terms : the dictionary terms the text mentions, comma-separated (NULL when none)
-- @output total_rows : texts matching before paging (the same on every row)
WITH docs AS (
  SELECT 'review' AS source, review_id AS id, sku, created_at AS written_at, rating, CAST(NULL AS VARCHAR) AS reason,
    title, body AS text
  FROM filtered_reviews($date_from, $date_to, $category, $supplier, $sku)
  UNION ALL
  SELECT 'return', return_id, sku, requested_at, NULL, reason, NULL, customer_comment
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason)
  WHERE customer_comment IS NOT NULL AND trim(customer_comment) <> ''
), picked AS (
  SELECT * FROM docs WHERE $source IS NULL OR source = $source
), hits AS (
  -- the terms each text mentions, matched once per load (text_terms in schema/derive.sql)
  SELECT t.source, t.id, t.term, t.kind
  FROM text_terms t
  SEMI JOIN picked d ON d.source = t.source AND d.id = t.id
), doc_terms AS (
  SELECT source, id, string_agg(term, ', ' ORDER BY term) AS terms,
    bool_or(term = $term) AS has_term,
    bool_or(kind = $kind OR ($kind = 'complaint' AND kind <> 'positive')) AS has_kind
  FROM hits
  GROUP BY source, id
), matching AS (
  SELECT d.*, t.terms
  FROM picked d
  LEFT JOIN doc_terms t ON t.source = d.source AND t.id = d.id
  WHERE ($term IS NULL OR coalesce(t.has_term, false)) AND ($kind IS NULL OR coalesce(t.has_kind, false))
)
SELECT m.source, m.id, m.sku, p.product_name, m.written_at, CAST(m.rating AS INTEGER) AS rating, m.reason,
  m.title, m.text, m.terms, count(*) OVER () AS total_rows
FROM matching m
LEFT JOIN products p ON p.sku = m.sku
ORDER BY m.written_at DESC NULLS LAST, m.source, m.id
LIMIT CAST($limit AS BIGINT) OFFSET coalesce(CAST($offset AS BIGINT), 0);
