import { NODE_API_INSTALL } from '../engine/native';

/** `returns-insight --help`. The exit codes are those of errors.ts (EXIT). */
export const HELP = `returns-insight: returns analytics on your own files, nothing leaves the machine.

Usage:
  returns-insight analyze <folder> --out <dir> [--mapping <file.json|folder> ...] [--param name=value ...]
                          [--engine wasm|native] [--memory-limit 4GB] [--threads N] [--database <file>] [--quiet]
                          [--currency EUR] [--rate USD=0.92 ...] [--allow-partial] [--debug]
  returns-insight import-check <file> [--preset <id>] [--mapping <file.json>] [--table <table>]
                               [--returns-file] [--out <mapping.json>]

<folder> holds one file per canonical table, named after it:
  order_lines.csv (required), products.csv, shipments.csv, returns.csv, reviews.csv
  (.csv, .tsv, .parquet or .json; ISO dates). See "Data contract" in the README.
An Excel workbook (.xlsx, .xlsm, .xls) in it counts as its sheets, each a file named
"book.xlsx › Sheet": a sheet named after a table whose header fits loads as that table; the
"files" patterns of a mapping match the sheet names.
A file's name is a hint, never a verdict: a file named like a table loads as that table
only when its header has the table's required columns. Without --mapping, any other CSV
or TSV export is read by the preset that recognises its columns (a flat sales export, a
list of returned orders, Shopify, Amazon ...) when that preset has no open question;
files that fit no table are listed as unused in summary.json.
With --mapping, it may instead hold exports as your platforms wrote them: each file whose
name matches a mapping's "files" patterns loads through that mapping (the other files of the
folder serve its lookups). --mapping can be repeated or name a folder of mappings (*.json);
data/mappings/ has mappings for the public sample data sets.

import-check reads one export, says which preset fits it (or suggests a mapping), prints the
mapping in words with any question left open (an ambiguous date order ...), tries it on the
file without keeping anything (rows that would load, be rejected or excluded, and why), and
with --out writes the mapping JSON to re-use with analyze --mapping: the mapping, every
column of the file (used, or ignored and why: "sourceColumns") and each open question with
how to answer it in the file ("questions"; schema/mapping.schema.json describes the format;
a date format left null does not load until answered). <file> may be a sheet:
"book.xlsx › Sheet". --returns-file: for a
Shopify orders export when a line-level returns file is loaded too (refunds are then not
turned into returns).

Writes to <dir>:
  <model>.csv              one per SQL model in queries/, over all the data (no date filter)
  <model>.<dim>.csv        models with a dimension parameter, once per dimension
                           (return_rate_by.sku.csv, cost_of_returns.reason.csv, ...)
  rejected_rows.csv        every row that was not loaded, with file, line and reason
  summary.json             what was loaded and rejected, each model's status and row count,
                           and "files": the files this run wrote
Before writing, the files an earlier run listed in <dir>/summary.json are removed, so no
stale model file stays beside the new ones; other files in <dir> are left alone. Text cells
that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are written
with a leading ' in every CSV; numbers are written as they are.

Options:
  --out <dir>              output folder (created if missing)
  --mapping <path>         a mapping JSON file, or a folder of them (repeatable)
  --param name=value       pass a model parameter, e.g. --param change_date=2025-01-01
                           (applies to every model that has that parameter; checked
                           against the models' headers: a real calendar date, one of an
                           enum's values, a number)
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
  --currency <code>        the reporting currency every money figure is in (default: the
                           most common currency of the order lines)
  --rate CODE=rate         reporting-currency units per one CODE, e.g. --rate USD=0.92
                           (repeatable). Lines in another currency without a rate are left
                           out of money figures (and said so in data_quality.csv), never summed
  --allow-partial          analyze even when a file of the folder cannot be used (it is
                           listed in summary.json as refused, each of its rows in
                           rejected_rows.csv); without it such a folder is refused (exit 3)
  --quiet                  print nothing but errors
  --debug                  with an error, also print where it happened (stack trace)
  --help                   this text

Models whose input columns are absent are listed in summary.json as "needs_columns" with
the missing columns, instead of writing wrong numbers.

Exit codes (errors are one line on stderr):
  0  done
  1  nothing to analyze or the run could not finish: no readable order_lines file, the
     engine did not start, a file could not be read or an output could not be written
  2  a mistake in the command: unknown command or option, a bad value (--param, --engine
     ...), a data folder that is missing or cannot be read, an --out that cannot be written
  3  a file of the folder could not be used, so nothing was analyzed (its rows are listed
     in rejected_rows.csv, the reason in summary.json): fix it, or --allow-partial to
     analyze the rest
  4  internal error: please report it with the output of the same command with --debug
  5  a file of the folder cannot be read without an answer (an export no preset fits, or
     a preset's question such as an ambiguous date order): nothing was loaded; each
     question is printed on its own line; answer it with a mapping (import-check --out)`;
