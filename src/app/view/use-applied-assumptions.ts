import { useEffect, useRef, useState } from 'react';
import type { CurrencySettings } from '../../data-model/currency';
import type { Runner } from '../../runner/runner';

/** What the runner has applied, per runner: a fresh runner starts with the defaults ('{}'). */
const appliedOn = new WeakMap<Runner, string>();
const DEFAULTS_KEY = '{}';
const TYPING_PAUSE_MS = 350;

/** What identifies a set of settings: the assumptions' alone without currency settings (a fresh runner's '{}'). */
function settingsKey(values: Record<string, number>, currency?: CurrencySettings): string {
  return JSON.stringify(values) + (currency ? ` ${JSON.stringify(currency)}` : '');
}

/**
 * Applies the settings to the runner unless they are those it has (call inside Runner.exclusive):
 * whether it re-derived. A data set switched to (src/app/session/switch-data-set.ts) gets the
 * view's settings with its tables, before its figures are shown, rather than after them.
 */
export async function applySettings(runner: Runner, values: Record<string, number>, currency?: CurrencySettings): Promise<boolean> {
  const key = settingsKey(values, currency);
  if ((appliedOn.get(runner) ?? DEFAULTS_KEY) === key) return false;
  // Currency first without its own re-derive: setAssumptions re-derives with both.
  await runner.setCurrency(currency ?? {}, false);
  await runner.setAssumptions(values);
  appliedOn.set(runner, key);
  return true;
}

export interface AppliedAssumptions {
  /** Bumped each time the runner has re-derived with new assumptions (pages re-query). */
  version: number;
  /** The assumptions in the URL are the ones the models use. */
  inSync: boolean;
  /** Once true, stays true: the first assumptions (from the URL at load) have been applied. */
  started: boolean;
  error: string | null;
}

/**
 * Applies the assumptions of the view (only the edited ones; the rest are defaults) and its
 * currency settings (reporting currency, rates; data settings kept like the assumptions) to the
 * runner: `runner.setAssumptions(values)` rewrites the assumptions table and re-derives, then
 * `version` goes up so every panel runs its model again. Edits made while typing are applied
 * after a short pause, one application at a time (queued with data replacements, which use
 * the same connection), and only the latest edit counts.
 */
export function useAppliedAssumptions(runner: Runner, values: Record<string, number>, currency?: CurrencySettings): AppliedAssumptions {
  const key = settingsKey(values, currency);
  const [state, setState] = useState(() => ({
    version: 0,
    appliedKey: appliedOn.get(runner) ?? DEFAULTS_KEY,
    runner,
    started: (appliedOn.get(runner) ?? DEFAULTS_KEY) === key,
    error: null as string | null,
  }));
  const latest = useRef(key);
  latest.current = key;

  useEffect(() => {
    const current = appliedOn.get(runner) ?? DEFAULTS_KEY;
    if (current === key) {
      setState((s) =>
        s.runner === runner && s.appliedKey === key && s.started ? s : { ...s, runner, appliedKey: key, started: true, error: null },
      );
      return undefined;
    }
    let cancelled = false;
    const timer = setTimeout(
      () => {
        runner.exclusive(async () => {
          // A newer edit superseded this one while it waited: let that one apply.
          if (cancelled || latest.current !== key) return null;
          // Applied meanwhile with a switched data set: in sync, the pages already asked again.
          return applySettings(runner, values, currency);
        }).then(
          (derived) => {
            if (derived === null) return;
            setState((s) => ({
              version: derived ? s.version + 1 : s.version,
              runner,
              appliedKey: key,
              started: true,
              error: null,
            }));
          },
          (e: unknown) => {
            if (latest.current !== key) return;
            setState((s) => ({ ...s, started: true, error: e instanceof Error ? e.message : String(e) }));
          },
        );
      },
      // Apply the URL's assumptions at start at once; wait for a pause in typing afterwards.
      state.started ? TYPING_PAUSE_MS : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // state.started only chooses the delay; it must not re-run the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runner, key]);

  return {
    version: state.version,
    inSync: state.runner === runner && state.appliedKey === key,
    started: state.started,
    error: state.error,
  };
}
