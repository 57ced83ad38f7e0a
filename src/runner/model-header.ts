/**
 * Reads the contract a model states in its header comment:
 *
 *   -- return_rate_by: return rates per value of one dimension
 *   -- free text describing what it computes and how it ranks ...
 *   -- @filters                                  takes the global filter parameters
 *   -- @param dim enum(sku|category|supplier) = sku : dimension to group by
 *   -- @requires products.category when dim=category
 *   -- @output dim_value : the value of the dimension
 *   -- @missing refund_amount when returns.refund_amount
 *
 * `@missing <output> when <table.column> [and <table.column> ...]`: the model leaves that output
 * NULL, meaning "not in the data", when every one of those columns holds no value in the loaded
 * data (several @missing lines for one output: any of them). The model still runs; the page
 * and the CLI say which figures the data cannot give, and why (see figuresNotInData).
 *
 * A model with one row per metric or rule (long format) names the figure by its row:
 * `@missing amount[rule=outside_window] when returns.refund_amount` is the `amount` cell of the
 * row whose `rule` is 'outside_window' (the figure's key, as figuresNotInData lists it, is
 * written the same way; see figureKey).
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

export interface MissingWhen {
  output: string;
  /** Only the row whose `column` holds `value` (long-format models), else every row. */
  row?: { column: string; value: string };
  /** How the figure is named to the page and in summary.json: `output` or `output[column=value]`. */
  figure: string;
  /** The output is not in the data when all of these hold no value. */
  columns: string[];
}

export interface ModelHeader {
  name: string;
  title: string;
  description: string;
  usesFilters: boolean;
  params: ParamSpec[];
  requires: Requirement[];
  outputs: { name: string; description: string }[];
  missing: MissingWhen[];
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
    missing: [],
  };
  const text: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@filters')) header.usesFilters = true;
    else if (line.startsWith('@param ')) header.params.push(parseParam(name, line));
    else if (line.startsWith('@requires ')) header.requires.push(parseRequires(line));
    else if (line.startsWith('@missing ')) header.missing.push(parseMissing(name, line));
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

function parseMissing(model: string, line: string): MissingWhen {
  const m = /^@missing\s+(\w+)(?:\[(\w+)=([\w-]+)\])?\s+when\s+(.+)$/.exec(line);
  if (!m) {
    throw new Error(
      `queries/${model}.sql: cannot read "${line}" (write "@missing <output>[<column>=<value>] when <table.column> [and ...]", the [...] part only for one row)`,
    );
  }
  const row = m[2] ? { column: m[2], value: m[3]! } : undefined;
  return { output: m[1]!, row, figure: figureKey(m[1]!, row?.column, row?.value), columns: m[4]!.split(/\s+and\s+/).map((c) => c.trim()) };
}

/**
 * The name of a figure that may be not in the data: the output, or for one row of a long-format
 * model `output[column=value]` (`figureKey('amount', 'rule', 'outside_window')`).
 */
export function figureKey(output: string, rowColumn?: string, rowValue?: unknown): string {
  return rowColumn === undefined ? output : `${output}[${rowColumn}=${String(rowValue)}]`;
}

/**
 * The outputs of a model that the loaded data cannot give (its `@missing` lines whose columns
 * all hold no value), each with the empty columns that make it so. `hasValues` answers for
 * 'table.column' (the runner's column presence).
 */
export function figuresNotInData(header: ModelHeader, hasValues: (column: string) => boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of header.missing) {
    if (m.columns.some(hasValues)) continue;
    out[m.figure] = [...new Set([...(out[m.figure] ?? []), ...m.columns])];
  }
  return out;
}

/**
 * The empty columns that make one cell of a model's row "not in the data" (undefined when it
 * is not): the figure `output`, or `output[column=value]` when this row's `column` is `value`.
 * `figures` is what figuresNotInData (Runner.notInData) gave for that model.
 */
export function cellNotInData(
  figures: Record<string, string[]>,
  output: string,
  row: Record<string, unknown>,
): string[] | undefined {
  const whole = figures[output];
  if (whole) return whole;
  for (const [key, columns] of Object.entries(figures)) {
    const m = /^(\w+)\[(\w+)=([\w-]+)\]$/.exec(key);
    if (m && m[1] === output && String(row[m[2]!]) === m[3]) return columns;
  }
  return undefined;
}
