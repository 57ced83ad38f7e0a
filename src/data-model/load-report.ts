import type { CanonicalTable } from './contract';

/** What loading one file did: its rows read, loaded, rejected and warned (the load report's shape). */
export interface FileLoadReport {
  file: string;
  table: CanonicalTable | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsWarned: number;
  /** Set when the file could not be used at all; nothing from it was loaded. */
  error?: string;
  /** Columns of a canonical file the contract does not know (ignored). */
  ignoredColumns: string[];
}
