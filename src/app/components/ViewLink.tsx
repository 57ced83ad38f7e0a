import type { MouseEvent, ReactNode } from 'react';
import type { ViewPatch, ViewState } from '../view/types';
import { serializeView } from '../view/view-url';

/** A plain left click: one meant for a new tab or window (a modifier key, another button) is left to the browser. */
export function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

/**
 * A link to another view of the dashboard: its address is that view's URL (so it opens in a new
 * tab, and can be copied), and a plain click changes the view in place.
 */
export function ViewLink(props: { view: ViewState; setView: (patch: ViewPatch) => void; className?: string; children: ReactNode }) {
  const { view, setView, className, children } = props;
  return (
    <a
      href={`${window.location.pathname}${serializeView(view)}`}
      onClick={(e) => {
        if (!isPlainClick(e)) return;
        e.preventDefault();
        setView(view);
      }}
      className={className}
    >
      {children}
    </a>
  );
}
