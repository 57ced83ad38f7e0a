import type { ReactNode } from 'react';
import { Badge } from '@tremor/react';
import type { ThemeChoice } from '../theme';
import { ThemeToggle } from './ThemeToggle';

/** Product name, where the data comes from, the privacy promise, app actions and the theme toggle. */
export function Header({
  source,
  dataSets,
  theme,
  onCycleTheme,
  actions,
}: {
  source: string | null;
  /** The choice between the data sets kept in this browser (shown once the data is ready). */
  dataSets?: ReactNode;
  theme: ThemeChoice;
  onCycleTheme: () => void;
  /** Buttons shown once the data is ready (saved views, assumptions). */
  actions?: ReactNode;
}) {
  // Two deliberate parts that never overlap: the product and its data on the left (the privacy
  // promise on its own line under the name, so the row stays one row at 1280 px), the actions
  // on the right, kept together. When they do not fit beside (a narrow window, a long data set
  // name with the data set switch) the actions move below as a whole, still on the right.
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3">
      <div className="min-w-0">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Returns Insight</h1>
          {source && (
            // A long data set name is cut with "…" inside the badge (whole in its title), never
            // spilling over the name or the data set switch.
            <Badge color="blue" className="max-w-[16rem] justify-start overflow-hidden [&_.tremor-Badge-text]:min-w-0 [&_.tremor-Badge-text]:truncate" title={source} data-testid="data-source">
              {source}
            </Badge>
          )}
          {dataSets}
        </div>
        <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="privacy-note">
          Runs in your browser; no data leaves this machine.
        </p>
      </div>
      <div className="ml-auto flex shrink-0 flex-wrap items-center gap-2" data-testid="header-actions">
        {actions}
        <ThemeToggle choice={theme} onCycle={onCycleTheme} />
      </div>
    </header>
  );
}

/** The look of the header's buttons (same as the theme toggle). */
export const headerButtonClass =
  'max-w-[16rem] rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none hover:bg-tremor-background-subtle focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:hover:bg-dark-tremor-background-subtle dark:focus-visible:ring-dark-tremor-brand-muted';
