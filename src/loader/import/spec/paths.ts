/** A place in a mapping: keys and list positions from the top. */
export type SpecPath = readonly PropertyKey[];

/** targets[1].columns.quantity: how a place in a mapping is written in messages and in `questions[].at`. */
export function formatPath(path: SpecPath): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? String(k) : `${s}.${String(k)}`), '');
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
