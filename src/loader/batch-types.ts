import type { Row } from '../engine/types';
import type { ByteSource } from './file-kinds';
import type { ImportSql } from './import/apply';
import type { JoinCoverage } from './import/coverage';
import type { MappingSpec } from './import/spec';
import type { ModelRequest } from '../runner/first-screen';
import type { BatchFileReport } from './load-file';

/** The shapes of a batch load (src/loader/replace-data.ts): the files, progress, options and outcome. */

/**
 * A file of the batch. `bytes` may be read lazily (a function, which counts as the read step)
 * or be a browser File / Blob: then CSV-like files are read from it in pieces as they load,
 * never whole (Parquet and JSON are parsed whole), and progress counts the rows read.
 */
export interface BatchFile {
  name: string;
  /** In memory, a browser File / Blob, a source read in pieces (a path in Node), or read when needed. */
  bytes: Uint8Array | Blob | ByteSource | (() => Promise<Uint8Array>);
  /** The file's size in bytes, known before it is read (the browser's capacity check; a Blob says its own). */
  size?: number;
  /**
   * How to read a file that is not a canonical table file (a platform export): the mapping
   * step's spec. Without it the file must be named after its table.
   */
  mapping?: MappingSpec;
  /**
   * The file only serves the lookups of the batch's mappings (a categories or territories
   * list): it is handed to every mapping whose lookups name it and is not loaded itself. Its
   * report accounts for its rows as the lookups read them (load_log under lookup:<name>).
   */
  lookupOnly?: boolean;
}

export type ReplaceStep = 'reading' | 'loading' | 'checking' | 'replacing' | 'deriving' | 'done';

export interface ReplaceProgress {
  step: ReplaceStep;
  /** 1-based position of the file being read or loaded (in load order); 0 for the batch-wide steps. */
  fileIndex: number;
  fileCount: number;
  file: string | null;
  /** Data rows read so far: by the files already loaded, plus those of the current file read so far. */
  rowsRead?: number;
  /** About how many records the current file holds (line breaks counted once read; null for Parquet / JSON). */
  fileRows?: number | null;
}


export interface ReplaceResult {
  /** True when the batch is now the data. */
  replaced: boolean;
  /** One report per file, in the order given. */
  reports: BatchFileReport[];
  /** Why the previous data was kept (replaced = false), in plain words. */
  problem: string | null;
  /** Files whose rows are now in the tables (replaced = true). */
  loadedFiles: string[];
  /**
   * Files of the batch that could not be used at all (each report has its `error`; their rows
   * count as read and rejected). Any of them keeps the previous data unless allowPartial.
   */
  refusedFiles: string[];
  /** How the batch's tables join (join_coverage on the batch); null when it could not run. */
  coverage: JoinCoverage[] | null;
  /**
   * The load_issues rows of a refused batch (up to ISSUE_CAP, by file and line), so its
   * rejects can still be downloaded; empty when the batch replaced the data (its rows are in
   * load_issues: rejected_rows lists them).
   */
  issues: Row[];
}

/** Most load_issues rows a refused batch hands back. */
export const ISSUE_CAP = 100_000;

export interface ReplaceOptions {
  /** The import engine's SQL (queries/import/*.sql). Default: from the runner's query sources. */
  importSql?: ImportSql;
  /**
   * Replace the data even when some files of the batch could not be used (the user accepted the
   * partial batch: the page asks, the CLI takes --allow-partial). Default false: a batch
   * replaces the data only when every file in it is usable.
   */
  allowPartial?: boolean;
  /** "Now" for the future-date warnings (tests). */
  now?: Date;
  /**
   * Models the load answers on the new data before it says it is done, kept as their answers
   * (load-answers.ts), so the page opened next shows them at once instead of sharing the
   * worker with them. The page passes the Overview's first screen, which it computes right
   * after every load anyway (the copy kept in the browser stores it). Default: none.
   */
  answerAhead?: readonly ModelRequest[];
  /** Create the rule macros the Customers, Signals and Leakage models create on first use (Runner.createRuleMacros) before saying done: the page does. */
  macrosAhead?: boolean;
}
