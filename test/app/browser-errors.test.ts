import { describe, expect, it } from 'vitest';
import { cleanError } from '../../src/engine/browser-errors';

describe('cleanError', () => {
  it('keeps the first non-empty lines of the message and drops the stack', () => {
    const e = new Error('Binder Error: Referenced column "x" not found\n\nLINE 1: SELECT x FROM t\n               ^\nmore\nand more');
    e.stack = 'at wasm-function[123]\n'.repeat(50);
    expect(cleanError(e).message).toBe('Binder Error: Referenced column "x" not found\nLINE 1: SELECT x FROM t\n               ^');
  });

  it('handles non-errors, empty messages and very long lines', () => {
    expect(cleanError('plain').message).toBe('plain');
    expect(cleanError(new Error('')).message).toBe('Unknown database error');
    expect(cleanError(new Error('x'.repeat(400))).message).toHaveLength(300);
  });
});
