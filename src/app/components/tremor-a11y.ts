import { useEffect } from 'react';

/*
 * Tremor 3 renders some markup that no prop can change and that fails accessibility checks
 * (axe, issue 16). These fixes patch Tremor's own elements after each render, in one place,
 * instead of forking its components. React never sets these attributes on them, so it does not
 * undo them.
 */

/**
 * Select and MultiSelect keep a native <select> behind their button for forms, titled
 * "select-hidden" / "multi-select-hidden". It is a tab stop that throws focus to the button, so
 * Shift+Tab from the button lands on it and is thrown back (a trap), and screen readers meet a
 * second, unnamed control. Out of the tab order and hidden from assistive technology, the button
 * is the one control.
 */
function hideFormSelects(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLSelectElement>('select[title="select-hidden"]:not([aria-hidden]), select[title="multi-select-hidden"]:not([aria-hidden])')) {
    el.tabIndex = -1;
    el.setAttribute('aria-hidden', 'true');
  }
}

/** A chart legend is an <ol> holding a <div> holding the <li>s: the <div> is made the list. */
function fixLegendLists(root: ParentNode): void {
  for (const li of root.querySelectorAll('li.tremor-Legend-legendItem')) {
    const wrapper = li.parentElement;
    const ol = wrapper?.parentElement;
    if (!wrapper || !ol || wrapper.tagName === 'OL' || wrapper.getAttribute('role') === 'list') continue;
    wrapper.setAttribute('role', 'list');
    if (ol.tagName === 'OL' || ol.tagName === 'UL') ol.setAttribute('role', 'none');
  }
}

/**
 * A table wider than its card scrolls inside Tremor's wrapper, which a keyboard cannot reach:
 * it becomes a focusable region (arrow keys scroll it) named after its table; one that fits
 * stops being a tab stop.
 */
function reachableScrollers(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('.tremor-Table-root')) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute('tabindex')) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      const table = box.querySelector('table');
      const heading = box.closest('.tremor-Card-root')?.querySelector('.text-tremor-title, h2, h3, h4')?.textContent;
      const name = table?.getAttribute('aria-label') ?? table?.querySelector('caption')?.textContent ?? heading ?? 'Table';
      box.setAttribute('aria-label', `${name} (scrolls sideways)`);
    } else if (!scrolls && box.hasAttribute('tabindex')) {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}

/**
 * Applies the fixes to the whole document after every DOM change: the markup ones at once
 * (before the change is painted), the scroll check, which measures layout, once per frame and
 * on resize.
 */
export function useTremorA11yFixes(): void {
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        reachableScrollers(document);
      });
    };
    const schedule = () => {
      hideFormSelects(document);
      fixLegendLists(document);
      measure();
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', measure);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      cancelAnimationFrame(frame);
    };
  }, []);
}
