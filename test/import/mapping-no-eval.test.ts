import { afterEach, describe, expect, it } from 'vitest';
import { validateMapping } from '../../src/loader/import/spec/validate';
import { BAD_MAPPINGS, goodMapping } from './bad-mappings';

/**
 * The page runs under a Content-Security-Policy without 'unsafe-eval': validating a mapping
 * must never compile code. zod compiles fast validators with `new Function` unless told not to
 * (z.config({ jitless: true }) in spec/schema-values.ts); even its probe for eval support is a
 * CSP violation report in the browser. Here every `Function` construction is recorded.
 */

const realFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = realFunction;
});

describe('mapping validation under a CSP without eval', () => {
  it('never constructs a Function, on good or bad mappings', () => {
    const made: unknown[][] = [];
    globalThis.Function = new Proxy(realFunction, {
      construct(target, args) {
        made.push(args);
        throw new EvalError('Refused to evaluate a string as JavaScript (test CSP)');
      },
      apply(_target, _this, args) {
        made.push(args);
        throw new EvalError('Refused to evaluate a string as JavaScript (test CSP)');
      },
    });
    expect(validateMapping(goodMapping()).ok).toBe(true);
    for (const c of BAD_MAPPINGS) expect(validateMapping(c.mapping()).ok, c.name).toBe(false);
    expect(made).toEqual([]);
  });

  it('would notice a Function being made (the check can fail)', () => {
    const made: unknown[][] = [];
    globalThis.Function = new Proxy(realFunction, { construct: (t, args) => (made.push(args), Reflect.construct(t, args)) });
    void new Function('return 1');
    expect(made).toEqual([['return 1']]);
  });
});
