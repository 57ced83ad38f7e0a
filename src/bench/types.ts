import type { ReplayedView } from './native-replay';
import type { ResultChecksum } from './checksum';

/** What one side (the browser, or native DuckDB with some thread count) measured on one data size. */

export interface FileIngest {
  file: string;
  table: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** One entry per run, milliseconds (the loader or read_csv/read_parquet, file bytes already in hand). */
  ms: number[];
  /** Browser only: fetching the bytes from the local server (not part of `ms`). */
  fetchMs?: number[];
  error?: string;
}

export interface IngestPhase {
  /** How the files were read: the app's loader, or a plain read_csv/read_parquet. */
  method: string;
  files: FileIngest[];
  /** Rebuilding the derived tables (schema/derive.sql) after the files loaded. */
  deriveMs: number[];
  /** Files + derive, per run. */
  totalMs: number[];
  /** Per canonical table after the load: row count and an order-free hash of its rows. */
  tables: Record<string, TableFingerprint>;
  error?: string;
}

export interface TableFingerprint {
  rows: number;
  hash: string;
}

export interface ModelRun {
  label: string;
  model: string;
  status: 'ok' | 'needs_columns' | 'error';
  ms: number[];
  checksum?: ResultChecksum;
  missing?: string[];
  error?: string;
}

export interface MemorySample {
  phase: string;
  /** Peak resident memory of the process (browser: the page's renderer incl. DuckDB's worker and wasm). */
  peakRssMB: number | null;
  /** Peak JS heap used (browser main thread, sampled via CDP; native: V8 of the Node process). */
  jsHeapMB?: number | null;
  /** Memory DuckDB itself accounts for (duckdb_memory()), at the end of the phase. */
  duckdbMB?: number | null;
}

export interface SideResult {
  side: string;
  engineStartMs: number[];
  ingestCsv?: IngestPhase;
  ingestParquet?: IngestPhase;
  /** Native only: the app's own loader (stage as text, check every row) through the native adapter. */
  ingestAppLoader?: IngestPhase;
  models: ModelRun[];
  /** Native only: each all-pages view's statements, as the page ran them (src/bench/native-replay.ts). */
  pages?: ReplayedView[];
  memory: MemorySample[];
  /** Hash per SQL file the side ran (the browser's bundled copy must equal the files on disk). */
  sources?: Record<string, string>;
  /** DuckDB's version() as the side reports it. */
  engineVersion?: string;
  /** The app's capacity check refused the files (too large for a browser tab), with its message. */
  refused?: string;
  error?: string;
}

export interface InteractionResult {
  /** Loading the five CSV files through the Data page's file input until the page says loaded. */
  dataPageLoadMs?: number;
  /** Overview after that load, until no panel is busy. */
  overviewAfterLoadMs?: number;
  /** Filter changes on Overview once the filter indexes are built: URL change → last panel updated. */
  filterChangeMs: number[];
  filterChanges: string[];
  /** The first filter change, made at once after that (the filter indexes still being built). */
  firstChange?: string;
  firstChangeMs?: number;
  /**
   * Back on the unfiltered Overview after the first change, until the page had built every filter
   * index that view queued; null when it queued none within 10 s (all were built already).
   */
  indexesReadyMs?: number | null;
  /** Filter changes no index answers (two values of one dimension): every panel runs its SQL. */
  noIndexChangeMs: number[];
  noIndexChanges: string[];
  memory: MemorySample[];
  error?: string;
  /** The Data page refused the files as too large, with the message it showed. */
  refused?: string;
}

export interface SizeResult {
  size: string;
  dir: string;
  rows: Record<string, number>;
  browser?: SideResult;
  interaction?: InteractionResult;
  storedReopen?: StoredReopenResult;
  allPages?: AllPagesResult;
  native: SideResult[];
}

/** Every analysis page right after a load (src/bench/all-pages.ts). */
export interface AllPagesResult {
  size: string;
  pages: { page: string; openMs: number; changes: { change: string; ms: number; noBusy: boolean }[] }[];
  /** The SQL each view ran (src/bench/native-replay.ts), for the native side. */
  replayFile?: string;
  /** The Data page refused the files as too large for a tab, with the message it showed. */
  refused?: string;
  error?: string;
}

/** A loaded data set kept in the browser and reopened after browser restarts (src/bench/stored-reopen.ts). */
export interface StoredReopenResult {
  size: string;
  orderLines: number;
  /** After the load: until the Data page says the copy is kept (derived tables and first screen included). */
  keepMs?: number;
  /** The site's storage use once kept (navigator.storage.estimate). */
  keptBytes?: number | null;
  /** The Overview's order count after the load; every reopen must show it. */
  orders?: string | null;
  /** Per run: navigation → the Overview shows every number (no panel busy, still so a second later). */
  overviewMs: number[];
  /** Per run: navigation → the kept tables are read back (ri:data-ready). */
  dataReadyMs: number[];
  error?: string;
}

/** One link opened on the demo data (src/bench/cold-links.ts). */
export interface ColdLinkResult {
  label: string;
  search: string;
  /** Fresh browser profile: navigation → the view shows its numbers, one entry per run. */
  coldMs: number[];
  /** The same link again in a new tab of that browser (HTTP cache warm). */
  repeatMs: number[];
  error?: string;
}

export interface GeneralResult {
  /** Cold HTTP cache, first navigation to the app on the demo data until the Overview is idle. */
  firstDashboardColdMs?: number;
  firstDashboardWarmMs: number[];
  /** The JS index.html loads up front (entry + modulepreload), gzipped, DuckDB's wasm excluded. */
  initialJsGzipKB?: number;
  initialJsFiles?: string[];
  browserEngineStartMs: number[];
  /** Of the engine start: instantiating DuckDB-WASM (fetch + compile wasm, start the worker). */
  browserInstantiateMs: number[];
  /** Cold opens of the default Overview and 8 other links, side by side in one run. */
  coldLinks?: ColdLinkResult[];
  error?: string;
}

export interface BenchResult {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; cpuModel: string; memGB: number; node: string; chromium?: string; loadAvg: number[] };
  options: { sizes: string[]; runs: number; seed: string; browser: boolean; native: boolean };
  versions: { duckdbWasm: string; nodeApi?: string; nativeDuckdb?: string };
  general?: GeneralResult;
  sizes: SizeResult[];
}
