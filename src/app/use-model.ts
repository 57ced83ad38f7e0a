import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelParams, Runner } from '../runner/runner';
import { createRequestCounter } from './latest-only';
import { fromError, fromResult, markStale, type ModelState } from './model-state';

/**
 * Runs one model with these parameters whenever they change, and returns what to render.
 * Only the latest request's answer is kept (results of superseded queries are dropped).
 * `dataVersion` changes when the data or the assumptions change, so the same parameters re-run.
 */
export function useModel(runner: Runner, model: string, params: ModelParams, dataVersion = 0): ModelState {
  const [state, setState] = useState<ModelState>({ status: 'loading' });
  const counter = useRef(createRequestCounter()).current;
  // Parameter objects are rebuilt on every render; compare them by value.
  const key = useMemo(() => JSON.stringify(params), [params]);

  useEffect(() => {
    const request = counter.start();
    // Aborted when superseded: a query still waiting for its turn is then never sent.
    const superseded = new AbortController();
    setState(markStale);
    runner.run(model, JSON.parse(key) as ModelParams, superseded.signal).then(
      (result) => request.isLatest() && setState(fromResult(result)),
      (e: unknown) => request.isLatest() && setState(fromError(e)),
    );
    return () => {
      superseded.abort();
      counter.cancelAll();
    };
  }, [runner, model, key, counter, dataVersion]);

  return state;
}
