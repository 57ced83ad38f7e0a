import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNodeRunner, loadFolder } from '../engine/node-session';
import { toCsv } from '../export/csv';
import type { ModelParams } from '../runner/runner';
import { analyzeAll } from './analyze';

const HELP = `returns-insight: returns analytics on your own files, nothing leaves the machine.

Usage:
  returns-insight analyze <folder> --out <dir> [--param name=value ...] [--quiet]

<folder> holds one file per canonical table, named after it:
  order_lines.csv (required), products.csv, shipments.csv, returns.csv, reviews.csv
  (.csv, .tsv, .parquet or .json; ISO dates). See "Data contract" in the README.

Writes to <dir>:
  <model>.csv              one per SQL model in queries/, over all the data (no date filter)
  <model>.<dim>.csv        models with a dimension parameter, once per dimension
                           (return_rate_by.sku.csv, cost_of_returns.reason.csv, ...)
  rejected_rows.csv        every row that was not loaded, with file, line and reason
  summary.json             what was loaded and rejected, each model's status and row count

Options:
  --out <dir>              output folder (created if missing)
  --param name=value       pass a model parameter, e.g. --param change_date=2025-01-01
                           (applies to every model that has that parameter)
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
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const runner = await createNodeRunner();
  try {
    const loads = await loadFolder(runner, folder);
    for (const l of loads) {
      log(l.error ? `✗ ${l.error}` : `✓ ${l.file}: ${l.rowsLoaded} of ${l.rowsRead} rows loaded, ${l.rowsRejected} rejected`);
    }
    if (!loads.some((l) => l.table === 'order_lines' && !l.error)) {
      console.error(`${folder} has no readable order_lines file; nothing to analyze.`);
      return 1;
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
      `SELECT source_file, line_number, severity, reason, raw FROM load_issues ORDER BY source_file, line_number`,
    );
    writeFileSync(
      path.join(opts.out, 'rejected_rows.csv'),
      toCsv(rejected, ['source_file', 'line_number', 'severity', 'reason', 'raw']),
    );
    const summary = {
      input: path.resolve(folder),
      loads,
      models: outputs.map(({ rows, columns, ...meta }) => ({ ...meta, rows: rows.length, columns })),
    };
    writeFileSync(path.join(opts.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    log(`Wrote ${outputs.filter((o) => o.status === 'ok').length} model files to ${opts.out}`);
    return 0;
  } finally {
    await runner.engine.close();
  }
}

function parseOptions(args: string[]): { out: string; params: ModelParams; quiet: boolean } | { error: string } {
  let out: string | undefined;
  const params: ModelParams = {};
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out') out = args[++i];
    else if (a === '--quiet') quiet = true;
    else if (a === '--param') {
      const kv = args[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) return { error: `--param takes name=value, got "${kv}"` };
      params[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else return { error: `Unknown option ${a}. Try --help.` };
  }
  if (!out) return { error: '--out <dir> is required. Try --help.' };
  return { out, params, quiet };
}
