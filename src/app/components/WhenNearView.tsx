import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders `children` (and so runs their queries) only once its place on the page comes near the
 * viewport, `placeholder` until then; after that it stays rendered. For a costly panel far down
 * a page: a query sent to DuckDB cannot be interrupted, so one asked for by a panel the user
 * never scrolled to held up the next page they opened (as Grafana loads panels out of view).
 */
export function WhenNearView({ placeholder, children }: { placeholder: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    // Within a screen's height of the viewport: scrolling down reaches a panel already under way.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '100% 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return near ? <>{children}</> : <div ref={ref}>{placeholder}</div>;
}
