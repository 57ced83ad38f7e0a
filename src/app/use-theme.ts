import { useCallback, useEffect, useState } from 'react';
import { applyTheme, nextTheme, onSystemThemeChange, readStoredTheme, storeTheme, type ThemeChoice } from './theme';

/** The theme choice, applied to <html> and kept in sync with the system when it is 'system'. */
export function useTheme(): { choice: ThemeChoice; cycle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(readStoredTheme);

  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system') return undefined;
    return onSystemThemeChange(() => applyTheme('system'));
  }, [choice]);

  const cycle = useCallback(() => {
    setChoice((c) => {
      const next = nextTheme(c);
      storeTheme(next);
      return next;
    });
  }, []);

  return { choice, cycle };
}
