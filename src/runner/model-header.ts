/**
 * Reads the contract a model states in its header comment:
 *
 *   -- return_rate_by: return rates per value of one dimension
 *   -- free text describing what it computes and how it ranks ...
 *   -- @filters                                  takes the global filter parameters
 *   -- @param dim enum(sku|category|supplier) = sku : dimension to group by
 *   -- @requires products.category when dim=category
 *   -- @output dim_value : the value of the dimension
 */

export type ParamType =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'bool' }
  | { kind: 'enum'; values: string[] };

export interface ParamSpec {
  name: string;
  type: ParamType;
  defaultValue: string | null;
  description: string;
}

export interface Requirement {
  columns: string[];
  when?: { param: string; value: string };
}

export interface ModelHeader {
  name: string;
  title: string;
  description: string;
  usesFilters: boolean;
  params: ParamSpec[];
  requires: Requirement[];
  outputs: { name: string; description: string }[];
}

/** The global filters every `@filters` model accepts, in the order the macros take them. */
export const FILTER_PARAMS = [
  'date_from',
  'date_to',
  'channel',
  'region',
  'category',
  'supplier',
  'carrier',
  'sku',
  'reason',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export function parseHeader(name: string, sql: string): ModelHeader {
  const lines: string[] = [];
  for (const line of sql.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('--')) break;
    lines.push(t.replace(/^--\s?/, ''));
  }
  const first = lines.shift() ?? '';
  const m = /^([\w.]+):\s*(.*)$/.exec(first);
  if (!m || m[1] !== name) {
    throw new Error(`queries/${name}.sql must start with "-- ${name}: <what it computes>"`);
  }
  const header: ModelHeader = {
    name,
    title: m[2]!.trim(),
    description: '',
    usesFilters: false,
    params: [],
    requires: [],
    outputs: [],
  };
  const text: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@filters')) header.usesFilters = true;
    else if (line.startsWith('@param ')) header.params.push(parseParam(name, line));
    else if (line.startsWith('@requires ')) header.requires.push(parseRequires(line));
    else if (line.startsWith('@output ')) {
      const [col, ...rest] = line.slice(8).split(':');
      header.outputs.push({ name: col!.trim(), description: rest.join(':').trim() });
    } else text.push(line);
  }
  header.description = text.join('\n').trim();
  return header;
}

function parseParam(model: string, line: string): ParamSpec {
  const m = /^@param\s+(\w+)\s+(text|number|date|bool|enum\(([^)]*)\))(?:\s*=\s*(\S+))?\s*(?::\s*(.*))?$/.exec(line);
  if (!m) throw new Error(`queries/${model}.sql: cannot read "${line}"`);
  const type: ParamType =
    m[2]!.startsWith('enum')
      ? { kind: 'enum', values: m[3]!.split('|').map((v) => v.trim()) }
      : ({ kind: m[2] } as ParamType);
  const def = m[4] === undefined || m[4] === 'null' ? null : m[4];
  return { name: m[1]!, type, defaultValue: def, description: (m[5] ?? '').trim() };
}

function parseRequires(line: string): Requirement {
  const [cols, cond] = line.slice('@requires '.length).split(/\s+when\s+/);
  const req: Requirement = { columns: cols!.split(/[\s,]+/).filter(Boolean) };
  if (cond) {
    const [param, value] = cond.trim().split('=');
    req.when = { param: param!.trim(), value: value!.trim() };
  }
  return req;
}
