import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNativeRunner, createNodeRunner, loadFolder } from '../host/node';
import { toCsv } from '../export/csv';
import type { ModelParams } from '../runner/runner';
import { analyzeAll } from './analyze';
import { readMappingFiles, summarizeImport } from '../loader/import/node';
import { importCheck } from './analyze';
import { NODE_API_INSTALL } from '../engine/native';
import { currencyCode, parseRate, type CurrencySettings } from '../data-model/currency';

const HELP = `returns-insight: returns analytics on your own files, nothing leaves the machine.

Usage:
  returns-insight analyze <folder> --out <dir> [--mapping <file.json|folder> ...] [--param name=value ...]
                          [--currency EUR] [--rate USD=0.92 ...]
                          [--engine wasm|native] [--memory-limit 4GB] [--threads N] [--database <file>] [--quiet]
  returns-insight import-check <file> [--preset <id>] [--mapping <file.json>] [--table <table>]
                               [--returns-file] [--out <mapping.json>]

<folder> holds one file per canonical table, named after it:
  order_lines.csv (required), products.csv, shipments.csv, returns.csv, reviews.csv
  (.csv, .tsv, .parquet or .json; ISO dates). See "Data contract" in the README.
With --mapping, it may instead hold exports as your platforms wrote them: each file whose
name matches a mapping's "files" patterns loads through that mapping (the other files of the
folder serve its lookups). --mapping can be repeated or name a folder of mappings (*.json);
data/mappings/ has mappings for the public sample data sets.

import-check reads one export, says which preset fits it (or suggests a mapping), prints the
mapping in words with any question left open (an ambiguous date order ...), tries it on the
file without keeping anything (rows that would load, be rejected or excluded, and why), and
with --out writes the mapping JSON to re-use with analyze --mapping. --returns-file: for a
Shopify orders export when a line-level returns file is loaded too (refunds are then not
turned into returns).

Writes to <dir>:
  <model>.csv              one per SQL model in queries/, over all the data (no date filter)
  <model>.<dim>.csv        models with a dimension parameter, once per dimension
                           (return_rate_by.sku.csv, cost_of_returns.reason.csv, ...)
  rejected_rows.csv        every row that was not loaded, with file, line and reason
  summary.json             what was loaded and rejected, each model's status and row count

Options:
  --out <dir>              output folder (created if missing)
  --mapping <path>         a mapping JSON file, or a folder of them (repeatable)
  --param name=value       pass a model parameter, e.g. --param change_date=2025-01-01
                           (applies to every model that has that parameter)
  --currency <code>        the reporting currency every money figure is in (default: the
                           most common currency of the order lines)
  --rate CODE=rate         reporting-currency units per one CODE, e.g. --rate USD=0.92
                           (repeatable). Lines in another currency without a rate are left
                           out of money figures (data_quality.csv says how many)
  --engine wasm|native     wasm (default): the browser's own DuckDB-WASM build, so the CLI's
                           numbers are the page's; holds everything in memory (like the page,
                           up to a few million order lines).
                           native: DuckDB 1.4.3 (the same version) as a native library, for
                           data too large for a browser (tens of millions of lines, Parquet
                           read where it lies): tables live in a database file and large
                           operators spill to disk, so memory stays near --memory-limit.
                           Needs ${NODE_API_INSTALL}
  --memory-limit <size>    native: DuckDB's memory limit (default: 80% of RAM), e.g. 4GB
  --threads <n>            native: worker threads (default: one per core)
  --database <file>        native: keep the loaded tables in this DuckDB file (default: a
                           temp file, removed at the end)
  --allow-partial          analyze even when a file of the folder cannot be used (it is
                           listed in summary.json as refused, its rows as rejected);
                           without it such a folder is refused with exit code 3
  --quiet                  print nothing but errors
  --help                   this text

Models whose input columns are absent are listed in summary.json as "needs_columns" with
the missing columns, instead of writing wrong numbers.`;

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return argv.length === 0 ? 1 : 0;
  }
  const [command, folder, ...rest] = argv;
  if (command === 'import-check' && folder) return importCheck(folder, rest);
  if (command !== 'analyze' || !folder) {
    console.error(`Unknown command "${command ?? ''}". Try --help.`);
    return 2;
  }
  const opts = parseOptions(rest);
  if ('error' in opts) {
    console.error(opts.error);
    return 2;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`${folder} is not a folder`);
    return 2;
  }
  const mappings = readMappingFiles(opts.mappings);
  if ('error' in mappings) {
    console.error(mappings.error);
    return 2;
  }
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  let runner;
  try {
    runner = opts.engine === 'native'
      ? await createNativeRunner({ memoryLimit: opts.memoryLimit, threads: opts.threads, databaseFile: opts.database })
      : await createNodeRunner();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
  log(`engine: ${opts.engine === 'native' ? 'native DuckDB' : 'DuckDB-WASM'} ${String((await runner.engine.query('SELECT version() AS v'))[0]!.v)}`);
  try {
    await runner.setCurrency(opts.currency);
    const load = await loadFolder(runner, folder, mappings.mappings, { allowPartial: opts.allowPartial });
    for (const r of load.canonical) {
      log(r.error ? `✗ ${r.error}` : `✓ ${r.file}: ${r.rowsLoaded} of ${r.rowsRead} rows loaded, ${r.rowsRejected} rejected`);
    }
    for (const r of load.reports) summarizeImport(r).forEach((l) => log(l));
    for (const f of load.lookupOnly) log(`· ${f}: read by a mapping's lookup`);
    for (const f of load.unused) log(`· ${f}: not used (no mapping names it)`);
    const partial = load.coverage.filter((c) => c.unmatched > 0 || c.with_key < c.total);
    for (const c of partial) {
      const noKey = c.total - c.with_key;
      log(`  coverage: ${c.matched} of ${c.with_key} ${c.description}${noKey > 0 ? ` (${noKey} more without the key)` : ''}`);
    }
    if (!load.result.replaced) {
      console.error(load.result.problem ?? `${folder}: nothing was loaded`);
      // A refused file: exit 3 (analyze the rest with --allow-partial); no usable order lines: 1.
      return load.result.refusedFiles.length > 0 && load.result.reports.some((r) => r.table === 'order_lines' && !r.error && r.rowsLoaded > 0) ? 3 : 1;
    }
    mkdirSync(opts.out, { recursive: true });
    const outputs = await analyzeAll(runner, opts.params);
    for (const o of outputs) {
      if (o.status === 'ok') {
        writeFileSync(path.join(opts.out, o.file), toCsv(o.rows, o.columns));
        log(`  ${o.file}: ${o.rows.length} rows`);
      } else {
        log(`  ${o.file}: skipped, needs ${o.missing.join(', ')}`);
      }
    }
    const rejected = await runner.engine.query(
      `SELECT table_name, source_file, line_number, severity, reason, raw FROM load_issues ORDER BY source_file, line_number`,
    );
    // People open this file in spreadsheets, and `raw` is whatever the export held.
    writeFileSync(
      path.join(opts.out, 'rejected_rows.csv'),
      toCsv(rejected, ['table_name', 'source_file', 'line_number', 'severity', 'reason', 'raw'], { neutralizeFormulas: true }),
    );
    const summary = {
      input: path.resolve(folder),
      loads: load.canonical,
      refusedFiles: load.result.refusedFiles,
      ...(mappings.mappings.length > 0
        ? {
            mappings: mappings.mappings.map((m) => ({ name: m.name, files: m.files ?? [] })),
            imports: load.reports,
            lookupFiles: load.lookupOnly,
            unusedFiles: load.unused,
          }
        : {}),
      coverage: load.coverage,
      models: outputs.map(({ rows, columns, ...meta }) => ({ ...meta, rows: rows.length, columns })),
    };
    writeFileSync(path.join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    log(`Wrote ${outputs.filter((o) => o.status === 'ok').length} model files to ${opts.out}`);
    return 0;
  } finally {
    await runner.engine.close();
  }
}

interface AnalyzeOptions {
  out: string;
  params: ModelParams;
  currency: CurrencySettings;
  quiet: boolean;
  mappings: string[];
  engine: 'wasm' | 'native';
  memoryLimit?: string;
  threads?: number;
  database?: string;
  /** Analyze even when a file of the folder could not be used (it is listed in summary.json). */
  allowPartial: boolean;
}

function parseOptions(args: string[]): AnalyzeOptions | { error: string } {
  let out: string | undefined;
  let engine: AnalyzeOptions['engine'] = 'wasm';
  let memoryLimit: string | undefined;
  let threads: number | undefined;
  let database: string | undefined;
  const params: ModelParams = {};
  const currency: Required<CurrencySettings> = { reporting: null, rates: {} };
  const mappings: string[] = [];
  let quiet = false;
  let allowPartial = false;
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
  return { out, params, currency, quiet, mappings, engine, memoryLimit, threads, database, allowPartial };
}
