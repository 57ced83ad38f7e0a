import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatMoment } from '../format';
import type { ViewPatch, ViewState } from '../view/types';
import { addSavedView, readSavedViews, removeSavedView, writeSavedViews, type SavedView } from '../view/saved-views';
import { parseView, serializeView } from '../view/view-url';
import { headerButtonClass } from './Header';
import { isPlainClick } from './ViewLink';

const smallButton =
  'rounded-tremor-small px-2 py-1 text-tremor-label outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:focus-visible:ring-dark-tremor-brand-muted';

/**
 * Named views kept in this browser: "Save" stores the current URL's view under a name
 * (localStorage `returns-insight:views`), the list opens one (a history entry, like following
 * its link) or deletes it. Nothing leaves the machine.
 */
export function SavedViews({ view, setView }: { view: ViewState; setView: (patch: ViewPatch) => void }) {
  const [open, setOpen] = useState(false);
  const [views, setViews] = useState<SavedView[]>(() => readSavedViews());
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const current = serializeView(view);

  // Another tab may have saved a view.
  useEffect(() => {
    const onStorage = () => setViews(readSavedViews());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // Close on Escape and on a click outside.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  const store = (next: SavedView[]) => {
    setViews(next);
    setProblem(writeSavedViews(next) ? null : 'This browser does not allow storing views (storage is disabled or full).');
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return;
    store(addSavedView(readSavedViews(), name, current));
    setName('');
  };

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        className={headerButtonClass}
        aria-expanded={open}
        aria-controls="saved-views-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="saved-views-toggle"
      >
        Saved views{views.length > 0 ? ` (${views.length})` : ''}
      </button>
      {open && (
        <div
          id="saved-views-panel"
          role="dialog"
          aria-label="Saved views"
          className="absolute right-0 z-30 mt-2 w-80 space-y-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-3 shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown"
          data-testid="saved-views-panel"
        >
          <form onSubmit={save} className="flex gap-2">
            <label className="sr-only" htmlFor="saved-view-name">
              Name of this view
            </label>
            <input
              id="saved-view-name"
              autoFocus
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
              placeholder="Name this view"
              className="min-w-0 flex-1 rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1 text-tremor-default text-tremor-content-emphasis outline-none focus:ring-2 focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis"
              data-testid="saved-view-name"
            />
            <button
              type="submit"
              disabled={name.trim() === ''}
              className={`${smallButton} bg-tremor-brand text-tremor-brand-inverted disabled:opacity-50 dark:bg-dark-tremor-brand`}
              data-testid="saved-view-save"
            >
              Save
            </button>
          </form>
          <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
            Keeps the page, filters, selection, page settings and edited assumptions, in this browser only.
          </p>
          {problem && <p className="text-tremor-label text-rose-600 dark:text-rose-400">{problem}</p>}
          {views.length === 0 ? (
            <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">No saved views yet.</p>
          ) : (
            <ul className="max-h-72 divide-y divide-tremor-border overflow-y-auto dark:divide-dark-tremor-border" data-testid="saved-views-list">
              {views.map((v) => (
                <li key={v.name} className="flex items-center gap-2 py-1.5">
                  <a
                    href={`${window.location.pathname}${v.search}`}
                    onClick={(e) => {
                      if (!isPlainClick(e)) return;
                      e.preventDefault();
                      setView(parseView(v.search));
                      setOpen(false);
                    }}
                    className={`min-w-0 flex-1 truncate rounded-tremor-small text-tremor-default outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted ${
                      v.search === current
                        ? 'font-medium text-tremor-brand dark:text-dark-tremor-brand'
                        : 'text-tremor-content-emphasis hover:underline dark:text-dark-tremor-content-emphasis'
                    }`}
                    aria-current={v.search === current ? 'page' : undefined}
                    title={v.savedAt ? `Saved ${formatMoment(v.savedAt)}` : undefined}
                    data-testid="saved-view-open"
                    data-name={v.name}
                  >
                    {v.name}
                  </a>
                  <button
                    type="button"
                    onClick={() => store(removeSavedView(readSavedViews(), v.name))}
                    className={`${smallButton} text-tremor-content hover:text-rose-600 dark:text-dark-tremor-content dark:hover:text-rose-400`}
                    aria-label={`Delete the saved view ${v.name}`}
                    data-testid="saved-view-delete"
                    data-name={v.name}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
