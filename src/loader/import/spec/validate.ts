import { issueMessages } from './messages';
import { MappingSpecSchema } from './schema';
import type { MappingSpec } from './types';

export class MappingError extends Error {
  constructor(readonly errors: string[]) {
    super(`The mapping is not valid:\n- ${errors.join('\n- ')}`);
    this.name = 'MappingError';
  }
}

/**
 * Checks a parsed JSON value against the mapping schema (its shape and its rules); every
 * problem is listed with its path (targets[1].columns.quantity ...) in plain words.
 */
export function validateMapping(x: unknown): { ok: true; mapping: MappingSpec } | { ok: false; errors: string[] } {
  const r = MappingSpecSchema.safeParse(x);
  return r.success ? { ok: true, mapping: r.data } : { ok: false, errors: issueMessages(r.error.issues, MappingSpecSchema, x) };
}

/** Reads a mapping JSON file; throws MappingError listing every problem. */
export function parseMapping(text: string): MappingSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new MappingError([`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  const v = validateMapping(parsed);
  if (!v.ok) throw new MappingError(v.errors);
  return v.mapping;
}

/** The JSON file the user downloads (stable key order, two-space indent). */
export function stringifyMapping(m: MappingSpec): string {
  return JSON.stringify(m, null, 2) + '\n';
}
