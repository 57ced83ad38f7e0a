import { describe, expect, it } from 'vitest';
import { readProduct, readRateDim, withProduct, withRateDim } from '../../src/app/panels/products/products-params';
import { readTextFilter, withTextKind, withTextPage, withTextTerm, withoutTextFilter } from '../../src/app/panels/products/review-params';
import { parseView, serializeView } from '../../src/app/view/view-url';

describe('Products page parameters in the URL', () => {
  it('offers the parent product as a ranking dimension', () => {
    expect(readRateDim({ rate_dim: 'product' })).toBe('product');
    expect(withRateDim({ rate_rows: '50' }, 'product')).toEqual({ rate_dim: 'product' });
  });

  it('shows one parent product’s sizes; the same click again hides them', () => {
    expect(readProduct({})).toBeNull();
    const shown = withProduct({ rate_dim: 'product' }, 'SHO-G0017');
    expect(shown).toEqual({ rate_dim: 'product', product: 'SHO-G0017' });
    expect(readProduct(shown)).toBe('SHO-G0017');
    expect(withProduct(shown, 'SHO-G0017')).toEqual({ rate_dim: 'product' });
    expect(withProduct(shown, 'APP-G0001')).toEqual({ rate_dim: 'product', product: 'APP-G0001' });
    expect(withProduct(shown, null)).toEqual({ rate_dim: 'product' });
  });

  it('keeps the review-text kind, term and page; a new choice starts at the first page', () => {
    expect(readTextFilter({})).toEqual({ kind: null, term: null, page: 0 });
    expect(readTextFilter({ rt_kind: 'nonsense', rt_page: '-2' })).toEqual({ kind: null, term: null, page: 0 });
    const small = withTextKind({ rt_page: '3', rt_term: 'broke' }, 'size_small');
    expect(small).toEqual({ rt_kind: 'size_small' });
    expect(withTextKind(small, 'size_small')).toEqual({});
    const term = withTextTerm(withTextPage(small, 2), 'runs small');
    expect(term).toEqual({ rt_term: 'runs small' });
    expect(readTextFilter(withTextPage(term, 2))).toEqual({ kind: null, term: 'runs small', page: 2 });
    expect(withoutTextFilter({ ...term, rt_page: '1', product: 'G1' })).toEqual({ product: 'G1' });
  });

  it('a link reproduces the sizes and the texts shown (the URL owns them)', () => {
    const search = '?page=products&sel=sku:SHO-0009&p.product=SHO-G0017&p.rt_page=1&p.rt_term=runs+small';
    const view = parseView(search);
    expect(view.params).toEqual({ product: 'SHO-G0017', rt_page: '1', rt_term: 'runs small' });
    expect(parseView(serializeView(view))).toEqual(view);
  });
});
