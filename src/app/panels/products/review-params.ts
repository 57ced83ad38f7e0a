import { readPageIndex, withPageIndex } from '../../view/paging';

/**
 * What the review-texts list shows, kept in view.params (the URL), so a link opens the same
 * texts: rt_kind (a term kind, review_texts.kind), rt_term (one dictionary term) and rt_page
 * (zero-based page). Choosing a kind or a term goes back to the first page; choosing the one
 * already chosen clears it.
 */
export const TEXT_KINDS = ['size_small', 'size_large', 'quality', 'description', 'transit', 'positive', 'complaint'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];
export const TEXTS_PAGE_SIZE = 10;

export interface TextFilter {
  kind: TextKind | null;
  term: string | null;
  page: number;
}

export function readTextFilter(params: Record<string, string>): TextFilter {
  const kind = (TEXT_KINDS as readonly string[]).includes(params.rt_kind ?? '') ? (params.rt_kind as TextKind) : null;
  return { kind, term: params.rt_term ?? null, page: readPageIndex(params.rt_page) };
}

/** view.params with the kind toggled (the term cleared, first page). */
export function withTextKind(params: Record<string, string>, kind: TextKind): Record<string, string> {
  const { rt_kind: old, rt_term: _t, rt_page: _p, ...rest } = params;
  return old === kind ? rest : { ...rest, rt_kind: kind };
}

/** view.params with the term toggled (the kind cleared, first page). */
export function withTextTerm(params: Record<string, string>, term: string): Record<string, string> {
  const { rt_term: old, rt_kind: _k, rt_page: _p, ...rest } = params;
  return old === term ? rest : { ...rest, rt_term: term };
}

/** view.params with no kind or term (every text, first page). */
export function withoutTextFilter(params: Record<string, string>): Record<string, string> {
  const { rt_term: _t, rt_kind: _k, rt_page: _p, ...rest } = params;
  return rest;
}

export function withTextPage(params: Record<string, string>, page: number): Record<string, string> {
  return withPageIndex(params, 'rt_page', page);
}
