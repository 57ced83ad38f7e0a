import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelParams, ModelResult, Runner } from '../runner/runner';
import { createRequestCounter } from './latest-only';
import { fromError, fromResult, markStale, type ModelState } from './model-state';

/**
 * Runs one model with these parameters whenever they change, and returns what to render.
 * Only the latest request's answer is kept (results of superseded queries are dropped).
 * `dataVersion` changes when the data or the assumptions change, so the same parameters re-run.
 *
 * An answer the runner already knows (kept, or read from a filter index) is returned in the
 * same render that brings the new parameters, like a store read: a filter change whose answers
 * are all known redraws the page once, with no "computing" pass before it.
 */
export function useModel(runner: Runner, model: string, params: ModelParams, dataVersion = 0): ModelState {
  const [state, setState] = useState<ModelState>({ status: 'loading' });
  const counter = useRef(createRequestCounter()).current;
  // Parameter objects are rebuilt on every render; compare them by value.
  const key = useMemo(() => JSON.stringify(params), [params]);
  const known = useMemo(() => knownAnswer(runner, model, key, dataVersion), [runner, model, key, dataVersion]);
  const shown = known ?? state;
  // What is on screen, for the next query to keep (dimmed) while it runs.
  const onScreen = useRef(shown);
  onScreen.current = shown;

  useEffect(() => {
    if (known) {
      if (known.status === 'ok') runner.workAhead(model, JSON.parse(key) as ModelParams);
      return;
    }
    const request = counter.start();
    // Aborted when superseded: a query still waiting for its turn is then never sent.
    const superseded = new AbortController();
    setState(markStale(onScreen.current));
    runner.run(model, JSON.parse(key) as ModelParams, superseded.signal).then(
      (result) => request.isLatest() && setState(fromResult(result)),
      (e: unknown) => request.isLatest() && setState(fromError(e)),
    );
    return () => {
      superseded.abort();
      counter.cancelAll();
    };
  }, [runner, model, key, counter, dataVersion, known]);

  return shown;
}

function knownAnswer(runner: Runner, model: string, key: string, _dataVersion: number): ModelState | null {
  let result: ModelResult | null;
  try {
    result = runner.answerNow(model, JSON.parse(key) as ModelParams);
  } catch (e) {
    return fromError(e);
  }
  return result ? fromResult(result) : null;
}
