import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedUnderDefaults, recordDefaultsDerivedBy } from '../../src/app/session/demo-defaults';
import { createNodeRunner } from '../../src/host/node';
import type { Runner } from '../../src/runner/runner';

/**
 * Switching back to the demo copies in the build's demo database, derived under the default
 * settings (src/app/session/show-demo.ts): it is used as it is only while the settings in
 * effect are the defaults; an edited assumption or currency setting needs a derive.
 */
describe('the demo database is derived under the default settings', () => {
  let runner: Runner;
  beforeAll(async () => {
    runner = await createNodeRunner();
    await recordDefaultsDerivedBy(runner);
  }, 60_000);
  afterAll(async () => runner?.engine.close());

  it('is used as it is under the defaults', async () => {
    expect(await derivedUnderDefaults(runner)).toBe(true);
  });

  it('needs a derive under an edited assumption, and not once it is back to its default', async () => {
    await runner.setAssumptions({ handling_cost_per_return: 9 });
    expect(await derivedUnderDefaults(runner)).toBe(false);
    await runner.setAssumptions({});
    expect(await derivedUnderDefaults(runner)).toBe(true);
  });

  it('needs a derive under another reporting currency', async () => {
    await runner.setCurrency({ reporting: 'USD', rates: { EUR: 1.1 } });
    expect(await derivedUnderDefaults(runner)).toBe(false);
    await runner.setCurrency({});
    expect(await derivedUnderDefaults(runner)).toBe(true);
  });
});
