import type { FileLoadReport } from '../data-model/load-report';
import type { Row } from '../engine/types';
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
/**
 * The written form: each answer's column names once, then its rows as arrays of values (the
 * build ships every page's answers and the Overview's filter indexes: thousands of rows, whose
 * column names would otherwise make up most of the text, and of the time spent reading it).
 */
const PACKED = 2;

interface Packed {
  format: typeof PACKED;
  reports: FileLoadReport[];
  presence: [string, number][];
  answers: [key: string, columns: string[], rows: unknown[][]][];
}

export function snapshotToJson(snapshot: DemoSnapshot): string {
  const packed: Packed = {
    format: PACKED,
    reports: snapshot.reports,
    presence: snapshot.seed.presence,
    answers: snapshot.seed.answers.map(([key, rows]) => {
      const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
      return [key, columns, rows.map((row) => columns.map((c) => row[c]))];
    }),
  };
  return JSON.stringify(packed, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { [DATE]: raw.getTime() };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [NUMBER]: String(raw) };
    return value;
  });
}

export function snapshotFromJson(text: string): DemoSnapshot {
  const parsed = JSON.parse(text) as Packed | { seed?: unknown };
  // Written before answers were packed (first screens kept with a data set in the browser).
  if (!('format' in parsed) || parsed.format !== PACKED) return revive(parsed) as DemoSnapshot;
  const answers = parsed.answers.map(([key, columns, rows]): [string, Row[]] => [
    key,
    rows.map((values) => {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = revive(values[i]);
      return row;
    }),
  ]);
  return { seed: { presence: parsed.presence, answers }, reports: revive(parsed.reports) as FileLoadReport[] };
}

/** A value as it was written: Dates and non-finite numbers back from their JSON stand-ins. */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(revive);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === DATE) return new Date(obj[DATE] as number);
  if (keys.length === 1 && keys[0] === NUMBER) return Number(obj[NUMBER]);
  return Object.fromEntries(keys.map((k) => [k, revive(obj[k])]));
}
