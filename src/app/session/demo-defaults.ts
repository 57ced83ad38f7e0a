import type { Runner } from '../../runner/runner';

/*
 * The demo database's derived tables were made by the build under the default settings
 * (assumptions, currency). The page's runner starts with those same defaults, so its
 * deriveFingerprint() at start names them; opening the demo database later, under other
 * settings, needs a derive (src/app/session/show-demo.ts).
 */

let defaultsDerivedBy: Promise<string> | null = null;

/** Called once the start has the data in, before any settings are applied (inside Runner.exclusive). */
export async function recordDefaultsDerivedBy(runner: Runner): Promise<void> {
  defaultsDerivedBy ??= runner.deriveFingerprint();
  await defaultsDerivedBy.catch(() => undefined);
}

/** Whether the runner's settings now are those the demo database was derived under (call inside Runner.exclusive). */
export async function derivedUnderDefaults(runner: Runner): Promise<boolean> {
  const defaults = await defaultsDerivedBy?.catch(() => null);
  return defaults !== undefined && defaults !== null && defaults === (await runner.deriveFingerprint());
}
