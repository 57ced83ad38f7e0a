/**
 * THE supplier ranking, named once: the Suppliers scorecard, its side-by-side rate charts and
 * the Products page's Supplier tab all show suppliers in the order of supplier_scorecard /
 * return_rate_by (dim=supplier): returned units above what the supplier's own category mix
 * predicts (excess_units). Every place that ranks suppliers uses these words.
 */
export const SUPPLIER_RANK_LABEL = 'Excess returns vs category mix';
export const SUPPLIER_RANK_UNIT = 'units';
export const SUPPLIER_RANK_HELP =
  'Returned units minus what the supplier’s own mix of categories predicts (each category’s return rate over every supplier × the units it sold): the ranking. Negative = fewer returns than its categories explain.';
export const SUPPLIER_BASELINE_LABEL = 'category mix';
