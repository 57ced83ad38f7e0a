import { useEffect, useRef, useState } from 'react';
import type { CurrencySettings } from '../../data-model/currency';
import type { Runner } from '../../runner/runner';

/** What the runner has applied, per runner: a fresh runner starts with the defaults ('{}'). */
const appliedOn = new WeakMap<Runner, string>();
const DEFAULTS_KEY = '{}';
const TYPING_PAUSE_MS = 350;

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
  // Without currency settings the key is the assumptions' alone (a fresh runner's '{}').
  const key = JSON.stringify(values) + (currency ? ` ${JSON.stringify(currency)}` : '');
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
          if (cancelled || latest.current !== key) return false;
          // Currency first without its own re-derive: setAssumptions re-derives with both.
          await runner.setCurrency(currency ?? {}, false);
          await runner.setAssumptions(values);
          appliedOn.set(runner, key);
          return true;
        }).then(
          (applied) => {
            if (!applied) return;
            setState((s) => ({
              version: s.version + 1,
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
