import type { Question } from '../suggest';
import { MAPPING_VERSION, type MappingSpec, type TargetSpec } from '../spec';
import { column, dateFor, numberFor, role, sourceOf, type PresetDef } from './define';

// Reviews exports (Judge.me, Yotpo, marketplace review dumps)

export const REVIEWS: PresetDef = {
  id: 'reviews',
  label: 'Product reviews',
  description:
    'A reviews export (Judge.me, Yotpo, Shopify Product Reviews, marketplace review datasets): a star rating, a text, ' +
    'the product reviewed and a date.',
  roles: {
    review_id: role(['Review ID', 'Id'], 0.5),
    sku: role(['product_id', 'Product ID', 'ProductId', 'SKU', 'Product SKU', 'ASIN', 'product_handle', 'Product Handle'], 1, true),
    rating: role(['rating', 'Review Score', 'Score', 'Stars', 'Star Rating', 'overall', 'review_score'], 2, true),
    title: role(['title', 'Review Title', 'Summary', 'Headline'], 1),
    body: role(['body', 'Review Content', 'Review Text', 'reviewText', 'Text', 'Review', 'Content', 'Comment'], 2),
    date: role(['review_date', 'Review Date', 'Date', 'Created at', 'Submitted at', 'review_creation_date', 'reviewTime', 'Time', 'unixReviewTime'], 1),
    order_id: role(['Order ID', 'order_id'], 0.5),
    author: role(['reviewer_name', 'Display Name', 'ProfileName', 'Author', 'Reviewer', 'reviewer_email', 'Email'], 0.5),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const columns: TargetSpec['columns'] = {
      sku: { column: m.sku! },
      rating: { column: m.rating!, transform: numberFor(s, m.rating) },
    };
    if (m.title) columns.title = { column: m.title };
    if (m.body) columns.body = { column: m.body };
    if (m.order_id) columns.order_id = { column: m.order_id };
    if (m.date) {
      const values = column(s, m.date).filter((v) => v.trim() !== '');
      if (values.length > 0 && values.every((v) => /^\d{9,10}$/.test(v.trim()))) {
        notes.push(`"${m.date}" holds Unix timestamps: not read (created_at stays empty).`);
      } else {
        columns.created_at = { column: m.date, transform: dateFor(s, [m.date], [{ target: 0, column: 'created_at' }], notes, questions) };
      }
    }
    const idParts = [m.sku!, ...(columns.created_at ? [m.date!] : []), ...(m.author ? [m.author] : []), ...(m.title ? [m.title] : [])];
    columns.review_id = m.review_id ? { column: m.review_id } : { concat: idParts, separator: '|' };
    notes.push(
      m.review_id
        ? `review_id = "${m.review_id}".`
        : `The export has no review id: review_id = ${idParts.join(' | ')}; a row repeating all of these is rejected as a duplicate, and the same file loaded twice is recognised.`,
      `Reviews are keyed by "${m.sku}": when that is the review app's product id or handle rather than your SKU, reviews will not find their products (map it through a product file lookup).`,
      'Ratings outside 1-5 are rejected.',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: REVIEWS.label, preset: REVIEWS.id,
      source: sourceOf(s),
      targets: [{ table: 'reviews', columns }],
      notes,
    };
    return { mapping, questions, notes };
  },
};
