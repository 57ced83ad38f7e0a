import type { FileLoadReport } from '../data-model/load-report';
import type { RunnerSeed } from '../runner/runner';

/** What the build computes for the bundled demo data (see src/build/demo-snapshot.ts). */
export interface DemoSnapshot {
  seed: RunnerSeed;
  /** The load reports of the demo files, as the Data page shows them. */
  reports: FileLoadReport[];
}

// Rows hold Dates and may hold non-finite numbers, which plain JSON would turn into strings and nulls.
const DATE = '$date';
const NUMBER = '$number';

export function snapshotToJson(snapshot: DemoSnapshot): string {
  return JSON.stringify(snapshot, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE]: raw.getTime() };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [NUMBER]: String(raw) };
    return value;
  });
}

export function snapshotFromJson(text: string): DemoSnapshot {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE) return new Date((value as Record<string, number>)[DATE]!);
      if (keys.length === 1 && keys[0] === NUMBER) return Number((value as Record<string, string>)[NUMBER]);
    }
    return value;
  }) as DemoSnapshot;
}
