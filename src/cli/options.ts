import { currencyCode, parseRate, type CurrencySettings } from '../data-model/currency';
import { FILTER_PARAMS, type ModelHeader } from '../runner/model-header';
import { checkParamValue, declarationsOf } from '../runner/param-check';
import { isListing } from './analyze';

export interface AnalyzeOptions {
  out: string;
  /** --param values as given; checked against the models' headers by checkParams. */
  params: Record<string, string>;
  quiet: boolean;
  mappings: string[];
  engine: 'wasm' | 'native';
  memoryLimit?: string;
  threads?: number;
  database?: string;
  /** The reporting currency and rates (--currency, --rate). */
  currency: Required<CurrencySettings>;
  /** Analyze even when a file of the folder could not be used (it is listed in summary.json). */
  allowPartial: boolean;
}

export function parseOptions(args: string[]): AnalyzeOptions | { error: string } {
  let out: string | undefined;
  let engine: AnalyzeOptions['engine'] = 'wasm';
  let memoryLimit: string | undefined;
  let threads: number | undefined;
  let database: string | undefined;
  // No prototype: `--param __proto__=x` is a name like any other (and refused as unknown).
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const mappings: string[] = [];
  let quiet = false;
  let allowPartial = false;
  const currency: Required<CurrencySettings> = { reporting: null, rates: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out') out = args[++i];
    else if (a === '--quiet') quiet = true;
    else if (a === '--allow-partial') allowPartial = true;
    else if (a === '--engine') {
      const e = args[++i];
      if (e !== 'wasm' && e !== 'native') return { error: `--engine takes wasm or native, got "${e ?? ''}"` };
      engine = e;
    } else if (a === '--memory-limit') {
      memoryLimit = args[++i];
      // Bound as a config value, but checked here so a typo fails with a clear message.
      if (!memoryLimit || !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) return { error: `--memory-limit takes a size like 4GB, got "${memoryLimit ?? ''}"` };
    } else if (a === '--threads') {
      threads = Number(args[++i]);
      if (!Number.isInteger(threads) || threads < 1) return { error: '--threads takes a positive whole number' };
    } else if (a === '--database') {
      database = args[++i];
      if (!database) return { error: '--database takes a file path' };
    }
    else if (a === '--mapping') {
      const m = args[++i];
      if (!m) return { error: '--mapping takes a mapping file or a folder of them' };
      mappings.push(m);
    }
    else if (a === '--param') {
      const kv = args[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) return { error: `--param takes name=value, got "${kv}"` };
      params[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--currency') {
      currency.reporting = currencyCode(args[++i] ?? '');
      if (!currency.reporting) return { error: `--currency takes a three-letter currency code like EUR, got "${args[i] ?? ''}"` };
    } else if (a === '--rate') {
      const r = parseRate(args[++i] ?? '');
      if ('error' in r) return r;
      currency.rates[r.currency] = r.rate;
    } else return { error: `Unknown option ${a}. Try --help.` };
  }
  if (!out) return { error: '--out <dir> is required. Try --help.' };
  if (engine === 'wasm' && (memoryLimit || threads || database)) return { error: '--memory-limit, --threads and --database apply to --engine native' };
  return { out, params, quiet, mappings, engine, memoryLimit, threads, database, currency, allowPartial };
}

/**
 * Checks each --param against the headers of the models it goes to (those the CLI runs), with
 * the runner's own check: the one-line message names the parameter and says what it takes,
 * before any data is loaded. Returns null when every value is fine.
 */
export function checkParams(headers: readonly ModelHeader[], params: Record<string, string>): string | null {
  const metrics = headers.filter((h) => !isListing(h));
  for (const [name, value] of Object.entries(params)) {
    if (name === 'dim') return '--param dim: not settable; the CLI writes each dimension to its own file (return_rate_by.sku.csv ...)';
    const declared = declarationsOf(metrics, name, false);
    if (declared.length === 0) {
      if ((FILTER_PARAMS as readonly string[]).includes(name)) return `--param ${name}: the CLI analyzes all the data; the page's filters (date_from, channel ...) are not taken`;
      const known = [...new Set(metrics.flatMap((h) => h.params.map((p) => p.name)))].filter((n) => n !== 'dim').sort();
      return `--param ${name}: no model takes a parameter of that name (known: ${known.join(', ')})`;
    }
    if (value.trim() === '') return `--param ${name}=: give a value, or leave the option out for the model's default`;
    for (const d of declared) {
      const checked = checkParamValue(d.type, value);
      // Models that declare the name differently are named, so the message says which one refuses.
      const which = declared.some((o) => JSON.stringify(o.type) !== JSON.stringify(d.type)) ? ` (for ${d.model})` : '';
      if (!checked.ok) return `--param ${name}=${value}: ${checked.problem}${which}`;
    }
  }
  return null;
}
