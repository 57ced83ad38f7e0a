import type { MouseEvent } from 'react';
import { PAGE_REGISTRY } from '../pages/registry';
import { PAGES, type PageId, type ViewState } from '../view/types';
import { serializeView } from '../view/view-url';
import { isPlainClick } from './ViewLink';

/**
 * The pages as tabs. Each tab is a real link to the page's URL (filters and selection kept),
 * so it can be opened in a new tab or copied; a plain click switches the page in place.
 * Switching page keeps the filters and the selection, and drops the previous page's own
 * parameters and any open drill-down.
 */
export function NavTabs({ view, onNavigate }: { view: ViewState; onNavigate: (page: PageId) => void }) {
  const click = (page: PageId) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(e)) return; // new tab/window: let the browser do it
    e.preventDefault();
    onNavigate(page);
  };
  return (
    <nav aria-label="Pages" className="-mx-1 overflow-x-auto border-b border-tremor-border dark:border-dark-tremor-border">
      <ul className="flex min-w-max gap-1 px-1">
        {PAGES.map((id) => {
          const current = id === view.page;
          const entry = PAGE_REGISTRY[id];
          return (
            <li key={id}>
              <a
                href={`${window.location.pathname}${serializeView({ ...view, page: id, params: current ? view.params : {}, drill: null })}`}
                onClick={click(id)}
                aria-current={current ? 'page' : undefined}
                title={`For ${entry.audience}`}
                data-testid={`nav-${id}`}
                className={`-mb-px inline-block whitespace-nowrap border-b-2 px-3 py-2 text-tremor-default outline-none transition-colors focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:focus-visible:ring-dark-tremor-brand-muted ${
                  current
                    ? 'border-tremor-brand font-medium text-tremor-brand dark:border-dark-tremor-brand dark:text-dark-tremor-brand'
                    : 'border-transparent text-tremor-content hover:border-tremor-content-subtle hover:text-tremor-content-emphasis dark:text-dark-tremor-content dark:hover:border-dark-tremor-content-subtle dark:hover:text-dark-tremor-content-emphasis'
                }`}
              >
                {entry.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
