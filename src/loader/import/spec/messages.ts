import type { z } from 'zod';
import { formatPath, isObject, type SpecPath } from './paths';

// The schema's findings as plain words with their path ("targets[1].columns.quantity: ..."),
// listed in the order of the mapping's fields (the schema's key order; a table's columns in
// the file's order), a field's own problem after those inside it.

type Schema = z.core.$ZodType;
type Def = { type: string; innerType?: Schema; in?: Schema; getter?: () => Schema; shape?: Record<string, Schema>; valueType?: Schema; element?: Schema; items?: Schema[]; options?: Schema[] };
const defOf = (s: Schema) => s._zod.def as unknown as Def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function unwrap(s: Schema): Schema {
  for (;;) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
}

const shapeOf = (s: Schema): Record<string, Schema> | null => {
  const d = defOf(unwrap(s));
  return d.type === 'object' && d.shape ? d.shape : null;
};

/** The union option an object value belongs to: the one that knows all its keys, else the one whose first key it has. */
function optionFor(options: Schema[], value: unknown): number | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  const pick = (test: (shape: Record<string, Schema>) => boolean) => {
    const hits = options.map((o, i) => [shapeOf(o), i] as const).filter(([sh]) => sh && test(sh));
    return hits.length === 1 ? hits[0]![1] : null;
  };
  return pick((sh) => keys.length > 0 && keys.every((k) => k in sh)) ?? pick((sh) => Object.keys(sh)[0]! in value);
}

function child(s: Schema, key: PropertyKey, value: unknown): Schema | null {
  const d = defOf(unwrap(s));
  if (d.type === 'object') return d.shape?.[key as string] ?? null;
  if (d.type === 'record') return d.valueType ?? null;
  if (d.type === 'array') return d.element ?? null;
  if (d.type === 'tuple') return d.items?.[key as number] ?? null;
  if (d.type === 'union' && d.options) {
    const i = optionFor(d.options, value) ?? d.options.findIndex((o) => shapeOf(o)?.[key as string]);
    return i >= 0 ? child(d.options[i]!, key, value) : null;
  }
  return null;
}

const valueAt = (x: unknown, path: SpecPath) => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), x);
const schemaAt = (root: Schema, x: unknown, path: SpecPath) =>
  path.reduce<Schema | null>((s, _k, i) => (s ? child(s, path[i]!, valueAt(x, path.slice(0, i))) : null), root);

/** Where a key stands among its siblings: schema order for fields, the file's order for a table's columns. */
function rank(s: Schema | null, key: PropertyKey, value: unknown): number {
  if (typeof key === 'number') return key;
  if (!s) return Number.MAX_SAFE_INTEGER;
  const d = defOf(unwrap(s));
  let keys: string[] = [];
  if (d.type === 'record' && isObject(value)) keys = Object.keys(value);
  else if (d.type === 'object') keys = Object.keys(d.shape ?? {});
  else if (d.type === 'union' && d.options) {
    const i = optionFor(d.options, value) ?? d.options.findIndex((o) => shapeOf(o)?.[key as string]);
    keys = i >= 0 ? Object.keys(shapeOf(d.options[i]!) ?? {}) : [];
  }
  const at = keys.indexOf(String(key));
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}

interface Found { path: SpecPath; message: string }

function flatten(issues: readonly z.core.$ZodIssue[], base: SpecPath, root: Schema, x: unknown, out: Found[]): void {
  for (const iss of issues) {
    const path = [...base, ...iss.path];
    if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      const s = schemaAt(root, x, path);
      const d = s ? defOf(unwrap(s)) : null;
      const i = d?.type === 'union' && d.options ? optionFor(d.options, valueAt(x, path)) : null;
      if (i !== null && iss.errors[i]) {
        flatten(iss.errors[i]!, path, root, x, out);
        continue;
      }
    }
    if (iss.code === 'unrecognized_keys') {
      const s = schemaAt(root, x, path);
      const known = Object.keys((s && shapeOf(s)) ?? {});
      for (const k of iss.keys) out.push({ path: [...path, k], message: `is not a field here (the fields are ${known.join(', ')})` });
      continue;
    }
    out.push({ path, message: iss.message });
  }
}

function compare(a: SpecPath, b: SpecPath, root: Schema, x: unknown): number {
  let s: Schema | null = root;
  for (let i = 0; ; i++) {
    if (i >= a.length || i >= b.length) return i >= a.length ? (i >= b.length ? 0 : 1) : -1;
    const value = valueAt(x, a.slice(0, i));
    if (a[i] !== b[i]) {
      const d = rank(s, a[i]!, value) - rank(s, b[i]!, value);
      return d !== 0 ? d : String(a[i]).localeCompare(String(b[i]));
    }
    s = s ? child(s, a[i]!, value) : null;
  }
}

/** Every problem zod found in x, in plain words with its path, in the mapping's order. */
export function issueMessages(issues: readonly z.core.$ZodIssue[], root: Schema, x: unknown): string[] {
  const found: Found[] = [];
  flatten(issues, [], root, x, found);
  const seen = new Set<string>();
  return found
    .sort((p, q) => compare(p.path, q.path, root, x))
    .map((f) => (f.path.length === 0 ? f.message : `${formatPath(f.path)}: ${f.message}`))
    .filter((m) => !seen.has(m) && seen.add(m));
}
