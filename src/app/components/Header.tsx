import { Badge } from '@tremor/react';
import type { ThemeChoice } from '../theme';
import { ThemeToggle } from './ThemeToggle';

/** Product name, where the data comes from, and the theme toggle. */
export function Header({ source, theme, onCycleTheme }: { source: string | null; theme: ThemeChoice; onCycleTheme: () => void }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Returns Insight</h1>
        {source && (
          <Badge color="blue" data-testid="data-source">
            {source}
          </Badge>
        )}
      </div>
      <div className="flex items-center gap-3">
        <span className="hidden text-tremor-label text-tremor-content dark:text-dark-tremor-content sm:inline">
          Runs in your browser; no data leaves this machine.
        </span>
        <ThemeToggle choice={theme} onCycle={onCycleTheme} />
      </div>
    </header>
  );
}
