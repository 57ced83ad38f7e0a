import type { ThemeChoice } from '../theme';

const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles system → light → dark; 'system' follows the operating system's setting. */
export function ThemeToggle({ choice, onCycle }: { choice: ThemeChoice; onCycle: () => void }) {
  return (
    <button
      type="button"
      onClick={onCycle}
      data-testid="theme-toggle"
      className="rounded-tremor-default border border-tremor-border px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:hover:bg-dark-tremor-background-subtle"
    >
      {LABEL[choice]}
    </button>
  );
}
