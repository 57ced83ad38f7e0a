import { useCallback, useEffect, useState } from 'react';
import type { ViewPatch, ViewState } from './types';
import { displayLocale } from '../format';
import { applyDisplaySettings } from './display-settings';
import { parseView, patchView, serializeView } from './view-url';

/**
 * The one view state of the app, living in the URL: `setView(patch)` writes the patched view
 * to the URL and pushes a history entry (so Back undoes it); `{ replace: true }` rewrites the
 * current entry instead (typing in a field should not leave one entry per key). Back/Forward
 * (popstate) read the URL again. The state is always what parsing the URL gives, so a reload
 * or a copied link shows exactly the same view.
 */
export function useViewState(): { view: ViewState; setView: (patch: ViewPatch, opts?: { replace?: boolean }) => void } {
  const [view, setState] = useState<ViewState>(() => parseView(window.location.search));

  useEffect(() => {
    // A hand-edited or outdated link: show the URL of what is actually in effect (invalid
    // parts dropped, canonical order), without a new history entry.
    const canonical = serializeView(parseView(window.location.search));
    if (canonical !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${canonical}${window.location.hash}`);
    }
    const onPop = () => setState(parseView(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const setView = useCallback((patch: ViewPatch, opts: { replace?: boolean } = {}) => {
    // Patch the URL's view, not a render's copy: two calls in one event both take effect.
    const current = parseView(window.location.search);
    const search = serializeView(patchView(current, patch));
    if (search === serializeView(current)) return;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (opts.replace) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(window.history.state, '', url);
    setState(parseView(search));
  }, []);

  // Before anything of this view renders: its locale and money precision (display-settings.ts).
  applyDisplaySettings(view);
  useEffect(() => {
    document.documentElement.lang = displayLocale();
  }, [view.locale]);

  return { view, setView };
}
