import { describe, expect, it } from 'vitest';
import { createRequestCounter } from '../../src/app/latest-only';

describe('request counter', () => {
  it('keeps only the latest request, whatever order the answers arrive in', async () => {
    const counter = createRequestCounter();
    const shown: string[] = [];
    const run = (label: string, ms: number) => {
      const req = counter.start();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (req.isLatest()) shown.push(label);
          resolve();
        }, ms),
      );
    };
    // The first (slow) query is superseded by the second, which answers earlier.
    await Promise.all([run('old filters', 30), run('new filters', 5)]);
    expect(shown).toEqual(['new filters']);
  });

  it('drops everything after cancelAll (component unmounted)', () => {
    const counter = createRequestCounter();
    const req = counter.start();
    counter.cancelAll();
    expect(req.isLatest()).toBe(false);
  });
});
