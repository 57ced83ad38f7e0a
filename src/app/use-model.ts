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
  // `asked`: the parameters (and data version) the state answers; `state` is stale for any other.
  const [{ state, asked }, setAnswer] = useState<{ state: ModelState; asked: string }>({ state: { status: 'loading' }, asked: '' });
  const counter = useRef(createRequestCounter()).current;
  // Parameter objects are rebuilt on every render; compare them by value.
  const key = useMemo(() => JSON.stringify(params), [params]);
  const request = `${dataVersion}:${key}`;
  const known = useMemo(() => knownAnswer(runner, model, key, dataVersion), [runner, model, key, dataVersion]);
  // What was on screen (an answer given or a known one), kept dimmed while the next query runs:
  // stale from the very render that brings new parameters, not one render later (after the
  // effect), so the panel keeps its drawing without drawing it again (ModelPanel).
  const onScreen = useRef<ModelState>(state);
  const shown = known ?? (asked === request ? state : markStale(onScreen.current));
  onScreen.current = shown;

  useEffect(() => {
    if (known) {
      if (known.status === 'ok') runner.workAhead(model, JSON.parse(key) as ModelParams);
      return;
    }
    const started = counter.start();
    // Aborted when superseded: a query still waiting for its turn is then never sent.
    const superseded = new AbortController();
    const answered = (next: ModelState) => started.isLatest() && setAnswer({ state: next, asked: request });
    runner.run(model, JSON.parse(key) as ModelParams, superseded.signal).then(
      (result) => answered(fromResult(result)),
      (e: unknown) => answered(fromError(e)),
    );
    return () => {
      superseded.abort();
      counter.cancelAll();
    };
  }, [runner, model, key, counter, dataVersion, known, request]);

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
