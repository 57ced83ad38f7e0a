import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNativeRunner, createNodeRunner, loadFolder } from '../host/node';
import { toCsv } from '../export/csv';
import { OpenQuestionsError, readMappingFiles, summarizeImport } from '../loader/import/node';
import type { MappingSpec } from '../loader/import/spec';
import { parseHeader } from '../runner/model-header';
import { readQuerySources } from '../runner/query-files-node';
import { modelNames } from '../runner/query-sources';
import { analyzeAll, importCheck, notInDataSummary } from './analyze';
import { CliError, EXIT, firstLine, fsReason, isFsError, reportError } from './errors';
import { HELP } from './help';
import { checkParams, parseOptions, type AnalyzeOptions } from './options';
import { prepareOutDir, REJECTED_FILE, removeIfEmpty, writeOutputs } from './out-dir';

/**
 * `returns-insight <command> ...`: returns the exit code (see EXIT in errors.ts). Whatever goes
 * wrong ends in one line on stderr; `--debug` adds the stack.
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await run(argv.filter((a) => a !== '--debug'));
  } catch (e) {
    return reportError(e, debug);
  }
}

async function run(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const [command, folder, ...rest] = argv;
  if (command !== 'analyze' && command !== 'import-check') throw new CliError(`Unknown command "${command ?? ''}". Try --help.`, EXIT.usage);
  if (!folder || folder.startsWith('--')) {
    throw new CliError(command === 'analyze' ? 'analyze needs the data folder first: analyze <folder> --out <dir>' : 'import-check needs the file first: import-check <file>', EXIT.usage);
  }
  if (command === 'import-check') return importCheck(folder, rest);
  const opts = parseOptions(rest);
  if ('error' in opts) throw new CliError(opts.error, EXIT.usage);
  const sources = readQuerySources();
  const paramProblem = checkParams(modelNames(sources).map((n) => parseHeader(n, sources[n]!)), opts.params);
  if (paramProblem) throw new CliError(paramProblem, EXIT.usage);
  checkDataFolder(folder);
  const mappings = readMappingFiles(opts.mappings);
  if ('error' in mappings) throw new CliError(mappings.error, EXIT.usage);
  const { created } = prepareOutDir(opts.out);
  try {
    return await analyze(folder, opts, mappings);
  } catch (e) {
    // A run that stops before writing leaves no empty --out folder behind.
    if (created) removeIfEmpty(opts.out);
    throw e;
  }
}

/** Loads the folder, runs every model and writes the outputs. */
async function analyze(folder: string, opts: AnalyzeOptions, mappings: { mappings: MappingSpec[] }): Promise<number> {
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  let runner;
  try {
    runner = opts.engine === 'native'
      ? await createNativeRunner({ memoryLimit: opts.memoryLimit, threads: opts.threads, databaseFile: opts.database })
      : await createNodeRunner();
  } catch (e) {
    throw new CliError(firstLine(e), EXIT.failed);
  }
  log(`engine: ${opts.engine === 'native' ? 'native DuckDB' : 'DuckDB-WASM'} ${String((await runner.engine.query('SELECT version() AS v'))[0]!.v)}`);
  try {
    await runner.setCurrency(opts.currency);
    let load;
    try {
      load = await loadFolder(runner, folder, mappings.mappings, { allowPartial: opts.allowPartial });
    } catch (e) {
      if (!(e instanceof OpenQuestionsError)) throw e;
      // One line per question (stderr, even with --quiet: it is why the run stopped).
      for (const q of e.questions) console.error(`? ${q}`);
      throw new CliError(`nothing analyzed: ${e.message} (the questions above)`, EXIT.openQuestions);
    }
    for (const d of load.detected) log(`· ${d.file}: read as ${d.preset.label} (recognised by its columns, confidence ${d.preset.confidence})`);
    for (const r of load.canonical) {
      log(r.error ? `✗ ${r.error}` : `✓ ${r.file}: ${r.rowsLoaded} of ${r.rowsRead} rows loaded, ${r.rowsRejected} rejected`);
    }
    for (const r of load.reports) summarizeImport(r).forEach((l) => log(l));
    for (const f of load.lookupOnly) log(`· ${f}: read by a mapping's lookup`);
    for (const f of load.unused) log(`· ${f}: not used (${mappings.mappings.length > 0 ? 'no mapping names it' : 'no table or preset fits it'})`);
    for (const c of load.coverage.filter((x) => x.unmatched > 0 || x.with_key < x.total)) {
      const noKey = c.total - c.with_key;
      log(`  coverage: ${c.matched} of ${c.with_key} ${c.description}${noKey > 0 ? ` (${noKey} more without the key)` : ''}`);
    }
    const loads = {
      input: path.resolve(folder),
      loads: load.canonical,
      refusedFiles: load.result.refusedFiles,
      ...(mappings.mappings.length > 0 ? { mappings: mappings.mappings.map((m) => ({ name: m.name, files: m.files ?? [] })) } : {}),
      ...(mappings.mappings.length > 0 || load.reports.length > 0 || load.unused.length > 0
        ? {
            ...(load.detected.length > 0 ? { detected: load.detected.map((d) => ({ file: d.file, preset: d.preset.id, label: d.preset.label, confidence: d.preset.confidence })) } : {}),
            imports: load.reports,
            lookupFiles: load.lookupOnly,
            unusedFiles: load.unused,
          }
        : {}),
      coverage: load.coverage,
    };
    const csv = { neutralizeFormulas: true };
    const issueColumns = ['table_name', 'source_file', 'line_number', 'severity', 'reason', 'raw'];
    if (!load.result.replaced) {
      const usableLines = load.result.reports.some((r) => r.table === 'order_lines' && !r.error && r.rowsLoaded > 0);
      if (!usableLines) throw new CliError(`${folder} has no readable order_lines file; nothing to analyze.`, EXIT.failed);
      // A file was refused: nothing analyzed, but the batch's report and rows are written, so the user sees why.
      writeOutputs(opts.out, [{ name: REJECTED_FILE, text: () => toCsv(load.result.issues, issueColumns, csv) }], { ...loads, problem: load.result.problem, models: [] });
      const why = load.result.reports.filter((r) => r.error).map((r) => r.error).join('; ');
      throw new CliError(`nothing analyzed: ${why} (its rows are in ${REJECTED_FILE}; --allow-partial analyzes the rest)`, EXIT.fileRefused);
    }
    const outputs = await analyzeAll(runner, opts.params);
    for (const o of outputs) {
      const note = notInDataNote(Object.keys(o.not_in_data));
      log(o.status === 'ok' ? `  ${o.file}: ${o.rows.length} rows${note}` : `  ${o.file}: skipped, needs ${o.missing.join(', ')}`);
    }
    const rejected = await runner.engine.query(
      `SELECT table_name, source_file, line_number, severity, reason, raw FROM load_issues ORDER BY source_file, line_number`,
    );
    // People open every one of these files in spreadsheets, and text cells hold whatever the
    // exports held (a SKU, a reason, a raw line): formula-like text is neutralised in all.
    const files = [
      ...outputs.filter((o) => o.status === 'ok').map((o) => ({ name: o.file, text: () => toCsv(o.rows, o.columns, csv) })),
      { name: REJECTED_FILE, text: () => toCsv(rejected, issueColumns, csv) },
    ];
    const summary = {
      ...loads,
      models: outputs.map(({ rows, columns, ...meta }) => ({ ...meta, rows: rows.length, columns })),
      // Missing is not zero: the figures left empty because the data has no values for their inputs.
      not_in_data: notInDataSummary(outputs),
    };
    writeOutputs(opts.out, files, summary);
    log(`Wrote ${outputs.filter((o) => o.status === 'ok').length} model files to ${opts.out}`);
    return EXIT.ok;
  } finally {
    await runner.engine.close();
  }
}

/** The data folder exists, is a folder and can be listed: else a one-line usage error. */
function checkDataFolder(folder: string): void {
  try {
    if (!statSync(folder).isDirectory()) throw new CliError(`${folder} is not a folder`, EXIT.usage);
    readdirSync(folder);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (isFsError(e) && e.code === 'ENOENT') throw new CliError(`${folder}: no such folder`, EXIT.usage);
    throw new CliError(`${folder}: cannot read the data folder: ${fsReason(e)}`, EXIT.usage);
  }
}

/**
 * The figures a model's CSV leaves empty, for the console: "amount[rule=x]" keys of one row per
 * rule are grouped by column ("amount for bracketing, wardrobing"), so a model with a missing
 * input names it once per column, not once per row. summary.json keeps every key.
 */
function notInDataNote(keys: string[]): string {
  if (keys.length === 0) return '';
  const byColumn = new Map<string, string[]>();
  for (const k of keys) {
    const m = /^([^[]+)\[[^=]+=([^\]]+)\]$/.exec(k);
    const [column, row] = m ? [m[1]!, m[2]!] : [k, ''];
    byColumn.set(column, [...(byColumn.get(column) ?? []), ...(row ? [row] : [])]);
  }
  // Columns missing on the same rows are said together: "signals, amount for bracketing, wardrobing".
  const byRows = new Map<string, string[]>();
  for (const [c, rows] of byColumn) byRows.set(rows.join(', '), [...(byRows.get(rows.join(', ')) ?? []), c]);
  const parts = [...byRows].map(([rows, cols]) => (rows ? `${cols.join(', ')} for ${rows}` : cols.join(', ')));
  return ` (not in the data: ${parts.join('; ')})`;
}
