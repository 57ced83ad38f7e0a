import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked. Categories: tops = {A, B}, bags = {C, E}; D is not in products → '(unknown)'.
// Sales: A 4 (O1 web) + 6 (O4 app) = 10; B 10 (O2 app); C 5 (O3 web); E 3 (O5 web).
// Reviews (title + body is one text) and the terms they mention:
//   V1 A ★1 Jan  "Runs small / order a size up"               → runs small
//   V2 A ★2 Jan  "Poor quality / the zipper broke"            → cheap material, broke
//   V3 A ★5 Feb  "Great quality / fits perfectly"             → great quality, true to size
//   V4 A ★2 Feb  "Too tight / Decent but not great quality"   → runs small, cheap material
//                                                                (not 'great quality': excluded)
//   V5 B ★5 Jan  "Love it / great quality for the price"      → great quality
//   V6 B ★4 Feb  "Fine / It is okay"                          → nothing
//   V7 C ★1 Feb  "Not as pictured / the colour is off"        → not as pictured
//   V8 C ★2 no date "Arrived damaged / Item was broken on arrival" → arrived damaged (not 'broke')
//   V9 D ★1 Jan  "Broke quickly / stopped working"            → broke
// Return comments:
//   R1 A O1 1u "Too tight around the shoulders" → runs small
//   R2 A O4 2u "Much smaller than the size chart" → runs small
//   R3 B O2 1u REJECTED "Seam came apart on first wash" → broke (comment read, units not)
//   R4 C O3 1u no comment;  R5 B O2 1u "Ordered two kept one" → nothing
//   R6 E O5 1u "Too baggy I need a size down" → runs large
// No filter:
//   A: 4 reviews, avg 2.5, 3 low (0.75); 2 comments; 10 sold, 3 returned (0.3)
//      size_small V1 V4 R1 R2 = 4, quality V2 V4 = 2, positive V3 = 1, complaints 5
//      terms: runs small 4, cheap material 2, broke / great quality / true to size 1 each
//   B: 2 reviews, avg 4.5, 0 low; 2 comments; 10 sold, 1 returned; quality R3 = 1, positive 1
//   C: 2 reviews, avg 1.5, 2 low; 0 comments; 5 sold, 1 returned; description 1, transit 1
//   D: 1 review ★1; nothing sold; quality 1.  E: no reviews; 1 comment; 3 sold, 1 returned
//   baselines: tops 3 low / 6 reviews = 0.5 → A 3 − 4×0.5 = 1, B 0 − 2×0.5 = −1;
//              bags 2/2 = 1 → C 0; (unknown) 1/1 → D 0; E no reviews → NULL (ranks as 0)
//   order: A (1); C, D, E at 0 by complaints 2, 1, 1 (D before E by name); B (−1)
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-10,A,4,10,web,DE',
    'O2,L1,2024-01-12,B,10,10,app,FR',
    'O3,L1,2024-02-01,C,5,10,web,DE',
    'O4,L1,2024-02-02,A,6,10,app,FR',
    'O5,L1,2024-01-15,E,3,10,web,DE',
  ),
  products: csv('sku,category,supplier', 'A,tops,sup1', 'B,tops,sup2', 'C,bags,sup1', 'E,bags,sup2'),
  reviews: csv(
    'review_id,sku,order_id,rating,created_at,title,body',
    'V1,A,,1,2024-01-20,Runs small,order a size up',
    'V2,A,,2,2024-01-21,Poor quality,the zipper broke',
    'V3,A,,5,2024-02-15,Great quality,fits perfectly',
    'V4,A,,2,2024-02-20,Too tight,Decent but not great quality',
    'V5,B,,5,2024-01-25,Love it,great quality for the price',
    'V6,B,,4,2024-02-25,Fine,It is okay',
    'V7,C,,1,2024-02-10,Not as pictured,the colour is off',
    'V8,C,,2,,Arrived damaged,Item was broken on arrival',
    'V9,D,,1,2024-01-05,Broke quickly,stopped working',
  ),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,customer_comment,resolution',
    'R1,O1,L1,A,1,size_too_small,Too tight around the shoulders,refund',
    'R2,O4,L1,A,2,size_too_small,Much smaller than the size chart,refund',
    'R3,O2,L1,B,1,defective,Seam came apart on first wash,rejected',
    'R4,O3,L1,C,1,changed_mind,,refund',
    'R5,O2,L1,B,1,changed_mind,Ordered two kept one,refund',
    'R6,O5,L1,E,1,size_too_large,Too baggy I need a size down,refund',
  ),
};

describe('review_signals', () => {
  const db = useEngine();

  it('counts reviews, ratings and term mentions per SKU by hand', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('review_signals');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.sku)).toEqual(['A', 'C', 'D', 'E', 'B']);
    const by = Object.fromEntries(res.rows.map((r) => [r.sku as string, r]));
    expect(by.A).toMatchObject({
      category: 'tops', reviews: 4, avg_rating: 2.5, low_ratings: 3, low_rating_share: 0.75, baseline_low_share: 0.5,
      excess_low_ratings: 1, return_comments: 2, units_sold: 10, units_returned: 3,
      size_small_mentions: 4, size_large_mentions: 0, quality_mentions: 2, description_mentions: 0,
      transit_mentions: 0, positive_mentions: 1, complaint_mentions: 5,
      top_terms: 'runs small (4), cheap material (2), broke (1)',
    });
    expect(by.A!.unit_return_rate).toBeCloseTo(0.3, 10);
    expect(by.B).toMatchObject({
      category: 'tops', reviews: 2, avg_rating: 4.5, low_ratings: 0, low_rating_share: 0, excess_low_ratings: -1,
      return_comments: 2, units_sold: 10, units_returned: 1, quality_mentions: 1, positive_mentions: 1,
      complaint_mentions: 1, top_terms: 'broke (1), great quality (1)',
    });
    expect(by.B!.unit_return_rate).toBeCloseTo(0.1, 10);
    expect(by.C).toMatchObject({
      category: 'bags', reviews: 2, avg_rating: 1.5, low_ratings: 2, low_rating_share: 1, baseline_low_share: 1,
      excess_low_ratings: 0, return_comments: 0, units_sold: 5, units_returned: 1, quality_mentions: 0,
      description_mentions: 1, transit_mentions: 1, complaint_mentions: 2,
      top_terms: 'arrived damaged (1), not as pictured (1)',
    });
    expect(by.C!.unit_return_rate).toBeCloseTo(0.2, 10);
    expect(by.D).toMatchObject({
      category: '(unknown)', reviews: 1, avg_rating: 1, low_ratings: 1, excess_low_ratings: 0, units_sold: 0,
      units_returned: 0, unit_return_rate: null, quality_mentions: 1, complaint_mentions: 1, top_terms: 'broke (1)',
    });
    expect(by.E).toMatchObject({
      category: 'bags', reviews: 0, avg_rating: null, low_ratings: 0, low_rating_share: null, excess_low_ratings: null,
      return_comments: 1, units_sold: 3, units_returned: 1, size_large_mentions: 1, complaint_mentions: 1,
      top_terms: 'runs large (1)',
    });
  });

  it('applies sales filters to sales and returns, not to reviews', async () => {
    await db.fixture(FIXTURE);
    // channel=web: sales O1 (A×4), O3 (C×5), O5 (E×3); returns R1, R4, R6. Reviews unchanged.
    // A: 4 sold, 1 returned, 1 comment; size_small V1 V4 R1 = 3; complaints V1 V2 V4 R1 = 4.
    // B: reviews only (no web sales), 0 comments, no 'broke' (R3 is app).
    const web = await db.runner().run('review_signals', { channel: ['web'] });
    expect(web.rows.map((r) => r.sku)).toEqual(['A', 'C', 'D', 'E', 'B']);
    const by = Object.fromEntries(web.rows.map((r) => [r.sku as string, r]));
    expect(by.A).toMatchObject({
      reviews: 4, low_ratings: 3, return_comments: 1, units_sold: 4, units_returned: 1, unit_return_rate: 0.25,
      size_small_mentions: 3, complaint_mentions: 4, top_terms: 'runs small (3), cheap material (2), broke (1)',
    });
    expect(by.B).toMatchObject({
      reviews: 2, return_comments: 0, units_sold: 0, unit_return_rate: null, quality_mentions: 0,
      top_terms: 'great quality (1)',
    });
  });

  it('applies date filters to review dates and product filters through products', async () => {
    await db.fixture(FIXTURE);
    // date_from 2024-02-01: reviews V3, V4 (A), V6 (B), V7 (C); V8 has no date → out.
    // Sales O3 (C×5), O4 (A×6); returns R2 (O4), R4 (O3). D and E drop out.
    // A: 2 reviews (★5, ★2) avg 3.5, 1 low; tops baseline 1 low / 3 reviews → A 1 − 2/3 = 1/3,
    //    B 0 − 1/3; C: 1 review ★1, bags 1/1 → 0. Order A, C, B.
    // A terms: runs small (V4, R2) 2, cheap material 1, great quality 1, true to size 1.
    const feb = await db.runner().run('review_signals', { date_from: '2024-02-01' });
    expect(feb.rows.map((r) => r.sku)).toEqual(['A', 'C', 'B']);
    const [a, c, b] = feb.rows;
    expect(a).toMatchObject({
      reviews: 2, avg_rating: 3.5, low_ratings: 1, low_rating_share: 0.5, return_comments: 1, units_sold: 6,
      units_returned: 2, size_small_mentions: 2, quality_mentions: 1, positive_mentions: 1, complaint_mentions: 2,
      top_terms: 'runs small (2), cheap material (1), great quality (1)',
    });
    expect(a!.baseline_low_share).toBeCloseTo(1 / 3, 10);
    expect(a!.excess_low_ratings).toBeCloseTo(1 / 3, 10);
    expect(b).toMatchObject({ reviews: 1, avg_rating: 4, low_ratings: 0, top_terms: null });
    expect(b!.excess_low_ratings).toBeCloseTo(-1 / 3, 10);
    expect(c).toMatchObject({ reviews: 1, low_ratings: 1, units_sold: 5, units_returned: 1, excess_low_ratings: 0 });

    // category=bags: C (V7, V8) and E (comment R6); D is '(unknown)' → out.
    const bags = await db.runner().run('review_signals', { category: ['bags'] });
    expect(bags.rows.map((r) => [r.sku, r.reviews, r.return_comments])).toEqual([['C', 2, 0], ['E', 0, 1]]);
    // sku=D: a SKU missing from products is still filterable by sku.
    const d = await db.runner().run('review_signals', { sku: ['D'] });
    expect(d.rows.map((r) => [r.sku, r.category, r.reviews])).toEqual([['D', '(unknown)', 1]]);
  });

  it('needs reviews', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines, returns: FIXTURE.returns });
    const res = await db.runner().run('review_signals');
    expect(res).toMatchObject({ status: 'needs_columns', missing: ['reviews.rating'] });
  });
});
