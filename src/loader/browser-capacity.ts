import { formatOf } from './file-kinds';

/**
 * How much data the page can hold. DuckDB-WASM is a 32-bit WebAssembly module: its memory can
 * never pass 4 GiB, and it cannot spill to disk. Past that a load does not slow down, it
 * crashes the worker, so a batch that would not fit is refused before anything is read.
 *
 * The estimate is calibrated on the Data page's own path (replace a batch: load it beside the
 * current data, copy it into the tables, derive), with the benchmark's generated files. The
 * tables are kept compressed (src/engine/compressed-storage.ts) and a load no longer sorts or
 * copies more than it must, so the wasm heap's high-water mark during a load is about 4 bytes
 * per byte of CSV: in DuckDB-WASM in Node, 711 MB for 1M order lines (162 MB of CSV) and
 * 3,170 MB for 5M (810 MB, while deriving lines_enriched); on the Data page in Chromium the 5M
 * lines loaded in 150 s with the renderer at 3.5 GB at its peak. (Before, with uncompressed
 * tables, 9 bytes per byte: 2M lines loaded and 3M ran out of memory while deriving.) The
 * budget leaves a quarter of a gigabyte over the 5M lines measured; a size between that and the
 * 4 GB the module can never pass was not tried. Parquet is compressed: the generator's five
 * files together are 4.6× smaller than their CSV (order lines alone 5.2×, returns 3.8×), and
 * the page stages each Parquet file's values as the same text cells a CSV file gives. JSON is about 1.6×
 * bigger than CSV.
 */
export const WASM_MEMORY_BYTES = 4 * 1024 ** 3;
/** What a batch may use of it: the engine, the app's tables and the query working memory need the rest. */
export const LOAD_BUDGET_BYTES = 3.25 * 1024 ** 3;
const PEAK_BYTES_PER_CSV_BYTE = 4;
const CSV_BYTES_PER_FILE_BYTE = { csv: 1, tsv: 1, parquet: 4.5, json: 0.6 } as const;
/** Bytes of CSV per order line with its share of shipments, returns and reviews (generator data, 1M lines: 157 MB). */
const CSV_BYTES_PER_ORDER_LINE = 157;

export interface SizedFile {
  name: string;
  size: number;
}

export interface CapacityEstimate {
  /** Estimated peak memory of loading these files, in bytes. */
  peakBytes: number;
  /** About how many order lines (with their returns etc.) the budget holds. */
  maxOrderLines: number;
  fits: boolean;
}

/**
 * `loadedBytes`: what DuckDB holds now (duckdb_memory()). The current data stays while a batch
 * loads, and is copied aside once more while the batch is swapped in, so it counts twice.
 */
export function estimateLoad(files: SizedFile[], loadedBytes = 0): CapacityEstimate {
  const csvBytes = files.reduce((sum, f) => sum + f.size * CSV_BYTES_PER_FILE_BYTE[formatOf(f.name) ?? 'csv'], 0);
  const peakBytes = csvBytes * PEAK_BYTES_PER_CSV_BYTE + 2 * loadedBytes;
  const maxOrderLines = Math.floor(LOAD_BUDGET_BYTES / PEAK_BYTES_PER_CSV_BYTE / CSV_BYTES_PER_ORDER_LINE);
  return { peakBytes, maxOrderLines, fits: peakBytes <= LOAD_BUDGET_BYTES };
}

/** The message shown instead of loading a batch that would not fit; null when it fits. */
export function capacityProblem(files: SizedFile[], locale?: string, loadedBytes = 0): string | null {
  const e = estimateLoad(files, loadedBytes);
  if (e.fits) return null;
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const gb = (b: number) => (b < 1024 ** 3 ? `${one.format(Math.round(b / 1024 ** 2))} MB` : `${one.format(b / 1024 ** 3)} GB`);
  const total = files.reduce((s, f) => s + f.size, 0);
  const lines = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(e.maxOrderLines);
  return (
    `These files (${gb(total)}) are too large for this page: loading them would need about ${gb(e.peakBytes)} ` +
    `of memory, and the database in a browser tab can never use more than ${gb(WASM_MEMORY_BYTES)} ` +
    `(it cannot spill to disk). The page holds up to about ${lines} order lines with their returns. ` +
    `Nothing was loaded; the current data is unchanged. For data this large use the command line, which ` +
    `runs the same SQL on native DuckDB and spills to disk: ` +
    `npx returns-insight analyze <folder> --out <dir> --engine native (see the README).`
  );
}
