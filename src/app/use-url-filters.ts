import { useCallback, useEffect, useState } from 'react';
import { filtersToSearch, parseFilters, sameFilters, type Filters } from './filters';

/**
 * The global filters, living in the URL's search params: setting them pushes a history entry
 * (so Back undoes a filter), `replace` rewrites the current one (for typing in a field), and
 * Back/Forward (popstate) read them again.
 */
export function useUrlFilters(): [Filters, (next: Filters, opts?: { replace?: boolean }) => void] {
  const [filters, setState] = useState<Filters>(() => parseFilters(window.location.search));

  useEffect(() => {
    const onPop = () => setState(parseFilters(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const setFilters = useCallback((next: Filters, opts: { replace?: boolean } = {}) => {
    const current = parseFilters(window.location.search);
    if (sameFilters(current, next)) return;
    const search = filtersToSearch(next, window.location.search);
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (opts.replace) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(window.history.state, '', url);
    // Re-read from the URL so the state is exactly what a reload would give.
    setState(parseFilters(search));
  }, []);

  return [filters, setFilters];
}
